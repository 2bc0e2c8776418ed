package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak (issue 14): the real server (a JVM of its own, the bundled model, the embedded SQLite
 * store) first measured at its maximum for {@code soak.measureSeconds} (closed loop, 16 threads),
 * then held at half that rate for {@code soak.minutes} (10 by default), open loop, 90 % single
 * predictions and 10 % batches of 10. Each minute: errors, p50/p99 latency, and the heap after a
 * full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). Passes with 0 errors, a heap without a
 * growth trend (least-squares slope under 2 MiB per minute after the first minute) and a steady
 * p99 (no minute above 3 times the median minute). Writes {@code target/soak-report.txt}.
 *
 * <p>Not part of {@code mvn verify}: {@code mvn -B verify -Psoak -pl adapters-cli -am}
 * ({@code -Dsoak.minutes=N} for another length). Figures taken while other builds run are noisy.
 */
class SoakRun {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final int THREADS = 16;

    @TempDir
    Path dir;

    record Minute(int minute, long requests, long errors, double p50Millis, double p99Millis, double heapMib) {
    }

    @Test
    void halfTheMaximumForTenMinutesWithoutErrorsHeapGrowthOrAp99Drift() throws Exception {
        int minutes = Integer.getInteger("soak.minutes", 10);
        int measureSeconds = Integer.getInteger("soak.measureSeconds", 30);
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), Map.of(), "", "-Xmx512m")) {
            Api api = new Api(server.port());
            assertEquals(201, api.register("soak", "senha-forte-1").status());
            String token = api.token("soak", "senha-forte-1");
            String batch = batch();

            double maximum = measureMaximum(api, token, batch, measureSeconds);
            double rate = maximum / 2;
            List<Minute> report = new ArrayList<>();
            AtomicLong sequence = new AtomicLong();
            for (int m = 1; m <= minutes; m++) {
                report.add(oneMinute(m, api, token, batch, rate, sequence, server.pid()));
                System.out.println("soak " + report.get(report.size() - 1));
            }
            String text = render(maximum, rate, report);
            Files.writeString(Path.of(System.getProperty("magicsteps.buildDirectory", "target"), "soak-report.txt"), text);
            System.out.println(text);

            assertEquals(0, report.stream().mapToLong(Minute::errors).sum(), "0 errors: " + text);
            List<Minute> settled = report.subList(Math.min(1, report.size() - 1), report.size());
            double slope = slope(settled.stream().mapToDouble(Minute::heapMib).toArray());
            assertTrue(slope < 2.0, "no heap growth trend (MiB per minute): " + slope + "\n" + text);
            double[] p99 = settled.stream().mapToDouble(Minute::p99Millis).sorted().toArray();
            double median = p99[p99.length / 2];
            assertTrue(p99[p99.length - 1] <= 3 * median, "a steady p99: " + Arrays.toString(p99) + "\n" + text);
        }
    }

    /** Requests per second at the maximum: 16 threads asking as fast as they are answered. */
    private static double measureMaximum(Api api, String token, String batch, int seconds) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        AtomicLong i = new AtomicLong();
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    request(api, token, batch, i.incrementAndGet());
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }

    /** One minute at {@code rate} requests per second, each started on its schedule (open loop). */
    private static Minute oneMinute(int minute, Api api, String token, String batch, double rate, AtomicLong sequence,
            long pid) throws InterruptedException {
        long count = Math.round(rate * 60);
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
        for (int t = 0; t < THREADS * 2; t++) {
            pool.execute(() -> {
                for (long k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                    long due = start + k * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    // Latency from when the request was due: a server falling behind shows, not hides.
                    int status = request(api, token, batch, sequence.incrementAndGet());
                    latencies.add(System.nanoTime() - due);
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Minute(minute, sorted.length, errors.get(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                heapAfterGcMib(pid));
    }

    private static int request(Api api, String token, String batch, long i) {
        try {
            return i % 10 == 0 ? api.post("/predict/batch", batch, token).status()
                    : api.predict(token, "RA-" + (i % 5000), 3 + i % 7).status();
        } catch (UncheckedIOException noAnswer) {
            return 0;
        }
    }

    private static double heapAfterGcMib(long pid) {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6;
    }

    /** The least-squares slope of {@code values} against their index. */
    static double slope(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = Arrays.stream(values).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values[i] - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    private static String render(double maximum, double rate, List<Minute> report) {
        StringBuilder text = new StringBuilder(String.format(
                "soak: maximum %.0f requests/s (16 threads, closed loop); held at %.0f/s%n"
                        + "minute  requests  errors  p50 ms  p99 ms  heap after GC MiB%n", maximum, rate));
        for (Minute m : report) {
            text.append(String.format("%6d  %8d  %6d  %6.1f  %6.1f  %17.1f%n", m.minute(), m.requests(), m.errors(),
                    m.p50Millis(), m.p99Millis(), m.heapMib()));
        }
        return text.toString();
    }

    private static String batch() {
        StringBuilder json = new StringBuilder("{\"students\":[");
        for (int i = 0; i < 10; i++) {
            json.append(i == 0 ? "" : ",").append("{\"student_id\":\"RA-s").append(i).append("\",\"features\":")
                    .append(Api.student(3 + i % 7)).append('}');
        }
        return json.append("]}").toString();
    }
}
