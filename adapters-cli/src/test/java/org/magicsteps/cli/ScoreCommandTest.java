package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.model.Shared;
import org.magicsteps.model.TestGraphs;
import org.magicsteps.model.data.Sheets;

class ScoreCommandTest {

    private static final String HEADER = "RA,Fase,Turma,Idade 22,Gênero,Ano ingresso,Pedra 20,Pedra 21,Pedra 22,"
            + "INDE 22,Cg,Cf,Ct,Nº Av,IAA,IEG,IPS,IDA,IPV,IAN,Defas,Nome";
    private static final float[] WEIGHTS = {0.5f, -0.3f, 0.2f, 1.1f, 0.4f, 0.6f, -0.2f, 0.9f, 4.5f, -0.4f, -0.8f, 0.1f,
        0.05f, 0.3f, 0.7f, 0.02f, -0.6f, 0.25f};

    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void saveModel() {
        model = TestGraphs.pedeBundle(WEIGHTS, -4f).save(dir.resolve("model"));
    }

    private static String row(String ra, String ipv, String inde) {
        return ra + ",3,B,12,Menina,2020,,Ametista,Quartzo," + inde + ",300,60,8,3,8.0,7.5,6.9,6.2," + ipv
                + ",5.0,-1,Aluno";
    }

    private Path csv(String... rows) throws IOException {
        return Files.writeString(dir.resolve("in.csv"), HEADER + "\n" + String.join("\n", rows) + "\n");
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .getRecords());
        }
    }

    @Test
    void aCsvSheetIsScoredIntoTheDocumentedColumns() throws IOException {
        Path out = dir.resolve("out/scores.csv");
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input",
                csv(row("RA-1", "9.5", "7.1"), row("RA-2", "3.0", "5.2"), row("RA-3", "7.0", "6.0")).toString(),
                "--output", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("read 3 rows, scored 3, rejected 0 in "), run.out());
        assertTrue(Files.readString(out).startsWith(
                "student_id,probability,prediction,confidence,threshold,model_version,warnings\n"));
        List<CSVRecord> records = read(out);
        assertEquals(List.of("RA-1", "RA-2", "RA-3"), records.stream().map(r -> r.get("student_id")).toList());
        for (CSVRecord r : records) {
            String probability = r.get("probability");
            assertTrue(probability.matches("[01]\\.\\d{10,}"), probability);
            double p = Double.parseDouble(probability);
            assertEquals(String.valueOf(p >= 0.5 ? 1 : 0), r.get("prediction"));
            assertEquals(Confidence.of(p, new Threshold(0.5)).label(), r.get("confidence"));
            assertEquals("0.5", r.get("threshold"));
            assertEquals("synthetic-1", r.get("model_version"));
        }
        assertTrue(Double.parseDouble(records.get(0).get("probability")) > Double.parseDouble(records.get(1).get("probability")),
                "a higher IPV scores higher with this model");
        try (var leftovers = Files.list(out.getParent())) {
            assertEquals(List.of(out), leftovers.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aWorkbookSheetIsScoredAndTheThresholdCanBeOverridden() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of((Object[]) HEADER.split(",")));
        rows.add(List.of("RA-1", 3, "B", 12, "Menina", 2020, "", "Ametista", "Quartzo", 7.1, 300, 60, 8, 3, 8.0, 7.5, 6.9,
                6.2, 9.5, 5.0, -1, "Aluno"));
        rows.add(List.of(77, 3, "B", 12, "Menino", 2020, "Ágata", "Ágata", "Quartzo", 7.1, 300, 60, 8, 3, 8.0, 7.5, 6.9,
                6.2, 3.0, 5.0, -1, "Aluno"));
        Path xlsx = Sheets.xlsx(dir.resolve("in.xlsx"), List.of("Capa", "PEDE2022"), rows);
        Path out = dir.resolve("scores.csv");
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input", xlsx.toString(), "--sheet", "PEDE2022",
                "--output", out.toString(), "--threshold", "0.999");
        assertEquals(0, run.exitCode(), run::toString);
        List<CSVRecord> records = read(out);
        assertEquals(List.of("RA-1", "77"), records.stream().map(r -> r.get("student_id")).toList());
        for (CSVRecord r : records) {
            assertEquals("0.999", r.get("threshold"));
            assertEquals(Double.parseDouble(r.get("probability")) >= 0.999 ? "1" : "0", r.get("prediction"));
        }
        CliRun missingSheet = CliRun.of("score", "--model", model.toString(), "--input", xlsx.toString(), "--sheet",
                "PEDE2023", "--output", out.toString());
        assertEquals(2, missingSheet.exitCode());
        assertTrue(missingSheet.err().contains("has no sheet 'PEDE2023'; its sheets are [Capa, PEDE2022]"),
                missingSheet::toString);
    }

    @Test
    void underFailABadRowStopsTheRunWithItsLineFieldAndReason() throws IOException {
        Path out = dir.resolve("scores.csv");
        Path input = csv(row("RA-1", "9.5", "7.1"), row("RA-2", "3.0", "11.2"), row("RA-3", "abc", "6.0"));
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains(input + ": line 3 (RA-2): score_inde: 11.2 is above the maximum 10"), run.err());
        assertTrue(run.err().contains(input + ": line 4 (RA-3): score_ipv: 'abc' is not a number"), run.err());
        assertTrue(run.out().contains("read 3 rows, rejected 2, scored none"), run.out());
        assertFalse(Files.exists(out), "nothing is written under --on-error fail");
        try (var leftovers = Files.list(dir)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
        }
    }

    @Test
    void underSkipTheValidRowsAreScoredAndTheRejectedOnesReported() throws IOException {
        Path out = dir.resolve("scores.csv");
        Path input = csv(row("RA-1", "9.5", "7.1"), row("RA-2", "3.0", "11.2"), row("RA-3", "7.0", "6.0"));
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString(), "--on-error", "skip");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("line 3 (RA-2): score_inde: 11.2 is above the maximum 10"), run.err());
        assertTrue(run.out().contains("read 3 rows, scored 2, rejected 1"), run.out());
        assertEquals(List.of("RA-1", "RA-3"), read(out).stream().map(r -> r.get("student_id")).toList());
    }

    @Test
    void aMissingColumnStopsTheRunBeforeScoring() throws IOException {
        Path input = Files.writeString(dir.resolve("partial.csv"), "RA,Fase,Turma,Gênero\nRA-1,3,B,Menina\n");
        Path out = dir.resolve("scores.csv");
        CliRun run = CliRun.of("score", "--model", model.toString(), "--input", input.toString(), "--output",
                out.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing 15 columns: idade (accepted headers: idade, Idade 22); "), run.err());
        assertTrue(run.err().contains("pedra_modal (accepted headers: pedra_modal, or any of Pedra 20, Pedra 21, Pedra 22)"),
                run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void withoutAModelTheBundledDefaultScoresAndACarriedModelIsChosenByName() throws IOException {
        // The build carries models/default and models/early-warning (issue 4).
        CliRun run = CliRun.of("score", "--input", csv(row("RA-1", "9.5", "7.1")).toString(), "--output",
                dir.resolve("o.csv").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(read(dir.resolve("o.csv")).get(0).get("model_version").startsWith("default-"));
        CliRun early = CliRun.of("score", "--model", "early-warning", "--input", csv(row("RA-1", "9.5", "7.1"))
                .toString(), "--output", dir.resolve("e.csv").toString());
        assertEquals(0, early.exitCode(), early::toString);
        assertTrue(read(dir.resolve("e.csv")).get(0).get("model_version").startsWith("early-warning-"));
        CliRun broken = CliRun.of("score", "--model", dir.resolve("nowhere").toString(), "--input",
                csv(row("RA-1", "9.5", "7.1")).toString(), "--output", dir.resolve("o.csv").toString());
        assertEquals(2, broken.exitCode());
        assertTrue(broken.err().contains("error: " + dir.resolve("nowhere") + ": does not exist"), broken.err());
        CliRun threshold = CliRun.of("score", "--model", model.toString(), "--input", csv(row("RA-1", "9.5", "7.1"))
                .toString(), "--output", dir.resolve("o.csv").toString(), "--threshold", "1.5");
        assertEquals(2, threshold.exitCode());
        assertTrue(threshold.err().contains("--threshold: 1.5 is not between 0 and 1"), threshold.err());
    }

    @Test
    void bothSharedFilesScoreAsTheOriginalService() throws IOException {
        Path seed = Shared.seedModel();
        Path data = Shared.require("data");
        Map<String, Double> expected = new HashMap<>();
        try (Reader in = Files.newBufferedReader(seed.resolve("parity-sample.csv"))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
                    .forEach(r -> expected.put(r.get("RA"), Double.parseDouble(r.get("expected_probability"))));
        }
        for (String file : List.of("pede2022.csv", "pede2022.xlsx")) {
            Path out = dir.resolve(file + ".scores.csv");
            CliRun run = CliRun.of("score", "--model", seed.toString(), "--input", data.resolve(file).toString(),
                    "--output", out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("read 688 rows, scored 688, rejected 0"), run.out());
            List<CSVRecord> records = read(out);
            assertEquals(688, records.size());
            int checked = 0;
            for (CSVRecord r : records) {
                Double want = expected.get(r.get("student_id"));
                if (want != null) {
                    assertEquals(want, Double.parseDouble(r.get("probability")), 1e-5, r.get("student_id"));
                    checked++;
                }
            }
            assertEquals(expected.size(), checked, "every parity student is in " + file);
        }
    }
}
