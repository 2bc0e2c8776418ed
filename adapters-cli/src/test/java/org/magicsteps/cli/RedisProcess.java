package org.magicsteps.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own ({@code /usr/bin/redis-server}), never the shared one on 6379:
 * on a free port, with its append-only file under {@code dir} (fsync on every write) so that what
 * was stored survives {@link #stop()} and {@link #start()} on the same port.
 */
final class RedisProcess implements AutoCloseable {

    private final Path dir;
    private int port;
    private boolean started;
    private Process process;

    RedisProcess(Path dir) {
        this.dir = dir;
        this.port = freePort();
    }

    int port() {
        return port;
    }

    RedisProcess start() {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (launch()) {
                started = true;
                return this;
            }
            if (started) {
                break;
            }
            port = freePort(); // taken between our look and its bind: another one, before the first start only
        }
        throw new IllegalStateException("redis-server did not listen on " + port + "; see " + dir.resolve("redis.log"));
    }

    private boolean launch() {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                    "--protected-mode", "no")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** Stops it (SIGTERM); its data stays in the append-only file. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A port nothing listens on now; redis-server binds it at once, so the race is short. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
