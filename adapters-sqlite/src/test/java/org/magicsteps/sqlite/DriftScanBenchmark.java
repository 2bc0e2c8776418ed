package org.magicsteps.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.testing.ForwardingPredictor;
import org.magicsteps.core.testing.Students;
import org.magicsteps.core.usecase.MonitorDrift;

/**
 * How long {@code GET /monitor/drift} takes over a day of 1,000,000 logged predictions in the
 * embedded store: the log is filled (18 PEDE features per record, in batches of 500, in time order
 * over 24 hours), then {@link MonitorDrift#lastDay()} runs three times, each reading the whole window
 * through {@code PredictionLog.scanFeatures}. A measured main, not a test:
 * {@code mvn -B -q -pl adapters-sqlite -am verify -DskipTests -Pbench
 * -Dbench.main=org.magicsteps.sqlite.DriftScanBenchmark -Dbench.heap=96m} (a 96 MB heap, a tenth of
 * what a million records would hold, so that it also shows the memory stays bounded);
 * {@code -Dbench.drift.records=} changes the count, {@code -Dbench.file=PATH} keeps the filled file
 * for another run.
 */
public final class DriftScanBenchmark {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private DriftScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.drift.records", 1_000_000);
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "drift-bench");
        String kept = System.getProperty("bench.file", "");
        Path file = kept.isEmpty() ? work.resolve("magic-steps.db") : Path.of(kept);
        boolean fresh = !Files.exists(file);
        try (SqliteStores stores = SqliteStores.open(file, Durability.NORMAL)) {
            long filling = System.nanoTime();
            if (fresh) {
                fill(stores, records);
            }
            System.out.printf(Locale.ROOT, "filled %,d records in %.1f s (%,d MB file); max heap %d MB, load average %.1f%n",
                    records, (System.nanoTime() - filling) / 1e9, Files.size(file) >> 20,
                    Runtime.getRuntime().maxMemory() >> 20,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            MonitorDrift monitor = new MonitorDrift(stores.predictionLog(), new ReferencedModel(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                long startCpu = cpu.getCurrentThreadCpuTime();
                DriftReport report = monitor.lastDay();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: drift over %,d logged predictions in %.2f s (CPU %.2f s of this "
                        + "thread, %.0f k/s); score_ipv PSI %.4f%n", run, report.rows(), seconds, cpuSeconds,
                        report.rows() / seconds / 1000,
                        report.features().stream().filter(f -> f.feature().equals("score_ipv")).findFirst()
                                .orElseThrow().psi());
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void fill(SqliteStores stores, int records) {
        SplittableRandom random = new SplittableRandom(1);
        Threshold threshold = new Threshold(0.5);
        List<PredictionRecord> batch = new ArrayList<>(500);
        for (int i = 0; i < records; i++) {
            Map<String, Object> values = new LinkedHashMap<>(Students.student().values());
            values.put("score_ipv", Math.rint((2.5 + random.nextDouble() * 7.5) * 1000) / 1000);
            values.put("idade", (double) (8 + random.nextInt(12)));
            // Logged as a live server logs them: in time order, the day's predictions evenly spread.
            Instant at = NOW.minusMillis(24L * 3600 * 1000).plusMillis(i * (24L * 3600 * 1000 - 1) / records);
            batch.add(new PredictionRecord(Prediction.of(UUID.randomUUID().toString(), "RA-" + i % 5000, 0.5,
                    threshold, "1.0.0", at), "ana", new StudentFeatures(values), null));
            if (batch.size() == 500) {
                stores.predictionLog().append(batch);
                batch = new ArrayList<>(500);
            }
        }
        if (!batch.isEmpty()) {
            stores.predictionLog().append(batch);
        }
    }

    /** The test model with a training reference of ten bins for every numeric feature and counts for every word. */
    private static final class ReferencedModel extends ForwardingPredictor {
        ReferencedModel() {
            super(Students.predictor());
        }

        @Override
        public List<FeatureReference> trainingReference() {
            List<FeatureReference> references = new ArrayList<>();
            for (FeatureSpec spec : schema().features()) {
                if (spec.type().isNumeric()) {
                    List<Double> edges = new ArrayList<>();
                    List<Long> counts = new ArrayList<>();
                    for (int b = 0; b <= 10; b++) {
                        edges.add(spec.minimum() + (spec.maximum() - spec.minimum()) * b / 10);
                        if (b < 10) {
                            counts.add(10L + b);
                        }
                    }
                    references.add(FeatureReference.numeric(spec.name(), true, edges, counts, 0L));
                } else {
                    references.add(FeatureReference.categorical(spec.name(), true, spec.categories(),
                            spec.categories().stream().map(c -> 10L).toList(), 0L));
                }
            }
            return references;
        }
    }
}
