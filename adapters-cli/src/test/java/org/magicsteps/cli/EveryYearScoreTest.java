package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.cli.training.MagicStepsWithTraining;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.model.Shared;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.PedeYears;
import org.magicsteps.model.data.Sheets;

import picocli.CommandLine;

/**
 * {@code magic-steps score} on every year's sheet with the bundled models: the 2024 layout on a sheet
 * written here (the NGO's 2024 sheet is not at hand), and the NGO's own 2023 sheet when
 * {@code ../shared} is there.
 */
class EveryYearScoreTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        MagicSteps root = new MagicSteps(environment, dir, Wiring::new, new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root, MagicStepsWithTraining.trainingCommands());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * A 2024 sheet of 200 students in the 2024 codes: phases ALFA, a bare 9 and phase-with-class
     * codes (7E), Feminino/Masculino, stones with and without accents, IAA's floating noise, 0, 5
     * and 6 assessments, joined in 2024, a class left blank where the phase code carries it; INDE
     * missing in 8 rows (INCLUIR) and IPV in 8 others (#N/A): 8 % of the rows lack one.
     */
    private Path sheet2024() throws IOException {
        Random random = new Random(2024);
        List<List<Object>> rows = new ArrayList<>();
        String[] phases = {"ALFA", "1A", "2B", "3C", "4M", "5D", "6E", "7E", "8F", "9"};
        String[] classes = {"ALFA A - G0/G1", "1A", "2B", null, "4M", "5D", "6E", null, "8F", "9B"};
        String[] stones = {"Ametista", "Agata", "Ágata", "Quartzo", "Topazio", "Topázio"};
        for (int i = 0; i < 200; i++) {
            String phase = phases[i % phases.length];
            Object inde = i % 25 == 3 ? "INCLUIR" : 5 + random.nextInt(45) / 10.0;
            Object ipv = i % 25 == 11 ? Sheets.NA : 4 + random.nextInt(60) / 10.0;
            rows.add(PedeYears.student(2024, "RA-" + (5000 + i), "Fase", phase, "Turma", classes[i % classes.length],
                    "INDE 2024", inde, "IPV", ipv, "Pedra 2024", i % 25 == 3 ? "INCLUIR" : stones[i % 6],
                    "Pedra 23", stones[(i + 1) % 6], "Gênero", i % 2 == 0 ? "Feminino" : "Masculino",
                    "Idade", 6 + i % 15, "Ano ingresso", 2016 + i % 9, "Nº Av", i % 7,
                    "IAA", i % 40 == 5 ? 10.002 : 5 + random.nextInt(50) / 10.0, "IEG", 4 + random.nextInt(60) / 10.0,
                    "IPS", 2.5 + random.nextInt(75) / 10.0, "IDA", random.nextInt(100) / 10.0, "IAN", 5,
                    "Defasagem", -(i % 4)));
        }
        return Sheets.xlsx(dir.resolve("pede2024.xlsx"), List.of("PEDE2024"), PedeYears.sheet(2024, rows));
    }

    private static long summaryCount(String out, String what) {
        Matcher m = Pattern.compile("(?m)^ {4}" + Pattern.quote(what) + ": (\\d+) rows?$").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void the2024LayoutIsScoredByTheStrictModelWholeAndByTheDefaultWhereIpvAndIndeAre() throws IOException {
        Path sheet = sheet2024();

        Run strict = run("score", "--model", "early-warning-strict", "--data", sheet.toString(), "--output",
                dir.resolve("strict.csv").toString());
        assertEquals(0, strict.exit(), strict::toString);
        assertTrue(strict.out().contains("read 200 rows, scored 200, rejected 0"), strict.out());
        assertTrue(strict.out().contains("  layout    PEDE 2024"), strict.out());
        assertTrue(summaryCount(strict.out(), "ano_ingresso outside the trained range 2016–2022") > 0, strict.out());
        assertTrue(summaryCount(strict.out(), "fase outside the trained range 0–7") > 0, strict.out());
        assertTrue(summaryCount(strict.out(), "num_avaliacoes outside the trained range 2–4") > 0, strict.out());
        List<CSVRecord> scores = ScoreCommandTest.read(dir.resolve("strict.csv"));
        assertEquals(200, scores.size());
        CSVRecord phaseNine = scores.get(9);
        assertEquals("RA-5009", phaseNine.get("student_id"));
        assertTrue(phaseNine.get("warnings").contains("fase=9 (trained 0–7)"), phaseNine.get("warnings"));

        Run main = run("score", "--data", sheet.toString(), "--output", dir.resolve("default.csv").toString(),
                "--on-error", "skip");
        assertEquals(0, main.exit(), main::toString);
        assertTrue(main.out().contains("read 200 rows, scored 184, rejected 16"), main.out());
        assertEquals(8, summaryCount(main.out(), "score_inde missing"), main.out());
        assertEquals(8, summaryCount(main.out(), "score_ipv missing"), main.out());
        assertTrue(main.err().contains("line 5 (RA-5003): score_inde: is required but missing"), main.err());
        assertTrue(main.err().contains("line 13 (RA-5011): score_ipv: is required but missing"), main.err());
        assertFalse(main.out().contains("    turma outside"), "every class letter is read: " + main.out());
    }

    @Test
    void scoreHonoursModelDirAndTakesDataOrInput() throws IOException {
        Path sheet = sheet2024();
        Run byEnvironment = run(Map.of("MODEL_DIR", "early-warning-strict"), "score", "--input", sheet.toString(),
                "--output", dir.resolve("env.csv").toString());
        assertEquals(0, byEnvironment.exit(), byEnvironment::toString);
        assertTrue(ScoreCommandTest.read(dir.resolve("env.csv")).get(0).get("model_version")
                .startsWith("early-warning-strict-"));
        Run flagWins = run(Map.of("MODEL_DIR", "early-warning-strict"), "score", "--model", "default", "--data",
                sheet.toString(), "--output", dir.resolve("flag.csv").toString(), "--on-error", "skip");
        assertEquals(0, flagWins.exit(), flagWins::toString);
        assertTrue(ScoreCommandTest.read(dir.resolve("flag.csv")).get(0).get("model_version").startsWith("default-"));
    }

    @Test
    void withImputeAMissingValueIsScoredWithTheTrainingsStandInAndSaysSo() throws IOException {
        Path sheet = sheet2024();
        Run run = run("score", "--data", sheet.toString(), "--output", dir.resolve("imputed.csv").toString(),
                "--impute");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("read 200 rows, scored 200, rejected 0"), run.out());
        assertEquals(8, summaryCount(run.out(), "score_ipv missing, the training's stand-in used"), run.out());
        CSVRecord standIn = ScoreCommandTest.read(dir.resolve("imputed.csv")).get(11);
        assertEquals("RA-5011", standIn.get("student_id"));
        assertTrue(standIn.get("warnings").contains("score_ipv missing (used 7.417)"), standIn.get("warnings"));
    }

    @Test
    void evaluateReadsALabelledSheetOfAnyYear() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            double ipv = 4 + random.nextInt(60) / 10.0;
            rows.add(PedeYears.student(2023, "RA-" + i, "IPV", ipv, "Atingiu PV", ipv >= 8.35 ? "Sim" : "Não",
                    "Fase", i % 2 == 0 ? "ALFA" : "FASE 2", "Turma", i % 2 == 0 ? "ALFA A - G0/G1" : "2B"));
        }
        Path labelled = Sheets.xlsx(dir.resolve("labelled2023.xlsx"), List.of("PEDE2023"), PedeYears.sheet(2023, rows));
        Run run = run("evaluate", "--model", "default", "--input", labelled.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("labelled2023.xlsx: 60 rows"), run.out());
    }

    @Test
    void theNgos2023SheetIsScoredWithEveryRejectionNamed() throws IOException {
        Path sheet = Shared.require("data/pede2023.xlsx");
        long withBoth = 0;
        long withoutInde = 0;
        long withoutIpv = 0;
        try (PedeSheet rows = PedeSheetReader.forFeatures(List.of("score_ipv", "score_inde"), java.util.Set.of())
                .open(sheet, null)) {
            for (StudentRow row : (Iterable<StudentRow>) rows.students()::iterator) {
                boolean ipv = row.features().containsKey("score_ipv");
                boolean inde = row.features().containsKey("score_inde");
                withBoth += ipv && inde ? 1 : 0;
                withoutIpv += ipv ? 0 : 1;
                withoutInde += inde ? 0 : 1;
            }
        }

        Run main = run("score", "--data", sheet.toString(), "--output", dir.resolve("d.csv").toString(), "--on-error",
                "skip");
        assertEquals(0, main.exit(), main::toString);
        assertTrue(main.out().contains("read 1014 rows, scored " + withBoth + ", rejected " + (1014 - withBoth)),
                "every row with IPV and INDE is scored:\n" + main.out());
        assertTrue(main.out().contains("  layout    PEDE 2023"), main.out());
        assertEquals(withoutInde, summaryCount(main.out(), "score_inde missing"), main.out());
        assertEquals(withoutIpv, summaryCount(main.out(), "score_ipv missing"), main.out());

        Run strict = run("score", "--model", "early-warning-strict", "--data", sheet.toString(), "--output",
                dir.resolve("s.csv").toString(), "--on-error", "skip");
        assertEquals(0, strict.exit(), strict::toString);
        List<String> shown = strict.err().lines().filter(l -> l.contains(": line ")).toList();
        assertTrue(!shown.isEmpty() && shown.stream().allMatch(l -> l.matches(".*: line \\d+ \\(RA-\\d+\\): \\w+: .+")),
                "each rejected row names the feature and the rule: " + shown);

        Run imputed = run("score", "--model", "early-warning-strict", "--data", sheet.toString(), "--output",
                dir.resolve("i.csv").toString(), "--impute");
        assertEquals(0, imputed.exit(), imputed::toString);
        long scored = ScoreCommandTest.read(dir.resolve("i.csv")).size();
        assertTrue(scored >= 0.99 * 1014, "early-warning-strict with --impute scores at least 99 %: " + scored);
    }

    @Test
    void featuresLoadReadsTheLaterLayoutsToo() throws IOException {
        String prefix = "test-" + java.util.UUID.randomUUID() + "-";
        List<List<Object>> rows = List.of(PedeYears.student(2023, prefix + "RA-1"),
                PedeYears.student(2023, prefix + "RA-2", "Fase", "ALFA", "Turma", "ALFA B - G0/G1"));
        Path sheet = Sheets.xlsx(dir.resolve("load2023.xlsx"), List.of("PEDE2023"), PedeYears.sheet(2023, rows));
        Map<String, String> redis = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379");
        try {
            Run load = run(redis, "features", "load", "--input", sheet.toString());
            assertEquals(0, load.exit(), load::toString);
            assertTrue(load.out().contains("read 2 rows, stored 2 students, rejected 0"), load.out());
            assertTrue(load.out().contains("  layout    PEDE 2023"), load.out());
            try (Wiring server = new Wiring(AppConfig.resolve(Map.of(), redis, Map.of()).withDataDir(dir.resolve("d")))) {
                assertEquals(0.0, server.featureStore().find(prefix + "RA-2").orElseThrow().number("fase").orElseThrow());
            }
        } finally {
            io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
            try (var redisConnection = client.connect()) {
                List<String> keys = redisConnection.sync().keys("magic-steps:features:" + prefix + "*");
                if (!keys.isEmpty()) {
                    redisConnection.sync().del(keys.toArray(String[]::new));
                }
            } finally {
                client.shutdown();
            }
        }
        assertTrue(Files.exists(sheet));
    }
}
