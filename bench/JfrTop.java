import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a JFR recording goes, as text for bench/RESULTS.md: CPU samples by method
 * (self, and total: the method or anything it calls), by thread, samples of threads in native code
 * (fsync, ONNX Runtime), allocation by class, and GC pauses. JDK only:
 *
 * <pre>java bench/JfrTop.java recording.jfr [rows] [package-prefix-for-total]</pre>
 *
 * <p>Also reads async-profiler's collapsed stacks ({@code *.collapsed}, one "frame;frame;... count"
 * per line; bench/run writes them with {@code BENCH_ASYNC_PROFILER}): CPU by method, self and total,
 * and by the thread kind the stack starts in.
 */
public final class JfrTop {

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String focus = args.length > 2 ? args[2] : "";
        if (file.toString().endsWith(".collapsed")) {
            collapsed(file, rows, focus);
            return;
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> nativeSelf = new HashMap<>();
        Map<String, Long> nativeTotal = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        long allocated = 0;
        long gcPauseNanos = 0;
        long gcCount = 0;
        long firstNanos = Long.MAX_VALUE;
        long lastNanos = Long.MIN_VALUE;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            long at = event.getStartTime().getEpochSecond() * 1_000_000_000L + event.getStartTime().getNano();
            firstNanos = Math.min(firstNanos, at);
            lastNanos = Math.max(lastNanos, at);
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    count(event.getStackTrace(), self, total, focus);
                    String thread = event.getThread("sampledThread") == null ? "?"
                            : event.getThread("sampledThread").getJavaName();
                    threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1L, Long::sum);
                }
                case "jdk.NativeMethodSample" -> {
                    nativeSamples++;
                    count(event.getStackTrace(), nativeSelf, nativeTotal, focus);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocation.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                }
                case "jdk.GarbageCollection" -> {
                    gcCount++;
                    gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                }
                default -> {
                }
            }
        }
        double seconds = (lastNanos - firstNanos) / 1e9;
        System.out.printf("recording %s: %.1f s, %d CPU samples, %d native samples%n", file.getFileName(), seconds,
                samples, nativeSamples);
        System.out.printf("GC: %d collections, %.0f ms of pauses (%.1f %% of the time); %.0f MB/s allocated (sampled)%n",
                gcCount, gcPauseNanos / 1e6, 100 * gcPauseNanos / 1e9 / seconds, allocated / 1e6 / seconds);
        print("CPU, self (the method itself)", self, samples, rows);
        print("CPU, total (the method and what it calls)" + (focus.isEmpty() ? "" : ", frames under " + focus), total,
                samples, rows);
        print("CPU samples by thread", threads, samples, 12);
        print("threads in native code, total", nativeTotal, nativeSamples, rows);
        print("allocation by class (bytes)", allocation, allocated, 15);
    }

    private static void collapsed(Path file, int rows, String focus) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        for (String line : java.nio.file.Files.readAllLines(file)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            self.merge(frames[frames.length - 1], count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                String name = frame.replace('/', '.');
                if (name.startsWith(focus) && seen.add(name)) {
                    total.merge(name, count, Long::sum);
                }
            }
            String thread = line.contains("SingleWriter") ? "sqlite writer" : line.contains("jetty") ? "jetty"
                    : line.contains("GCTaskThread") || line.contains("G1") ? "GC" : "other";
            threads.merge(thread, count, Long::sum);
        }
        System.out.printf("collapsed stacks %s: %d samples%n", file.getFileName(), samples);
        print("CPU, self (the method itself, native frames included)", self, samples, rows);
        print("CPU, total (the method and what it calls)" + (focus.isEmpty() ? "" : ", frames under " + focus),
                total, samples, rows);
        print("CPU by thread", threads, samples, 5);
    }

    private static void count(RecordedStackTrace stack, Map<String, Long> self, Map<String, Long> total, String focus) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith(focus) && seen.add(name)) {
                total.merge(name, 1L, Long::sum);
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long all, int rows) {
        System.out.println();
        System.out.println(title + ":");
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(rows, sorted.size()))) {
            System.out.printf("  %5.1f %%  %s%n", 100.0 * entry.getValue() / Math.max(1, all), entry.getKey());
        }
    }
}
