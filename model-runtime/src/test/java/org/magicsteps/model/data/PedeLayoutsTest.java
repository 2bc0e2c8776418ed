package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.PedeDomain;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.TestGraphs;
import org.magicsteps.model.bundle.ServedSchema;
import org.magicsteps.model.data.Sheets.Dated;

/** Every year's sheet read the same way, on small sheets written here in each year's layout. */
class PedeLayoutsTest {

    private static final List<String> HEADERS_2023 = PedeYears.HEADERS_2023;
    private static final List<String> HEADERS_2024 = PedeYears.HEADERS_2024;

    private static final FeatureSchema SCHEMA = ServedSchema.of(TestGraphs.pedeManifest("m", "1", 18),
            PedeDomain.of(2024));

    @TempDir
    Path dir;

    private static List<Object> row(List<String> headers, Object... cells) {
        return PedeYears.row(headers, cells);
    }

    private static List<Object> student2023(String ra, Object... changes) {
        return PedeYears.student(2023, ra, changes);
    }

    private Path workbook(String name, List<String> headers, List<List<Object>> rows) throws IOException {
        List<List<Object>> all = new ArrayList<>();
        all.add(new ArrayList<>(headers));
        all.addAll(rows);
        return Sheets.xlsx(dir.resolve(name), List.of(name.replace(".xlsx", "").toUpperCase()), all);
    }

