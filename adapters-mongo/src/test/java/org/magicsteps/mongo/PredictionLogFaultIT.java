package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.ChildProcess;
import org.magicsteps.core.testing.Students;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;

import de.bwaldvogel.mongo.MongoServer;

/**
 * Nothing answered is lost and nothing is stored twice: while MongoDB stops and starts again,
 * while our log is closed and reopened mid-stream, and when our process is killed.
 */
class PredictionLogFaultIT {

    private static final String DATABASE = "faults";

    @TempDir
    Path data;

    /** Appends one record every millisecond or so, and a batch now and then, until stopped. */
    private static final class Stream implements Runnable {
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final AtomicReference<MongoPredictionLog> target = new AtomicReference<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final String prefix;
        final Thread thread;
        int refused;

        Stream(MongoPredictionLog log, String prefix) {
            this.target.set(log);
            this.prefix = prefix;
            this.thread = new Thread(this, "stream-" + prefix);
            thread.start();
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                List<PredictionRecord> records = new ArrayList<>();
                int size = i % 100 == 99 ? 50 : 1;
                for (int k = 0; k < size; k++) {
                    records.add(Students.record(prefix + i + "-" + k, "ana", "RA-" + (i % 40), Instant.now(),
                            size > 1 ? "batch-" + i : null));
                }
                try {
                    target.get().append(records);
                    records.forEach(r -> answered.add(r.predictionId()));
                } catch (PortException e) {
                    refused++; // not answered: the server would have said 503
                }
                if (i % 4 == 0) {
                    sleep(1);
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        /**
         * Waits until {@code more} further predictions have been answered, so that each phase of a
         * scenario sees real traffic however fast the machine is (a fixed pause does not, under load).
         */
        void awaitMore(int more) {
            int target = answered.size() + more;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answered.size() < target) {
                if (System.nanoTime() - deadline > 0 || !thread.isAlive()) {
                    throw new AssertionError("the stream answered only " + answered.size() + " of " + target);
                }
                sleep(5);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> storedIds(String uri) {
        try (MongoClient client = MongoClients.create(uri)) {
            List<String> ids = new ArrayList<>();
            for (Document doc : client.getDatabase(DATABASE).getCollection("predictions").find()
                    .projection(Projections.include("prediction_id"))) {
                ids.add(doc.getString("prediction_id"));
            }
            return ids;
        }
    }

    private static void assertExactlyOnce(Set<String> answered, List<String> stored) {
        assertEquals(answered.size(), new HashSet<>(stored).size(), "as many distinct records as answered");
        assertEquals(stored.size(), new HashSet<>(stored).size(), "no record twice");
        assertEquals(answered, new HashSet<>(stored), "exactly the answered records");
    }

    private static void awaitStatus(MongoPredictionLog log, ComponentHealth.Status status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (log.health().status() != status) {
            assertTrue(System.nanoTime() < deadline, "health " + status + " within " + timeout + ": " + log.health());
            sleep(10);
        }
    }

    @Test
    void mongoStopsAndStartsAgainUnderAStreamOfPredictions() throws Exception {
        // A server whose data is on disk, so that it keeps what it stored when stopped and started again.
        String file = data.resolve("store.mv.db").toString();
        MongoServer server = new MongoServer(new CommittingH2Backend(file));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        int port = address.getPort();
        String uri = "mongodb://127.0.0.1:" + port;
        try (MongoStores stores = MongoStores.connect(uri, DATABASE, TestMongo.FAST)) {
            MongoPredictionLog log = stores.openPredictionLog(data.resolve("journal"));
            Stream stream = new Stream(log, "down-");
            stream.awaitMore(200);

            server.shutdownNow();
            awaitStatus(log, ComponentHealth.Status.DEGRADED, Duration.ofSeconds(3));
            PredictionLogStatus whileDown = log.status();
            stream.awaitMore(200);
            server = new MongoServer(new CommittingH2Backend(file));
            server.bind("127.0.0.1", port);
            stream.awaitMore(200);
            stream.stop();

            assertTrue(whileDown.pendingRecords() > 0, whileDown.toString());
            assertTrue(whileDown.journalBytes() > 0, whileDown.toString());
            assertTrue(!whileDown.storeReachable(), whileDown.toString());
            assertTrue(log.flush(Duration.ofSeconds(15)), "everything written once MongoDB is back: " + log.status());
            assertEquals(ComponentHealth.Status.UP, log.health().status());
            assertEquals(0, stream.refused, "no prediction refused while MongoDB was down");
            assertTrue(stream.answered.size() > 500, "a real stream: " + stream.answered.size());
            assertExactlyOnce(stream.answered, storedIds(uri));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void theLogIsClosedMidStreamAndANewOneFinishesFromTheJournal() throws Exception {
        try (TestMongo mongo = new TestMongo()) {
            Path journal = data.resolve("journal");
            MongoStores first = MongoStores.connect(mongo.uri(), DATABASE, TestMongo.FAST);
            MongoPredictionLog before = first.openPredictionLog(journal);
            Stream stream = new Stream(before, "restart-");
            stream.awaitMore(200);
            // A burst just before SIGTERM, so that records are surely still pending when it comes.
            List<PredictionRecord> burst = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                burst.add(Students.record("burst-" + i, "bia", null, Instant.now(), "burst"));
            }
            before.append(burst);
            burst.forEach(r -> stream.answered.add(r.predictionId()));

            before.close(Duration.ZERO); // no time to drain: what is pending stays in the journal
            long leftInJournal = before.status().pendingRecords();
            first.close();
            MongoStores second = MongoStores.connect(mongo.uri(), DATABASE, TestMongo.FAST);
            MongoPredictionLog after = second.openPredictionLog(journal);
            stream.target.set(after);
            stream.awaitMore(200);
            stream.stop();

            assertTrue(leftInJournal > 0, "records were left in the journal at close");
            assertTrue(after.flush(Duration.ofSeconds(15)), "everything written: " + after.status());
            assertExactlyOnce(stream.answered, storedIds(mongo.uri()));
            second.close();
        }
    }

    @Test
    void aKilledProcessLosesNoAnsweredPrediction() throws Exception {
        try (TestMongo mongo = new TestMongo()) {
            Path journal = data.resolve("journal");
            Process child = ChildProcess.start(AppendForeverMain.class, mongo.uri(), DATABASE, journal.toString(), "k-");
            Set<String> answered = new HashSet<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertEquals("ready", out.readLine());
                // A real stream however loaded the machine is: the kill comes after 200 answers.
                while (answered.size() < 200) {
                    String line = out.readLine();
                    assertNotNull(line, "the child stopped answering after " + answered.size());
                    answered.add(line);
                }
                // SIGKILL (through the handle, which leaves the pipe readable): no shutdown hook, no flush, no close
                child.toHandle().destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                String line;
                while ((line = out.readLine()) != null) {
                    // A line cut by the kill was never fully printed, so never counted as answered.
                    if (line.startsWith("k-") && line.matches("k-\\d+")) {
                        answered.add(line);
                    }
                }
            }
            answered.remove(null);

            try (MongoStores stores = MongoStores.connect(mongo.uri(), DATABASE, TestMongo.FAST)) {
                MongoPredictionLog log = stores.openPredictionLog(journal);
                assertTrue(log.flush(Duration.ofSeconds(15)), "the journal replayed: " + log.status());
                assertTrue(answered.size() > 100, "a real stream: " + answered.size());
                List<String> stored = storedIds(mongo.uri());
                assertEquals(stored.size(), new HashSet<>(stored).size(), "no record twice");
                assertTrue(stored.containsAll(answered), "every answered prediction is stored");
                // The one append the kill may have caught between its return and its answer.
                assertTrue(stored.size() - answered.size() <= 1, stored.size() + " stored, " + answered.size() + " answered");
            }
        }
    }
}
