package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.Shared;
import org.magicsteps.model.TestGraphs;

class PedeSheetReaderTest {

    private static final FeatureSchema SCHEMA = TestGraphs.pedeManifest("m", "1", 18).schema();
    private static final String PEDE_HEADER = "RA,Fase,Turma,Nome,Idade 22,Gênero,Ano ingresso,Pedra 20,Pedra 21,Pedra 22,"
            + "INDE 22,Cg,Cf,Ct,Nº Av,IAA,IEG,IPS,IDA,Atingiu PV,IPV,IAN,Defas";

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void thePedeLayoutIsReadInCanonicalNames() throws IOException {
        Path file = csv("pede.csv", PEDE_HEADER + "\n"
                + "RA-1,7,A,Aluno-1,19,Menina,2016,Ametista,Ametista,Quartzo,5.783,753,18,10,4,8.3,4.1,5.6,4.0,Não,7.278,5.0,-1\n"
                + "\n"
                + " RA-2 ,2, b ,\"Aluno,\n2\",10, MENINO ,2021,,Ágata,Topázio,7.1,300,60,8,3,8.0,7.5,6.9,6.2,Sim,8.4,5.0,0\n");
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).withTarget().open(file, null)) {
            assertTrue(sheet.hasStudentId());
            List<SheetRow> rows = sheet.readAll();
            assertEquals(2, rows.size());
            SheetRow first = rows.get(0);
            assertEquals(2, first.line());
            assertEquals("RA-1", first.studentId());
            assertEquals("19", first.features().get("idade"));
            assertEquals("5.783", first.features().get("score_inde"));
            assertEquals("4", first.features().get("num_avaliacoes"));
            assertEquals("Ametista", first.features().get("pedra_modal"));
            assertEquals(18, first.features().size());
            assertFalse(first.target());
            SheetRow second = rows.get(1);
            assertEquals(4, second.line(), "the blank line 3 counts; the record starts on line 4");
            assertEquals("RA-2", second.studentId());
            assertEquals("Topázio", second.features().get("pedra_modal"), "a tie goes to the smaller spelling");
            assertTrue(second.target());
            var parsed = SCHEMA.parse(second.features()).orThrow();
            assertEquals("b", parsed.category("turma").orElseThrow());
            assertEquals("menino", parsed.category("genero").orElseThrow());
            assertEquals("topázio", parsed.category("pedra_modal").orElseThrow());
        }
    }

    @Test
    void canonicalHeadersWorkToo() throws IOException {
        String header = String.join(",", SCHEMA.names()) + ",student_id";
        Path file = csv("canonical.csv", header + "\n3,12,2020,7.1,8,7.5,6.9,6.2,7.3,5,300,60,8,3,-1,B,Menina,ametista,s-9\n");
        try (PedeSheet sheet = PedeSheetReader.forSchema(SCHEMA).open(file, null)) {
            SheetRow row = sheet.readAll().get(0);
            assertEquals("s-9", row.studentId());
            assertTrue(SCHEMA.parse(row.features()).isValid());
            assertNull(row.target());
        }
    }

    @Test
    void aMissingColumnStopsTheReadNamingEveryOneAndItsHeaders() throws IOException {
        Path file = csv("partial.csv", "RA,Fase,Turma,Gênero,INDE 22,IAA,IEG,IPS,IDA,IPV,IAN,Cg,Cf,Ct,Nº Av,Defas\n1,2\n");
        MissingColumnsException e = assertThrows(MissingColumnsException.class,
                () -> PedeSheetReader.forSchema(SCHEMA).open(file, null));
        assertEquals(List.of("idade", "ano_ingresso", "pedra_modal"), List.copyOf(e.missing().keySet()));
        assertTrue(e.getMessage().startsWith(file + ": missing 3 columns: "), e.getMessage());
        assertTrue(e.getMessage().contains("idade (accepted headers: idade, Idade 22)"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "pedra_modal (accepted headers: pedra_modal, or any of Pedra 20, Pedra 21, Pedra 22)"), e.getMessage());
        MissingColumnsException target = assertThrows(MissingColumnsException.class, () -> PedeSheetReader
                .forFeatures(List.of("fase"), Set.of("fase")).withTarget().open(file, null));
        assertTrue(target.getMessage().contains("atingiu_pv (accepted headers: Atingiu PV, atingiu_pv)"),
                target.getMessage());
    }

    @Test
    void anOptionalFeatureMayLackItsColumn() throws IOException {
        Path file = csv("fase.csv", "Fase,IAA\n3,\n");
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("fase", "score_iaa"), Set.of("fase")).open(file, null)) {
            assertFalse(sheet.hasStudentId());
            SheetRow row = sheet.readAll().get(0);
            assertEquals(Map.of("fase", "3"), row.features(), "a blank cell is left out");
            assertNull(row.studentId());
        }
    }

    @Test
    void twoColumnsForOneFeatureAreRefused() throws IOException {
        Path file = csv("twice.csv", "Fase, fase \n1,2\n");
        SheetException e = assertThrows(SheetException.class,
                () -> PedeSheetReader.forFeatures(List.of("fase"), Set.of("fase")).open(file, null));
        assertTrue(e.getMessage().contains("columns 1 ('Fase') and 2 (' fase ') both give fase"), e.getMessage());
    }

    @Test
    void anUnreadableTargetIsARowProblem() throws IOException {
        Path file = csv("target.csv", "Fase,Atingiu PV\n1,Sim\n2,talvez\n3,\n");
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("fase"), Set.of("fase")).withTarget().open(file, null)) {
            List<SheetRow> rows = sheet.readAll();
            assertTrue(rows.get(0).problems().isEmpty());
            assertEquals("atingiu_pv: 'talvez' is not Sim or Não", rows.get(1).problems().get(0).message());
            assertEquals("atingiu_pv: is required but missing", rows.get(2).problems().get(0).message());
        }
    }

    @Test
    void aSemicolonFileFromPortugueseExcelIsRead() throws IOException {
        byte[] content = "RA;INDE 22;Gênero\nRA-1;5,783;Menina\n".getBytes(Charset.forName("windows-1252"));
        Path file = Files.write(dir.resolve("excel.csv"), content);
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("score_inde", "genero"), Set.of("score_inde", "genero"))
                .open(file, null)) {
            SheetRow row = sheet.readAll().get(0);
            assertEquals("5.783", row.features().get("score_inde"));
            assertEquals("Menina", row.features().get("genero"));
        }
    }

    @Test
    void aWorkbookIsReadFromTheNamedOrFirstSheet() throws IOException {
        Path file = Sheets.xlsx(dir.resolve("pede.xlsx"), List.of("Resumo", "PEDE2022"), List.of(
                List.of("RA", "Fase", "INDE 22", "Pedra 21", "Pedra 22", "Turma"),
                List.of("RA-7", 3, 7.25, "Quartzo", "Quartzo", "C"),
                List.of(),
                List.of(12345, 4, 6.5, "", "Ágata", "D")));
        try (PedeSheet sheet = PedeSheetReader.forFeatures(List.of("fase", "score_inde", "pedra_modal", "turma"),
                Set.of("fase", "pedra_modal")).open(file, "PEDE2022")) {
            List<SheetRow> rows = sheet.readAll();
            assertEquals(2, rows.size());
            assertEquals(2, rows.get(0).line());
            assertEquals(new BigDecimal("7.25"), rows.get(0).features().get("score_inde"));
            assertEquals("Quartzo", rows.get(0).features().get("pedra_modal"));
            assertEquals(4, rows.get(1).line());
            assertEquals("12345", rows.get(1).studentId());
            assertEquals("Ágata", rows.get(1).features().get("pedra_modal"));
        }
        SheetException e = assertThrows(SheetException.class,
                () -> PedeSheetReader.forFeatures(List.of("fase"), Set.of()).open(file, "PEDE2023"));
        assertEquals(file + ": has no sheet 'PEDE2023'; its sheets are [Resumo, PEDE2022]", e.getMessage());
    }

    @Test
    void missingAndUnreadableFilesAreNamed() throws IOException {
        Path missing = dir.resolve("absent.csv");
        assertEquals(missing + ": does not exist", assertThrows(SheetException.class,
                () -> PedeSheetReader.forSchema(SCHEMA).open(missing, null)).getMessage());
        Path empty = csv("empty.csv", "");
        assertEquals(empty + ": is empty; expected a header line", assertThrows(SheetException.class,
                () -> PedeSheetReader.forSchema(SCHEMA).open(empty, null)).getMessage());
        Path brokenZip = Files.write(dir.resolve("broken.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2});
        assertTrue(assertThrows(SheetException.class, () -> PedeSheetReader.forSchema(SCHEMA).open(brokenZip, null))
                .getMessage().startsWith(brokenZip + ": "));
    }

    @Test
    void theSharedCsvAndWorkbookHoldTheSameValidStudents() {
        Path data = Shared.require("data");
        FeatureSchema seedSchema = ModelBundle.load(Shared.seedModel()).manifest().schema();
        PedeSheetReader reader = PedeSheetReader.forSchema(seedSchema).withTarget();
        List<SheetRow> csvRows;
        List<SheetRow> xlsxRows;
        try (PedeSheet csv = reader.open(data.resolve("pede2022.csv"), null);
                PedeSheet xlsx = reader.open(data.resolve("pede2022.xlsx"), "PEDE2022")) {
            csvRows = csv.readAll();
            xlsxRows = xlsx.readAll();
        }
        assertEquals(688, csvRows.size());
        assertEquals(688, xlsxRows.size());
        long reached = 0;
        for (int i = 0; i < csvRows.size(); i++) {
            SheetRow a = csvRows.get(i);
            SheetRow b = xlsxRows.get(i);
            assertEquals(a.studentId(), b.studentId());
            assertEquals(a.target(), b.target());
            assertEquals(seedSchema.parse(a.features()).orThrow(), seedSchema.parse(b.features()).orThrow(), a.studentId());
            assertTrue(a.problems().isEmpty());
            reached += a.target() ? 1 : 0;
        }
        assertEquals(90, reached);
        assertEquals("RA-1", csvRows.get(0).studentId());
        assertEquals("Ametista", csvRows.get(0).features().get("pedra_modal"));
    }
}
