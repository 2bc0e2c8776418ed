package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Two replicas (issue 14): two server processes on different ports sharing one MongoDB
 * (mongo-java-server in this JVM) and one Redis (the test's own redis-server), each with its own
 * data directory for its journal, as the compose file runs them. A threshold changed through one
 * is used by the other within 1 s; a token from one is accepted by the other; a user disabled at
 * the command line is refused by both within 5 s; the predictions both answered land in the log
 * once each; students loaded into Redis are predicted by id on both.
 */
class TwoReplicasIT {

    private static final int PER_REPLICA = 300;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void twoReplicasShareTheThresholdTokensUsersFeaturesAndTheLog() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        try (RedisProcess redis = new RedisProcess(Files.createDirectories(dir.resolve("redis"))).start()) {
            Map<String, String> env = Map.of("MONGO_URI", "mongodb://127.0.0.1:" + address.getPort(), "MONGO_DB",
                    "replicas", "REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()));
            cli(env, "admin-password-1\n", "users", "add", "root", "--admin", "--password-stdin");
            Path sheet = LabelledSheets.write(dir.resolve("pede.csv"), 10, 5, false);
            cli(env, "", "features", "load", "--data", sheet.toString());
            try (ServerProcess first = ServerProcess.start(dir.resolve("a"), env, "");
                    ServerProcess second = ServerProcess.start(dir.resolve("b"), env, "")) {
                Api a = new Api(first.port());
                Api b = new Api(second.port());
                String admin = a.token("root", "admin-password-1");
                assertEquals(200, b.get("/info", admin).status(), "a token from one replica is accepted by the other");

                long changed = System.nanoTime();
                assertEquals(200, a.put("/thresholds", "{\"threshold\": 0.3125}", admin).status());
                long seen = awaitThreshold(b, admin, 0.3125);
                double seconds = (seen - changed) / 1e9;
                assertTrue(seconds <= 1.0, "the other replica uses the new threshold within 1 s: " + seconds + " s");

                assertEquals(201, a.register("gil", "senha-forte-1").status());
                String gil = b.token("gil", "senha-forte-1");
                assertEquals(200, a.predict(gil, "RA-1", 6).status());
                assertEquals(200, b.predict(gil, "RA-1", 6).status());
                cli(env, "", "users", "disable", "gil");
                long disabled = System.nanoTime(); // once the change is stored
                double refusedOnA = (awaitRefused(a, gil) - disabled) / 1e9;
                double refusedOnB = (awaitRefused(b, gil) - disabled) / 1e9;
                assertTrue(refusedOnA <= 5 && refusedOnB <= 5, "a disabled user is refused by both within 5 s: "
                        + refusedOnA + " s, " + refusedOnB + " s");

                Load load = new Load();
                load.run(PER_REPLICA, THREADS, "a", i -> i % 3 == 0 ? a.predictStored(admin, "RA-" + (i % 10))
                        : a.predict(admin, "RA-a" + i, 5 + i % 5));
                load.run(PER_REPLICA, THREADS, "b", i -> i % 3 == 0 ? b.predictStored(admin, "RA-" + (i % 10))
                        : b.predict(admin, "RA-b" + i, 5 + i % 5));
                assertEquals(Map.of(200, PER_REPLICA), load.statuses("a"));
                assertEquals(Map.of(200, PER_REPLICA), load.statuses("b"));
                Set<String> answered = new HashSet<>(load.answeredIds());
                List<String> logged = awaitLogged(a, admin, answered);
                assertEquals(Set.of(), Api.repeated(logged), "no record twice");
                assertTrue(new HashSet<>(logged).containsAll(answered), "both replicas' predictions are in the log");
                System.out.printf("two replicas: threshold seen after %.3f s; disabled user refused after %.2f s (A),"
                        + " %.2f s (B); %d predictions logged once each%n", seconds, refusedOnA, refusedOnB,
                        answered.size());
            }
        } finally {
            mongo.shutdownNow();
        }
    }

    private static long awaitThreshold(Api replica, String token, double threshold) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Api.Answer answer = replica.predict(token, "RA-threshold", 6);
            if (answer.status() == 200 && answer.json().get("threshold").asDouble() == threshold) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the other replica never used threshold " + threshold);
    }

    /** When the first request that was refused was sent (its answer's travel time is not the server's delay). */
    private static long awaitRefused(Api replica, String token) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            if (replica.get("/info", token).status() == 401) {
                return sent;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("replica on port " + replica.port() + " still accepts the disabled user");
    }

    private static List<String> awaitLogged(Api api, String token, Set<String> answered) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> logged = api.loggedPredictionIds(token);
        while (!new HashSet<>(logged).containsAll(answered) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            logged = api.loggedPredictionIds(token);
        }
        return logged;
    }

    /** A {@code magic-steps} command against the replicas' stores, as an operator runs it. */
    private void cli(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MagicSteps.commandLine(new MagicSteps(env, dir, Wiring::new,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute(args), String.join(" ", args) + ": " + out + err);
    }
}
