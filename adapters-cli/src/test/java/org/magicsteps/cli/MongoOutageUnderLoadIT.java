package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under load (issue 14): the MongoDB server stopped under a steady load of predictions and
 * started again on the same port and data. The MongoDB is mongo-java-server on an H2 file, in this
 * JVM; the server runs in a JVM of its own with {@code MONGO_URI}. While MongoDB is away the server
 * keeps answering predictions from the journal (until its cache of signed-in users runs out, 5 s;
 * then 503, since it cannot tell whether the caller is still enabled), never 500; once MongoDB is
 * back, everything answered reaches it, exactly once.
 *
 * <p>The outage is 30 s; {@code mvn verify} stops MongoDB for
 * {@value #DEFAULT_OUTAGE_SECONDS} s (5 s of them beyond the users' cache) to stay fast.
 * {@code -Dfaults.mongoOutageSeconds=30} runs the figure (RELIABILITY.md).
 */
class MongoOutageUnderLoadIT {

    static final int DEFAULT_OUTAGE_SECONDS = 10;
    private static final int PER_PHASE = 300;
    private static final int THREADS = 4;
    /** At most this many requests during the outage (each waits up to the driver's 3 s server selection). */
    private static final int MAX_DURING_OUTAGE = 2_000;

    @TempDir
    Path dir;

    @Test
    void predictionsNever500WhileMongoIsAwayAndEveryAnswerReachesItOnce() throws Exception {
        long outageNanos = Long.getLong("faults.mongoOutageSeconds", DEFAULT_OUTAGE_SECONDS) * 1_000_000_000L;
        String file = dir.resolve("mongo.mv").toString();
        MongoServer mongo = new MongoServer(new H2Backend(file));
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        Map<String, String> env = Map.of("MONGO_URI", "mongodb://127.0.0.1:" + address.getPort(), "MONGO_DB",
                "reliability");
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), env, "")) {
            Api api = new Api(server.port());
            assertEquals(201, api.register("dora", "senha-forte-1").status());
            String token = api.token("dora", "senha-forte-1");
            Load load = new Load();
            load.run(PER_PHASE, THREADS, "up", i -> api.predict(token, "RA-" + i, 5 + i % 5));
            assertEquals(Map.of(200, PER_PHASE), load.statuses("up"));

            mongo.shutdownNow();
            long end = System.nanoTime() + outageNanos;
            int during = 0;
            while (System.nanoTime() < end && during < MAX_DURING_OUTAGE) {
                load.run(THREADS * 5, THREADS, "away", i -> api.predict(token, "RA-away", 6));
                during += THREADS * 5;
            }
            Map<Integer, Integer> away = load.statuses("away");
            assertTrue(Set.of(200, 503).containsAll(away.keySet()), "only answers or 503 while MongoDB is away: " + away);
            assertTrue(away.containsKey(200), "the journal keeps predictions answered for a while: " + away);

            mongo = restart(file, address.getPort());
            awaitAnswers(load, api, token);
            load.run(PER_PHASE, THREADS, "back", i -> api.predict(token, "RA-" + i, 5 + i % 5));
            assertEquals(Map.of(200, PER_PHASE), load.statuses("back"));

            Set<String> answered = new HashSet<>(load.answeredIds());
            List<String> logged = awaitLogged(api, token, answered.size());
            assertEquals(Set.of(), Api.repeated(logged), "no record twice");
            assertEquals(answered, new HashSet<>(logged), "exactly one record per answered prediction");
            System.out.printf("mongo outage %d s: during it %s; %d answered, %d logged%n", outageNanos / 1_000_000_000L,
                    away, answered.size(), logged.size());
        } finally {
            mongo.shutdownNow();
        }
    }

    /** The same data on the same port; the port was ours a moment ago, so the race is short: retried. */
    private static MongoServer restart(String file, int port) throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            MongoServer mongo = new MongoServer(new H2Backend(file));
            try {
                mongo.bind("127.0.0.1", port);
                return mongo;
            } catch (RuntimeException portNotFreeYet) {
                last = portNotFreeYet;
                mongo.shutdownNow();
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("MongoDB could not bind port " + port + " again", last);
    }

    private static void awaitAnswers(Load load, Api api, String token) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            load.run(1, 1, "recovering", i -> api.predict(token, "RA-recovering", 6));
            if (load.statuses("recovering").containsKey(200) && load.outcomes().get(load.outcomes().size() - 1)
                    .status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("predictions did not recover within 30 s: " + load.statuses("recovering"));
    }

    /** The log once the journal has written it all: MongoDB's log shows a record once it is written. */
    private static List<String> awaitLogged(Api api, String token, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> logged = api.loggedPredictionIds(token);
        while (new HashSet<>(logged).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            logged = api.loggedPredictionIds(token);
        }
        return logged;
    }
}
