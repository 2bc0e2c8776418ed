package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@code redis-server} of a test's own (TLS, Sentinel, Cluster nodes), on a free port, in a
 * directory of its own, stopped with the test. Started again on another port when the one picked
 * was taken meanwhile by somebody else on this shared machine.
 */
final class RedisServerProcess implements AutoCloseable {

    static final String BINARY = "/usr/bin/redis-server";
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path log;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code redis-server} with the arguments {@code arguments} gives for a free port, and
     * waits until its log says it accepts connections.
     *
     * @param clusterBus whether {@code port + 10000} must be free too (a Cluster node's bus)
     */
    static RedisServerProcess start(Path dir, boolean clusterBus, IntFunction<List<String>> arguments) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            fail(BINARY + " is missing; install Debian's redis-server (CI's .ci/run does)");
        }
        IOException last = null;
        for (int tries = 0; tries < 5; tries++) {
            int port = freePort(clusterBus);
            Path home = dir.resolve("redis-" + port);
            try {
                Files.createDirectories(home);
                Path log = home.resolve("redis.log");
                List<String> command = new ArrayList<>(List.of(BINARY));
                command.addAll(arguments.apply(port));
                command.addAll(List.of("--dir", home.toString(), "--logfile", log.toString(), "--save", "",
                        "--appendonly", "no", "--bind", "127.0.0.1"));
                Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                        .redirectOutput(home.resolve("stdout.log").toFile()).start();
                RedisServerProcess server = new RedisServerProcess(process, port, log);
                if (server.awaitReady()) {
                    return server;
                }
                server.close();
            } catch (IOException e) {
                last = e;
            }
        }
        return fail("redis-server did not start in 5 tries" + (last == null ? "" : ": " + last));
    }

    int port() {
        return port;
    }

    /** The log so far, for a failing test's message. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            String text = log();
            if (text.contains("Ready to accept connections") || text.contains("Sentinel ID is")) {
                return true;
            }
            if (!process.isAlive()) {
                return false; // most likely the port was taken in between; try another
            }
            try {
                process.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static int freePort(boolean clusterBus) {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = probe.getLocalPort();
                if (!clusterBus) {
                    return port;
                }
                if (port + 10_000 <= 65_535) {
                    try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fail("no free port pair for a Cluster node");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
