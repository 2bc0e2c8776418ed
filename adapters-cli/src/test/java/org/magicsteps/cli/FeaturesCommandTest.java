package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import picocli.CommandLine;

/**
 * {@code features load|list} against the real Redis on 127.0.0.1:6379 (CI starts one), under student
 * ids no one else uses, removed afterwards.
 */
class FeaturesCommandTest {

    private static final String HEADER = "RA,Fase,Turma,Idade 22,Gênero,Ano ingresso,Pedra 20,Pedra 21,Pedra 22,"
            + "INDE 22,Cg,Cf,Ct,Nº Av,IAA,IEG,IPS,IDA,IPV,IAN,Defas,Nome";
    private static final Map<String, String> REDIS = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379");

    @TempDir
    Path dir;

    private final String run = "test-" + UUID.randomUUID() + "-";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String row(String ra, String age) {
        return (ra.isEmpty() ? "" : run + ra) + ",3,B," + age + ",Menina,2020,,Ametista,Quartzo,7.1,300,60,8,3,8.0,7.5,"
                + "6.9,6.2,7.3,5.0,-1,Aluno";
    }

    private Path sheet(String... rows) throws IOException {
        return Files.writeString(dir.resolve("pede.csv"), HEADER + "\n" + String.join("\n", rows) + "\n");
    }

    private int cli(Map<String, String> environment, String... args) {
        MagicSteps root = new MagicSteps(environment, dir, Wiring::new, new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @AfterEach
    void removeTheStudentsOfThisRun() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<String> keys = redis.sync().keys("magic-steps:features:" + run + "*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void loadsASheetThatTheServerCanThenPredictById() throws IOException {
        Path sheet = sheet(row("RA-1", "12"), row("RA-2", "13"));

        assertEquals(0, cli(REDIS, "features", "load", "--data", sheet.toString()), err::toString);

        assertTrue(out.toString().contains("read 2 rows, stored 2 students, rejected 0"), out.toString());
        assertTrue(out.toString().contains("-> redis://127.0.0.1:6379"), out.toString());
        try (Wiring server = new Wiring(AppConfig.resolve(Map.of(), REDIS, Map.of()).withDataDir(dir.resolve("data")))) {
            assertEquals(13.0, server.featureStore().find(run + "RA-2").orElseThrow().number("idade").orElseThrow());
            String predicted = new org.magicsteps.core.usecase.PredictStoredStudent(server.featureStore(),
                    new org.magicsteps.core.usecase.PredictStudent(server.model(), server.predictionLog(),
                            new org.magicsteps.core.usecase.ReadThreshold(server.settingsStore(), server.model()),
                            java.time.Clock.systemUTC()))
                    .execute("ana", run + "RA-1").studentId();
            assertEquals(run + "RA-1", predicted);
        }
        assertEquals(0, cli(REDIS, "features", "list"));
        assertTrue(out.toString().contains(run + "RA-1\n" + run + "RA-2\n"), out.toString());
    }

    @Test
    void badRowsAreReportedWithTheirLineAndNothingIsStoredUnderFail() throws IOException {
        Path sheet = sheet(row("RA-1", "12"), row("RA-2", "45"), row("", "12"), row("RA-1", "14"));

        assertEquals(1, cli(REDIS, "features", "load", "--data", sheet.toString()));

        assertTrue(err.toString().contains("line 3: idade: 45 is above the maximum 30"), err.toString());
        assertTrue(err.toString().contains("line 4: no student id"), err.toString());
        assertTrue(err.toString().contains("line 5: " + run + "RA-1 appears again (first on line 2)"), err.toString());
        assertTrue(out.toString().contains("rejected 3; nothing stored"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, cli(REDIS, "features", "list"));
        assertTrue(!out.toString().contains(run), "nothing of this run stored: " + out);

        assertEquals(0, cli(REDIS, "features", "load", "--data", sheet.toString(), "--on-error", "skip"));
        assertTrue(out.toString().contains("stored 1 students, rejected 3"), out.toString());
    }

    @Test
    void withoutRedisItRefusesRatherThanLoadIntoMemory() throws IOException {
        Path sheet = sheet(row("RA-1", "12"));

        assertEquals(2, cli(Map.of(), "features", "load", "--data", sheet.toString()));

        assertTrue(err.toString().startsWith("error: REDIS_HOST is not set"), err.toString());
    }

    @Test
    void aMissingColumnIsNamedBeforeAnythingIsRead() throws IOException {
        Path sheet = Files.writeString(dir.resolve("short.csv"), "RA,Fase\n" + run + "RA-1,3\n");

        assertEquals(2, cli(REDIS, "features", "load", "--data", sheet.toString()));

        assertTrue(err.toString().contains("idade"), err.toString());
    }
}
