package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Faults under load (issue 14): Redis stopped in the middle of a steady load and started again. A
 * redis-server of the test's own (never the shared one), the real server in a JVM of its own on
 * its embedded SQLite store, a bounded load of inline and by-id predictions from 4 threads before,
 * during and after. Inline predictions never fail; by-id ones answer 503 while Redis is away and
 * work again once it is back, without a restart; afterwards the log holds exactly one record per
 * answered prediction.
 */
class RedisOutageUnderLoadIT {

    private static final int PER_PHASE = 300;
    private static final int THREADS = 4;
    private static final int STUDENTS = 20;

    @TempDir
    Path dir;

    @Test
    void byIdPredictionsAnswer503WhileRedisIsAwayInlineOnesNeverFailAndEveryAnswerIsLoggedOnce() throws Exception {
        try (RedisProcess redis = new RedisProcess(Files.createDirectories(dir.resolve("redis"))).start()) {
            Map<String, String> env = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()));
            loadFeatures(env);
            try (ServerProcess server = ServerProcess.start(dir.resolve("data"), env, "")) {
                Api api = new Api(server.port());
                assertEquals(201, api.register("carla", "senha-forte-1").status());
                String token = api.token("carla", "senha-forte-1");
                Load load = new Load();

                phase(load, api, token, "up");
                assertEquals(Map.of(200, PER_PHASE / 2), load.statuses("up inline"));
                assertEquals(Map.of(200, PER_PHASE / 2), load.statuses("up by id"));

                redis.stop();
                phase(load, api, token, "away");
                assertEquals(Map.of(200, PER_PHASE / 2), load.statuses("away inline"), "inline never fails");
                assertEquals(Map.of(503, PER_PHASE / 2), load.statuses("away by id"), "by id: 503 while Redis is away");

                redis.start();
                awaitById(load, api, token);
                phase(load, api, token, "back");
                assertEquals(Map.of(200, PER_PHASE / 2), load.statuses("back inline"));
                assertEquals(Map.of(200, PER_PHASE / 2), load.statuses("back by id"), "by id works again");

                List<String> logged = api.loggedPredictionIds(token);
                assertEquals(Set.of(), Api.repeated(logged), "no record twice");
                assertEquals(new HashSet<>(load.answeredIds()), new HashSet<>(logged),
                        "exactly one record per answered prediction");
                assertFalse(server.output().contains("ERROR"), server.output());
            }
        }
    }

    private static void phase(Load load, Api api, String token, String name) throws InterruptedException {
        load.run(PER_PHASE / 2, THREADS, name + " inline", i -> api.predict(token, "RA-" + (i % STUDENTS), 5 + i % 5))
                .run(PER_PHASE / 2, THREADS, name + " by id", i -> api.predictStored(token, "RA-" + (i % STUDENTS)));
    }

    /** Polls a by-id prediction until Redis answers again (lettuce reconnects in the background). */
    private static void awaitById(Load load, Api api, String token) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            load.run(1, 1, "reconnecting", i -> api.predictStored(token, "RA-1"));
            if (load.statuses("reconnecting").containsKey(200)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("by-id predictions did not recover within 15 s: " + load.statuses("reconnecting"));
    }

    /** {@code magic-steps features load} into this test's Redis, as an operator fills it. */
    private void loadFeatures(Map<String, String> env) throws Exception {
        Path sheet = LabelledSheets.write(dir.resolve("pede.csv"), STUDENTS, 11, false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MagicSteps.commandLine(new MagicSteps(env, dir, Wiring::new, new ByteArrayInputStream(new byte[0])));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("features", "load", "--data", sheet.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("stored " + STUDENTS + " students"), out.toString());
    }
}
