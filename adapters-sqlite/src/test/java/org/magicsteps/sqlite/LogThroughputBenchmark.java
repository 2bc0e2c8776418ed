package org.magicsteps.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.testing.Students;

/**
 * How many predictions per second {@code append} sustains (single appends from 1 and 8 threads,
 * batches of 500), and how long a {@code /monitor/logs} page takes at 100,000 records. A measured
 * main, not a test: {@code mvn -B -q -pl adapters-sqlite -am verify -DskipTests -Pbench}, optionally
 * with {@code -Dbench.sections=} a subset of {@code append,query}.
 *
 * <p>Each append run uses a new file, appends for {@value #WARMUP_SECONDS} s untimed (JIT, page
 * cache), then for {@value #RUN_SECONDS} s timed; an append counts once it has returned, that is,
 * once its records are committed (and, with FULL, forced to disk). Records carry the 18 PEDE
 * features and a time-ordered UUID (version 7) as prediction id, as the server writes them.
 */
public final class LogThroughputBenchmark {

    private static final int WARMUP_SECONDS = 2;
    private static final int RUN_SECONDS = 6;
    private static final int QUERY_RECORDS = 100_000;
    private static final int USERS = 20;
    private static final int STUDENTS = 2_000;
    private static final StudentFeatures FEATURES = Students.student();
    private static final Threshold THRESHOLD = new Threshold(0.5);

    private LogThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> sections = Set.of(System.getProperty("bench.sections", "append,query").split(","));
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sqlite-bench");
        try {
            System.out.printf(Locale.ROOT, "%d cores, %s %s, load average %.1f, files in %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), work);
            if (sections.contains("append")) {
                for (Durability durability : Durability.values()) {
                    appendRun(work, durability, "single, 1 thread", 1, 1);
                    appendRun(work, durability, "single, 8 threads", 8, 1);
                    appendRun(work, durability, "batches of 500, 1 thread", 1, 500);
                    appendRun(work, durability, "batches of 500, 4 threads", 4, 500);
                }
            }
            if (sections.contains("query")) {
                queries(work);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The server's kind of record, made cheaply so that the numbers are append's, not the test data's. */
    private static PredictionRecord record(int n, Instant at, String batchId) {
        String id = timeOrderedId(at);
        return new PredictionRecord(Prediction.of(id, "RA-" + n % STUDENTS, 0.73, THRESHOLD, "1.0.0", at),
                "user-" + n % USERS, FEATURES, batchId);
    }

    /** A UUIDv7 as core's use cases make them: the millisecond, then random bits. */
    static String timeOrderedId(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static void appendRun(Path work, Durability durability, String label, int threads, int batchSize)
            throws Exception {
        Path file = work.resolve("append-" + UUID.randomUUID() + ".db");
        try (SqliteStores stores = SqliteStores.open(file, durability)) {
            appendFor(stores, threads, batchSize, Duration.ofSeconds(WARMUP_SECONDS));
            long transactionsBefore = stores.writer().transactions();
            long start = System.nanoTime();
            List<long[]> latencies = appendFor(stores, threads, batchSize, Duration.ofSeconds(RUN_SECONDS));
            double seconds = (System.nanoTime() - start) / 1e9;
            long transactions = stores.writer().transactions() - transactionsBefore;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long records = (long) all.length * batchSize;
            System.out.printf(Locale.ROOT,
                    "append %-6s %-26s %,9.0f records/s   %,7.1f records/commit   append latency p50 %6.2f ms, p99 %6.2f ms%n",
                    durability, label, records / seconds, (double) records / transactions,
                    percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
        }
    }

    /** Appends from {@code threads} threads until {@code duration} has passed; the latency of each append. */
    private static List<long[]> appendFor(SqliteStores stores, int threads, int batchSize, Duration duration)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        Instant now = Instant.now();
                        String batchId = batchSize > 1 ? "batch-" + n : null;
                        List<PredictionRecord> batch = new ArrayList<>(batchSize);
                        for (int i = 0; i < batchSize; i++) {
                            batch.add(record(n++, now, batchId));
                        }
                        long began = System.nanoTime();
                        stores.predictionLog().append(batch);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - began;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            List<long[]> latencies = new ArrayList<>();
            for (Future<long[]> run : runs) {
                latencies.add(run.get());
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void queries(Path work) throws Exception {
        Path file = work.resolve("query.db");
        try (SqliteStores stores = SqliteStores.open(file)) {
            // A day of predictions, one every ~0.86 s, in batches of 500 sharing a timestamp.
            Instant first = Instant.parse("2026-11-01T00:00:00Z");
            long fillStart = System.nanoTime();
            for (int n = 0; n < QUERY_RECORDS; n += 500) {
                List<PredictionRecord> batch = new ArrayList<>(500);
                Instant at = first.plusMillis(n * 864L);
                for (int i = 0; i < 500; i++) {
                    batch.add(record(n + i, at.plusMillis(i), null));
                }
                stores.predictionLog().append(batch);
            }
            System.out.printf(Locale.ROOT, "query: %,d records written in %.1f s; file %,d bytes%n", QUERY_RECORDS,
                    (System.nanoTime() - fillStart) / 1e9, Files.size(file));

            LogPage middle = stores.predictionLog().query(LogQuery.all().limit(LogQuery.MAX_LIMIT));
            for (int i = 0; i < 9; i++) {
                middle = stores.predictionLog().query(LogQuery.all().limit(LogQuery.MAX_LIMIT).after(middle.next()));
            }
            LogCursor halfway = middle.next();

            time(stores, "newest 200", i -> LogQuery.all());
            time(stores, "newest 200 of one user (1 in 20)", i -> LogQuery.all().forUser("user-" + i % USERS));
            time(stores, "newest 50 of one student (1 in 2,000)", i -> LogQuery.all().forStudent("RA-" + i % STUDENTS).limit(50));
            time(stores, "200 after a cursor 50,000 records deep", i -> LogQuery.all().after(halfway));
            time(stores, "200 of one user within one hour", i -> LogQuery.all().forUser("user-" + i % USERS)
                    .between(first.plusSeconds(3600L * (i % 20)), first.plusSeconds(3600L * (i % 20 + 1))));
            time(stores, "5,000 (the largest page)", i -> LogQuery.all().limit(LogQuery.MAX_LIMIT));
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                stores.predictionLog().health();
            }
            System.out.printf(Locale.ROOT, "query: health() %.3f ms%n", (System.nanoTime() - start) / 1e6 / 1_000);
        }
    }

    private static void time(SqliteStores stores, String label, IntFunction<LogQuery> query) {
        int rounds = 200;
        for (int i = 0; i < 20; i++) {
            stores.predictionLog().query(query.apply(i));
        }
        long[] nanos = new long[rounds];
        int records = 0;
        for (int i = 0; i < rounds; i++) {
            LogQuery q = query.apply(i);
            long start = System.nanoTime();
            records += stores.predictionLog().query(q).records().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "query: %-42s p50 %6.2f ms, p95 %6.2f ms (%d records per page)%n", label,
                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.95) / 1e6, records / rounds);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