    private static List<SheetRow> read(Path file) {
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).open(file, null)) {
            return sheet.readAll();
        }
    }

    private static StudentFeatures valid(SheetRow row) {
        return SCHEMA.parse(row.features()).orThrow();
    }

    @Test
    void the2023SheetIsRecognisedByItsHeadersAndReadWithItsOwnYear() throws IOException {
        Path file = workbook("pede2023.xlsx", HEADERS_2023, List.of(student2023("RA-1")));
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).open(file, null)) {
            assertEquals("PEDE 2023", sheet.layout());
            StudentFeatures s = valid(sheet.readAll().get(0));
            assertEquals(7.4, s.number("score_inde").orElseThrow(), "INDE 2023, not the earlier years' INDE 22");
            assertEquals(12.0, s.number("idade").orElseThrow());
            assertEquals(-1.0, s.number("defasagem").orElseThrow());
            assertEquals(3.0, s.number("fase").orElseThrow());
            assertEquals("a", s.category("turma").orElseThrow());
            assertEquals("menina", s.category("genero").orElseThrow());
        }
    }

    @Test
    void phaseAndClassCodesOfEveryYearAreOne() throws IOException {
        Path file = workbook("codes.xlsx", HEADERS_2024, List.of(
                row(HEADERS_2024, "RA", "1", "Fase", "ALFA", "Turma", "ALFA A - G0/G1"),
                row(HEADERS_2024, "RA", "2", "Fase", "FASE 8", "Turma", "8E"),
                row(HEADERS_2024, "RA", "3", "Fase", "7E"),
                row(HEADERS_2024, "RA", "4", "Fase", 9, "Turma", "9"),
                row(HEADERS_2024, "RA", "5", "Fase", "4M", "Turma", "4M"),
                row(HEADERS_2024, "RA", "6", "Fase", 2, "Turma", "B")));
        List<SheetRow> rows = read(file);
        assertEquals(List.of(0.0, 8.0, 7.0, 9.0, 4.0, 2.0), rows.stream()
                .map(r -> Double.parseDouble(r.features().get("fase").toString())).toList());
        assertEquals(Arrays.asList("a", "e", "e", "9", "m", "b"), rows.stream()
                .map(r -> r.features().get("turma") == null ? null : r.features().get("turma").toString()
                        .toLowerCase()).toList(), "7E alone gives its class; a bare number is no class letter");
    }

    @Test
    void gendersStonesPlaceholdersAndErrorCellsAreRead() throws IOException {
        Path file = workbook("words.xlsx", HEADERS_2023, List.of(
                student2023("RA-1", "Gênero", "Masculino", "Pedra 2023", "Agata", "Pedra 22", "Ágata"),
                student2023("RA-2", "Pedra 2023", "INCLUIR", "INDE 2023", "INCLUIR", "Pedra 22", "Topázio",
                        "Pedra 21", "Quartzo"),
                student2023("RA-3", "IPV", Sheets.NA, "Pedra 2023", "#DIV/0!", "Pedra 22", null)));
        List<SheetRow> rows = read(file);
        assertEquals("menino", valid(rows.get(0)).category("genero").orElseThrow());
        assertEquals("Ágata", rows.get(0).features().get("pedra_modal"), "Agata and Ágata are one stone");
        assertFalse(rows.get(1).features().containsKey("score_inde"), "INCLUIR is no INDE");
        assertEquals("Quartzo", rows.get(1).features().get("pedra_modal"),
                "INCLUIR is no stone: Topázio and Quartzo tie, Quartzo spells first");
        assertFalse(rows.get(2).features().containsKey("score_ipv"), "#N/A is no IPV");
        assertFalse(rows.get(2).features().containsKey("pedra_modal"));
        assertEquals(List.of("score_ipv: is required but missing", "pedra_modal: is required but missing"),
                SCHEMA.parse(rows.get(2).features()).violations().stream().map(v -> v.message()).toList()
                        .stream().filter(m -> m.startsWith("score_ipv") || m.startsWith("pedra_modal")).toList());
    }

    @Test
    void agesStoredAsDatesNumbersWithDecimalCommasAndNoiseAtABoundAreRead() throws IOException {
        Path file = workbook("numbers.xlsx", HEADERS_2023, List.of(
                student2023("RA-1", "Idade", new Dated(8), "IAA", 10.002, "IPV", 10.01, "IEG", "9,5"),
                student2023("RA-2", "Idade", "1900-01-11", "IAA", 10.2, "IDA", -0.03)));
        List<SheetRow> rows = read(file);
        StudentFeatures first = valid(rows.get(0));
        assertEquals(8.0, first.number("idade").orElseThrow());
        assertEquals(10.0, first.number("score_iaa").orElseThrow());
        assertEquals(10.0, first.number("score_ipv").orElseThrow());
        assertEquals(9.5, first.number("score_ieg").orElseThrow());
        assertEquals("11", rows.get(1).features().get("idade").toString());
        assertEquals(0.0, Double.parseDouble(rows.get(1).features().get("score_ida").toString()));
        assertEquals(List.of("score_iaa: 10.2 is above the maximum 10"), SCHEMA.parse(rows.get(1).features())
                .violations().stream().map(v -> v.message()).toList(), "further from the bound is refused");
    }

    @Test
    void blankRankingsAreTheRankOfTheInde() throws IOException {
        Path file = workbook("ranks.xlsx", HEADERS_2023, List.of(
                student2023("RA-1", "INDE 2023", 8.0, "Fase", "FASE 1", "Turma", "1A"),
                student2023("RA-2", "INDE 2023", 9.0, "Fase", "FASE 1", "Turma", "1B"),
                student2023("RA-3", "INDE 2023", 8.0, "Fase", "FASE 1", "Turma", "1A"),
                student2023("RA-4", "INDE 2023", 7.0, "Fase", "FASE 1", "Turma", "1A"),
                student2023("RA-5", "INDE 2023", 9.5, "Fase", "FASE 2", "Turma", "2A"),
                student2023("RA-6", "INDE 2023", Sheets.NA, "Fase", "FASE 2", "Turma", "2A"),
                student2023("RA-7", "INDE 2023", 6.0, "Fase", "FASE 2", "Turma", "2A", "Cg", 99, "Cf", 98, "Ct", 97)));
        List<SheetRow> rows = read(file);
        // Overall: 9.5, 9.0, 8.0, 8.0, 7.0, 6.0 → ranks 1, 2, 3, 3, 5, 6 (ties share the better rank).
        assertEquals(List.of("3/2/1", "2/1/1", "3/2/1", "5/4/3", "1/1/1", "-", "99/98/97"), rows.stream()
                .map(r -> r.features().containsKey("nota_cg") ? r.features().get("nota_cg") + "/"
                        + r.features().get("nota_cf") + "/" + r.features().get("nota_ct") : "-").toList(),
                "a row without INDE gets none; a row's own rankings stay");
    }

    @Test
    void rankingColumnsThatAreMissingAreRecomputedAndA2022SheetKeepsItsOwn() throws IOException {
        Path withoutRankings = Files.writeString(dir.resolve("noranks.csv"), "RA,Fase,Turma,INDE 22\n"
                + "RA-1,1,A,7.0\nRA-2,1,A,8.5\nRA-3,2,A,6.0\n", StandardCharsets.UTF_8);
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("fase", "turma", "score_inde", "nota_cg", "nota_cf",
                "nota_ct"), java.util.Set.of("nota_cg", "nota_cf", "nota_ct")).open(withoutRankings, null)) {
            assertEquals(List.of("2/2/2", "1/1/1", "3/1/1"), sheet.readAll().stream()
                    .map(r -> r.features().get("nota_cg") + "/" + r.features().get("nota_cf") + "/"
                            + r.features().get("nota_ct")).toList());
        }
        Path blank2022 = Files.writeString(dir.resolve("blank2022.csv"), "RA,Fase,Turma,INDE 22,Cg,Cf,Ct\n"
                + "RA-1,1,A,7.0,,,\nRA-2,1,A,8.5,1,1,1\n", StandardCharsets.UTF_8);
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("fase", "turma", "score_inde", "nota_cg"),
                java.util.Set.of("nota_cg")).open(blank2022, null)) {
            assertFalse(sheet.readAll().get(0).features().containsKey("nota_cg"),
                    "the 2022 sheet fills its rankings: a blank one stays missing, as before");
        }
    }

    @Test
    void the2024LayoutIsReadFromItsHeaderList() throws IOException {
        Path file = workbook("pede2024.xlsx", HEADERS_2024, List.of(row(HEADERS_2024, "RA", "RA-9", "Fase", "7E",
                "INDE 2024", 7.7, "Pedra 2024", "Topázio", "Pedra 23", "Ametista", "Pedra 22", "Topázio",
                "Pedra 21", "Ágata", "INDE 23", 5.0, "Idade", 16, "Gênero", "Masculino", "Ano ingresso", 2024,
                "Nº Av", 6, "IAA", 9.0, "IEG", 8.8, "IPS", 7.5, "IDA", 7.1, "IPV", 8.0, "IAN", 10, "Defasagem", 0,
                "Escola", "Pública", "Ativo/ Inativo", "Cursando")));
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).open(file, null)) {
            assertEquals("PEDE 2024", sheet.layout());
            SheetRow row = sheet.readAll().get(0);
            StudentFeatures s = valid(row);
            assertEquals(7.7, s.number("score_inde").orElseThrow());
            assertEquals("topázio", s.category("pedra_modal").orElseThrow(), "the mode of Pedra 2024, 23 and 22");
            assertEquals(7.0, s.number("fase").orElseThrow());
            assertEquals("e", s.category("turma").orElseThrow());
            assertEquals(2024.0, s.number("ano_ingresso").orElseThrow());
            assertEquals(6.0, s.number("num_avaliacoes").orElseThrow());
            assertEquals(1.0, s.number("nota_cg").orElseThrow());
        }
    }

    @Test
    void headersThatDifferInSpacingCaseOrAccentsMatch() throws IOException {
        Path file = Files.writeString(dir.resolve("loose.csv"), String.join(",", "ra", " FASE ", "idade  22",
                "GENERO", "ano   ingresso", "pedra 20", "PEDRA 21", "Pédra 22", "inde 22", "cg", "CF", "ct", "nº av",
                "iaa", "ieg", "ips", "ida", "ipv", "ian", "defas", "TURMA") + "\n"
                + "RA-1,3,12,Menina,2020,,Ametista,Quartzo,7.1,300,60,8,3,8.0,7.5,6.9,6.2,7.3,5.0,-1,B\n",
                StandardCharsets.UTF_8);
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).open(file, null)) {
            assertEquals("PEDE 2022", sheet.layout());
            assertTrue(SCHEMA.parse(sheet.readAll().get(0).features()).isValid());
        }
    }

    @Test
    void anUnknownLayoutNamesWhatItCouldNotFindAndTheHeadersItSaw() throws IOException {
        Path file = Files.writeString(dir.resolve("other.csv"), "Aluno,Nota,Turno\nA,7,manhã\n");
        MissingColumnsException e = assertThrows(MissingColumnsException.class,
                () -> PedeSheetReader.forSchema(SCHEMA).open(file, null));
        assertEquals(18, e.missing().size(), e.getMessage());
        assertTrue(e.getMessage().contains("score_inde (accepted headers: score_inde, INDE 22)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("its headers are: Aluno, Nota, Turno"), e.getMessage());
    }

    @Test
    void aSheetHeldInMemoryReadsAsTheFile() throws IOException {
        Path file = workbook("upload.xlsx", HEADERS_2023, List.of(student2023("RA-1"), student2023("RA-2")));
        try (PedeSheet fromFile = PedeSheetReader.forSchema(SCHEMA).open(file, null);
                PedeSheet upload = PedeSheetReader.forSchema(SCHEMA).open(Files.readAllBytes(file), "upload.xlsx",
                        null)) {
            assertEquals("upload.xlsx", upload.source());
            assertEquals(fromFile.readAll().stream().map(SheetRow::features).toList(),
                    upload.readAll().stream().map(SheetRow::features).toList());
        }
        assertNull(PedeValues.classOfPhase("FASE 3"));
    }
}
