package org.magicsteps.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.usecase.PruneOldPredictions;

/**
 * The log as it grows to 10 million records: append throughput per million, page latency and
 * bytes per record at each checkpoint, and appends while retention prunes half of it. A measured
 * main, not a test (bench/growth runs it, see bench/README.md):
 *
 * <pre>
 * mvn -B -q -pl adapters-sqlite -am verify -DskipTests -Pbench -Dbench.sections=growth \
 *     -Dbench.file=/tmp/log.db -Dbench.records=10000000
 * </pre>
 *
 * <p>Records are the server's: batches of 500 sharing a timestamp and a batch id, UUIDv7 ids, the
 * 18 PEDE features with varied values, {@value #USERS} users and {@code bench.students} students
 * (default 10,000), appended from {@code bench.threads} threads (default 4, as {@code bench/run}'s
 * /predict/batch load). Timestamps are spread over the last {@code bench.days} days (default 60), so
 * that a retention of half of that prunes half of the log. Sections: {@code growth} (fill and
 * measure), {@code prune} (on the filled file: appends from 8 threads, singles, while retention
 * deletes everything older than {@code bench.days / 2}).
 */
public final class LogGrowthBenchmark {

    private static final int BATCH = 500;
    private static final int USERS = 20;
    private static final int ROUNDS = 200;
    /** The pause between two prune steps, as the server's background pruning (adapters-cli) makes it. */
    private static final long PAUSE_BETWEEN_STEPS_MILLIS = 5;
    private static final Threshold THRESHOLD = new Threshold(0.5);
    private static final String[] TURMAS = {"a", "b", "c", "d", "e"};
    private static final String[] GENEROS = {"menina", "menino"};
    private static final String[] PEDRAS = {"quartzo", "ágata", "ametista", "topázio"};

    private final Path file;
    private final long records;
    private final int threads;
    private final int students;
    private final Duration span;
    private final Instant end;

