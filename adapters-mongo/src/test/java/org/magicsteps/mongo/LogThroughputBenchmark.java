package org.magicsteps.mongo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.Document;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.testing.Students;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * How many predictions per second the log sustains, single and batched, against mongo-java-server
 * with its memory backend and with the H2 file backend of the embedded store. A measured main, not a
 * test: {@code mvn -B -q -pl adapters-mongo -am verify -DskipTests -Pbench}, optionally with
 * {@code -Dbench.sections=} a subset of {@code raw,journal,log,query}.
 *
 * <p>Each run appends {@value #RECORDS} records of the 18 PEDE features and stops the clock when the
 * last one is in MongoDB ({@code flush}); "append" is how fast {@code append} itself returns (the
 * request path), "written" what reaches MongoDB (the sustained rate).
 */
public final class LogThroughputBenchmark {

    private static final int RECORDS = 10_000;
    private static final int WARMUP_RECORDS = 2_000;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private LogThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> sections = Set.of(System.getProperty("bench.sections", "raw,journal,log,query").split(","));
        Path work = Files.createTempDirectory("log-bench");
        try {
            System.out.printf(Locale.ROOT, "%d cores, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            if (sections.contains("raw")) {
                // Once untimed, so that the JIT has compiled the driver and the servers before any number.
                rawInserts(null, MemoryBackend::new);
                rawInserts("memory", MemoryBackend::new);
                rawInserts("H2 file, stock (commits every ~1 s)",
                        () -> new H2Backend(work.resolve("raw-stock-" + RUNS.incrementAndGet() + ".mv.db").toString()));
                rawInserts("H2 file, embedded (commit+sync per write)",
                        () -> new CommittingH2Backend(work.resolve("raw-" + RUNS.incrementAndGet() + ".mv.db").toString()));
            }
            if (sections.contains("journal")) {
                journalOnly(work);
            }
            if (sections.contains("log")) {
                logRuns("memory", MemoryBackend::new, work,
                        List.of(SINGLE_1, SINGLE_1_UNGROUPED, SINGLE_8, BATCH_1, BATCH_4));
                logRuns("H2 file, embedded", () -> new CommittingH2Backend(
                        work.resolve("log-" + RUNS.incrementAndGet() + ".mv.db").toString()), work,
                        List.of(SINGLE_1, SINGLE_1_UNGROUPED, SINGLE_8, BATCH_1, BATCH_4));
            }
            if (sections.contains("query")) {
                queryOnALargeLog(work);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The backend alone, through the driver: the ceiling for the log. */
    private static void rawInserts(String name, Supplier<MongoBackend> backend) {
        MongoServer server = new MongoServer(backend.get());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> predictions = client.getDatabase("bench").getCollection("predictions");
            PredictionDocuments.createIndexes(predictions);
            int[] n = {0};
            Supplier<Document> doc = () -> PredictionDocuments.toDocument(record("raw-" + n[0]++));
            for (int i = 0; i < 4; i++) {
                predictions.insertMany(batch(doc, 500), new InsertManyOptions().ordered(false));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < RECORDS / 500; i++) {
                predictions.insertMany(batch(doc, 500), new InsertManyOptions().ordered(false));
            }
            double batched = RECORDS / seconds(t0);
            int singles = RECORDS / 4;
            t0 = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                predictions.insertOne(doc.get());
            }
            double single = singles / seconds(t0);
            if (name != null) {
                System.out.printf(Locale.ROOT, "raw %-42s insertMany(500): %,8.0f docs/s   insertOne: %,8.0f docs/s%n",
                        name, batched, single);
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** One shape of load: how appends come, and how the log is set up. */
    private record Shape(String name, int threads, int perAppend, JournalSync sync, int batchRecords) {
    }

    private static final Shape SINGLE_1 = new Shape("single appends, 1 thread", 1, 1, JournalSync.ON_APPEND, 500);
    private static final Shape SINGLE_1_UNGROUPED = new Shape("single appends, 1 thread, 1 record/insert", 1, 1,
            JournalSync.ON_APPEND, 1);
    private static final Shape SINGLE_8 = new Shape("single appends, 8 threads", 8, 1, JournalSync.ON_APPEND, 500);
    private static final Shape SINGLE_8_PERIODIC = new Shape("single appends, 8 threads, PERIODIC sync", 8, 1,
            JournalSync.PERIODIC, 500);
    private static final Shape SINGLE_1_PERIODIC = new Shape("single appends, 1 thread, PERIODIC sync", 1, 1,
            JournalSync.PERIODIC, 500);
    private static final Shape BATCH_1 = new Shape("batches of 500, 1 thread", 1, 500, JournalSync.ON_APPEND, 500);
    private static final Shape BATCH_4 = new Shape("batches of 500, 4 threads", 4, 500, JournalSync.ON_APPEND, 500);

    /** What the request path can take: the journal alone, MongoDB unreachable. */
    private static void journalOnly(Path work) throws Exception {
        for (Shape shape : List.of(SINGLE_1, SINGLE_1_PERIODIC, SINGLE_8, SINGLE_8_PERIODIC, BATCH_1)) {
            // Nothing listens on port 9: every write attempt fails, records stay in the journal.
            try (MongoStores stores = MongoStores.connect("mongodb://127.0.0.1:9", "bench", MongoStores.Timeouts.DEFAULT)) {
                MongoPredictionLog log = stores.openPredictionLog(work.resolve("journal-" + RUNS.incrementAndGet()),
                        shape.sync(), shape.batchRecords());
                appendAll(log, "warm-", WARMUP_RECORDS, shape.threads(), shape.perAppend());
                long t0 = System.nanoTime();
                appendAll(log, "run-", RECORDS, shape.threads(), shape.perAppend());
                double appendSeconds = seconds(t0);
                System.out.printf(Locale.ROOT, "journal only (MongoDB down)   %-42s append: %,9.0f rec/s%n",
                        shape.name(), RECORDS / appendSeconds);
                log.close(Duration.ZERO);
            }
        }
    }

    private static void logRuns(String name, Supplier<MongoBackend> backend, Path work, List<Shape> shapes)
            throws Exception {
        for (Shape shape : shapes) {
            run(name, backend, work, shape);
        }
    }

    private static void run(String backendName, Supplier<MongoBackend> backend, Path work, Shape shape)
            throws Exception {
        MongoServer server = new MongoServer(backend.get());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoStores stores = MongoStores.connect(uri, "bench", MongoStores.Timeouts.DEFAULT)) {
            MongoPredictionLog log = stores.openPredictionLog(work.resolve("journal-" + RUNS.incrementAndGet()),
                    shape.sync(), shape.batchRecords());
            appendAll(log, "warm-", WARMUP_RECORDS, shape.threads(), shape.perAppend());
            log.flush(Duration.ofMinutes(2));
            long insertsBefore = log.inserts();
            long t0 = System.nanoTime();
            appendAll(log, "run-", RECORDS, shape.threads(), shape.perAppend());
            double appendSeconds = seconds(t0);
            if (!log.flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException("not written within 5 minutes: " + log.status());
            }
            double total = seconds(t0);
            double perInsert = (double) RECORDS / (log.inserts() - insertsBefore);
            System.out.printf(Locale.ROOT,
                    "log %-25s %-42s append: %,9.0f rec/s   written: %,8.0f rec/s   %6.1f rec/insert%n",
                    backendName, shape.name(), RECORDS / appendSeconds, RECORDS / total, perInsert);
        } finally {
            server.shutdownNow();
        }
    }

    private static void appendAll(MongoPredictionLog log, String prefix, int records, int threads, int perAppend)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            int share = records / threads;
            for (int t = 0; t < threads; t++) {
                String threadPrefix = prefix + t + "-";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i += perAppend) {
                        List<PredictionRecord> batch = new ArrayList<>(perAppend);
                        for (int k = 0; k < perAppend; k++) {
                            batch.add(record(threadPrefix + (i + k)));
                        }
                        log.append(batch);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** {@code /monitor/logs} on the embedded store: mongo-java-server builds no secondary index. */
    private static void queryOnALargeLog(Path work) throws Exception {
        MongoServer server = new MongoServer(new CommittingH2Backend(work.resolve("query.mv.db").toString()));
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        try (MongoStores stores = MongoStores.connect(uri, "bench", MongoStores.Timeouts.DEFAULT)) {
            MongoPredictionLog log = stores.openPredictionLog(work.resolve("journal-query"));
            int size = 20_000;
            appendAll(log, "q-", size, 1, 500);
            log.flush(Duration.ofMinutes(5));
            for (int i = 0; i < 2; i++) {
                log.query(LogQuery.all().limit(200));
            }
            long t0 = System.nanoTime();
            int queries = 5;
            for (int i = 0; i < queries; i++) {
                log.query(LogQuery.all().limit(200));
            }
            double newest = seconds(t0) * 1000 / queries;
            t0 = System.nanoTime();
            for (int i = 0; i < queries; i++) {
                log.query(LogQuery.all().forStudent("RA-" + i).limit(200));
            }
            double byStudent = seconds(t0) * 1000 / queries;
            System.out.printf(Locale.ROOT, "query on H2 embedded with %,d records: newest 200: %,.0f ms, by student: %,.0f ms%n",
                    size, newest, byStudent);
        } finally {
            server.shutdownNow();
        }
    }

    private static List<Document> batch(Supplier<Document> doc, int size) {
        List<Document> docs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            docs.add(doc.get());
        }
        return docs;
    }

    private static PredictionRecord record(String id) {
        return Students.record(id, "ana", "RA-" + Math.floorMod(id.hashCode(), 1000), Instant.now(), null);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
