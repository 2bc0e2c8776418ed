package org.magicsteps.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code magic-steps serve} in a JVM of its own, as an operator runs it: configured by environment
 * variables, on port 0 (the banner says which port it got), its output copied to a file. It can be
 * stopped as a service manager stops it (SIGTERM) or killed (SIGKILL).
 */
final class ServerProcess implements AutoCloseable {

    /** A secret of 64 characters, shared by the replicas of a test (never a real one). */
    static final String SECRET = "reliability-tests-secret-0123456789abcdef0123456789abcdef01234567";
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    private final Process process;
    private final int port;
    private final Path output;

    private ServerProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts a server with {@code environment} on top of a loopback address, port 0 and {@link #SECRET},
     * and waits for its banner.
     *
     * @param prefix shell words before {@code java} (such as {@code ulimit -f N;}); empty for none
     */
    static ServerProcess start(Path dataDir, Map<String, String> environment, String prefix, String... jvmOptions) {
        try {
            Files.createDirectories(dataDir);
            // Not beside the data: a test may fill that disk, and the output must still be drained.
            Path output = Files.createTempFile("magic-steps-server-", ".log");
            List<String> java = new ArrayList<>();
            java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            java.add("-XX:TieredStopAtLevel=1");
            java.addAll(List.of(jvmOptions));
            java.add("-cp");
            java.add(System.getProperty("java.class.path"));
            java.add(MagicSteps.class.getName());
            java.add("serve");
            List<String> command = new ArrayList<>();
            if (!prefix.isEmpty()) {
                // The shell sets the limit, then becomes the JVM (exec), which inherits it.
                command.addAll(List.of("bash", "-c", prefix + " exec \"$@\"", "server"));
            }
            command.addAll(java);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("PORT", "0");
            builder.environment().put("SECRET_KEY", SECRET);
            builder.environment().put("DATA_DIR", dataDir.toString());
            builder.environment().putAll(environment);
            builder.redirectErrorStream(true);
            Process process = builder.start();
            int port = awaitBanner(process, output);
            return new ServerProcess(process, port, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the output until the banner gives the port, then keeps copying it to {@code output}. */
    private static int awaitBanner(Process process, Path output) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Files.writeString(output, seen);
                Thread copier = new Thread(() -> copy(lines, output), "server-output");
                copier.setDaemon(true);
                copier.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        Files.writeString(output, seen);
        throw new IllegalStateException("the server stopped before it listened:\n" + seen);
    }

    /** Drains the server's output to the end (a full pipe would stall it), keeping what it can. */
    private static void copy(BufferedReader lines, Path output) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                try {
                    Files.writeString(output, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException notKept) {
                    // keep draining
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** What the server printed so far (banner and log). */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no drain, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops it: the log drains, the stores close. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