    private LogGrowthBenchmark(Path file, long records, int threads, int students, int days) {
        this.file = file;
        this.records = records;
        this.threads = threads;
        this.students = students;
        this.span = Duration.ofDays(days);
        this.end = Instant.now();
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = List.of(System.getProperty("bench.sections", "growth,prune").split(","));
        String path = System.getProperty("bench.file", "");
        Path file = path.isBlank() ? Files.createTempDirectory("log-growth").resolve("log.db") : Path.of(path);
        LogGrowthBenchmark bench = new LogGrowthBenchmark(file, Long.getLong("bench.records", 10_000_000),
                Integer.getInteger("bench.threads", 4), Integer.getInteger("bench.students", 10_000),
                Integer.getInteger("bench.days", 60));
        System.out.printf(Locale.ROOT, "%d cores, %s %s, load average %.1f; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), file);
        if (sections.contains("growth")) {
            bench.grow();
        }
        if (sections.contains("prune")) {
            bench.pruneHalf();
        }
    }

    /** Record {@code n} of the fill: its time is where it falls in the span, so the log ends now. */
    private Instant timeOf(long n) {
        return end.minus(span).plusNanos((long) (span.toNanos() * ((double) n / records)));
    }

    private PredictionRecord record(long n, Instant at, String batchId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fase", (double) random.nextInt(8));
        values.put("idade", (double) (7 + random.nextInt(14)));
        values.put("ano_ingresso", (double) (2016 + random.nextInt(7)));
        values.put("score_inde", round(3 + 6.5 * random.nextDouble()));
        values.put("score_iaa", round(10 * random.nextDouble()));
        values.put("score_ieg", round(10 * random.nextDouble()));
        values.put("score_ips", round(2.5 + 7.5 * random.nextDouble()));
        values.put("score_ida", round(9.9 * random.nextDouble()));
        values.put("score_ipv", round(2.5 + 7.5 * random.nextDouble()));
        values.put("score_ian", 2.5 + 2.5 * random.nextInt(4));
        values.put("nota_cg", (double) (1 + random.nextInt(862)));
        values.put("nota_cf", (double) (1 + random.nextInt(192)));
        values.put("nota_ct", (double) (1 + random.nextInt(18)));
        values.put("num_avaliacoes", (double) (2 + random.nextInt(3)));
        values.put("defasagem", (double) (random.nextInt(8) - 5));
        values.put("turma", TURMAS[random.nextInt(TURMAS.length)]);
        values.put("genero", GENEROS[random.nextInt(GENEROS.length)]);
        values.put("pedra_modal", PEDRAS[random.nextInt(PEDRAS.length)]);
        double probability = random.nextDouble();
        return new PredictionRecord(Prediction.of(LogThroughputBenchmark.timeOrderedId(at),
                "RA-" + random.nextInt(students), probability, THRESHOLD, "default-40ee31d632db", at),
                "user-" + n % USERS, new StudentFeatures(values), batchId);
    }

    /** Sheets give scores with a few decimals. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private List<PredictionRecord> batch(long first) {
        Instant at = timeOf(first);
        String batchId = LogThroughputBenchmark.timeOrderedId(at);
        List<PredictionRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(record(first + i, at, batchId));
        }
        return batch;
    }

    private void grow() throws Exception {
        List<Long> checkpoints = List.of(500_000L, 1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L);
        long window = Math.max(BATCH, Math.min(500_000, records / 10));
        try (SqliteStores stores = SqliteStores.open(file)) {
            AtomicLong next = new AtomicLong();
            long written = 0;
            long started = System.nanoTime();
            while (written < records) {
                long target = Math.min(records, written + window);
                long windowStart = System.nanoTime();
                Costs before = Costs.now();
                append(stores, next, target);
                Costs spent = Costs.now().minus(before);
                long count = target - written;
                written = target;
                double seconds = (System.nanoTime() - windowStart) / 1e9;
                System.out.printf(Locale.ROOT, "growth: %,12d records  %,8.0f records/s  per record: writer CPU %5.1f µs,"
                        + " all CPU %5.1f µs, %,6.0f bytes written to disk%n", written, count / seconds,
                        spent.writerNanos() / 1e3 / count, spent.processNanos() / 1e3 / count,
                        (double) spent.diskBytes() / count);
                if (checkpoints.contains(written) || written == records) {
                    measure(stores, written);
                }
            }
            System.out.printf(Locale.ROOT, "growth: %,d records in %.0f s%n", written,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Appends batches from {@link #threads} threads until {@code target} records are in. */
    private void append(SqliteStores stores, AtomicLong next, long target) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(BATCH)) < target) {
                        stores.predictionLog().append(batch(first));
                    }
                    next.addAndGet(-BATCH);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            next.set(target);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What a stretch of appends cost, which a machine shared with other work disturbs far less than
     * it disturbs the wall-clock rate: CPU time of the writer thread and of the whole process, and the
     * bytes the process had the kernel write to disk ({@code /proc/self/io}).
     */
    private record Costs(long writerNanos, long processNanos, long diskBytes) {

        static Costs now() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long writer = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("sqlite-writer")) {
                    writer += threads.getThreadCpuTime(info.getThreadId());
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long disk = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                    if (line.startsWith("write_bytes:")) {
                        disk = Long.parseLong(line.substring(12).trim());
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                disk = 0;
            }
            return new Costs(writer, process, disk);
        }

        Costs minus(Costs earlier) {
            return new Costs(writerNanos - earlier.writerNanos, processNanos - earlier.processNanos,
                    diskBytes - earlier.diskBytes);
        }
    }

    private void measure(SqliteStores stores, long written) {
        long bytes = Files.exists(file) ? file.toFile().length() : 0;
        long wal = Path.of(file + "-wal").toFile().length();
        System.out.printf(Locale.ROOT, "growth: at %,d records the file holds %,d bytes (+ %,d of WAL):"
                + " %.0f bytes per record%n", written, bytes, wal, (double) bytes / written);
        time(stores, written, "newest 200", i -> LogQuery.all());
        time(stores, written, "newest 200 of one student", i -> LogQuery.all().forStudent("RA-" + (i * 7919) % students));
        time(stores, written, "newest 200 of one user", i -> LogQuery.all().forUser("user-" + i % USERS));
    }

    private void time(SqliteStores stores, long written, String label, IntFunction<LogQuery> query) {
        for (int i = 0; i < 20; i++) {
            stores.predictionLog().query(query.apply(i));
        }
        long[] nanos = new long[ROUNDS];
        long found = 0;
        for (int i = 0; i < ROUNDS; i++) {
            LogQuery q = query.apply(i);
            long start = System.nanoTime();
            found += stores.predictionLog().query(q).records().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "growth: at %,d records, %-28s p50 %6.2f ms, p99 %6.2f ms (%d records a page)%n",
                written, label, nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 99 / 100] / 1e6, found / ROUNDS);
    }

    /**
     * Appends singles from 8 threads for 20 s, then again while retention deletes every record older
     * than half the span (half the log), in the steps and with the pause the server's background
     * pruning uses; the latency of the appends in both phases.
     */
    private void pruneHalf() throws Exception {
        try (SqliteStores stores = SqliteStores.open(file)) {
            long[] quiet = appendSinglesWhile(stores, () -> false, Duration.ofSeconds(20));
            report("appends, no pruning", quiet, Duration.ofSeconds(20));
            PruneOldPredictions prune = new PruneOldPredictions(stores.predictionLog(), span.dividedBy(2),
                    Clock.fixed(end, ZoneOffset.UTC));
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong deleted = new AtomicLong();
            long started = System.nanoTime();
            Thread pruner = new Thread(() -> {
                int step;
                do {
                    step = prune.step();
                    deleted.addAndGet(step);
                    pause();
                } while (step == PruneOldPredictions.STEP);
                done.set(true);
            }, "pruner");
            pruner.start();
            long[] pruning = appendSinglesWhile(stores, done::get, Duration.ofHours(2));
            pruner.join();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(Locale.ROOT, "prune: deleted %,d records in %d s (%,.0f records/s)%n", deleted.get(),
                    took.toSeconds(), deleted.get() / (took.toNanos() / 1e9));
            report("appends during the prune", pruning, took);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_BETWEEN_STEPS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long[] appendSinglesWhile(SqliteStores stores, java.util.function.BooleanSupplier stop, Duration limit)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long deadline = System.nanoTime() + limit.toNanos();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    long n = 0;
                    while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
                        PredictionRecord record = record(n++, Instant.now(), null);
                        long began = System.nanoTime();
                        stores.predictionLog().append(record);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - began;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> run : runs) {
                all.add(run.get());
            }
            return all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(String label, long[] sorted, Duration took) {
        if (sorted.length == 0) {
            System.out.printf(Locale.ROOT, "prune: %-26s none%n", label);
            return;
        }
        System.out.printf(Locale.ROOT, "prune: %-26s %,8.0f appends/s, p50 %5.2f ms, p99 %6.2f ms, max %6.1f ms%n",
                label, sorted.length / (took.toNanos() / 1e9), sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
