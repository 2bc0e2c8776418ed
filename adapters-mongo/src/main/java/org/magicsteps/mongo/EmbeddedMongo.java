package org.magicsteps.mongo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import org.magicsteps.core.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The persistent embedded store: mongo-java-server with its H2 backend, in one file under a data
 * directory, serving the MongoDB wire protocol on a free loopback port, so that the very same
 * {@code Mongo*} adapters serve it.
 *
 * <p>H2 lets one process open the file. So the first process to take {@value #LOCK_FILE} owns the
 * store: it starts the server and writes its process id and port to {@value #PORT_FILE}. Any other
 * process (say, {@code magic-steps users add} while a server runs) finds the lock taken and
 * connects to that port instead. When the owner stops, it removes the port file and the lock is
 * free again; if it died, the operating system freed the lock, and the next process takes over.
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

    static final String STORE_FILE = "magic-steps.mv.db";
    static final String LOCK_FILE = "owner.lock";
    static final String PORT_FILE = "owner.port";
    private static final long RETRY_MILLIS = 50;

    private final Path dir;
    private final int port;
    private final long ownerPid;
    private final MongoServer server;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedMongo(Path dir, int port, long ownerPid, MongoServer server, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.port = port;
        this.ownerPid = ownerPid;
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Starts the store in {@code dir}, or attaches to the process that runs it.
     *
     * @param port the loopback port to serve on when we own the store; 0 for a free one
     * @param attachTimeout how long to wait for an owner that is still starting
     * @throws PortException when the store can be neither started nor reached
     */
    static EmbeddedMongo openOrAttach(Path dir, int port, Duration attachTimeout) {
        Path directory = dir.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + attachTimeout.toNanos();
        try {
            Files.createDirectories(directory);
            while (true) {
                Optional<EmbeddedMongo> owned = tryToOwn(directory, port);
                if (owned.isPresent()) {
                    return owned.get();
                }
                Optional<EmbeddedMongo> attached = tryToAttach(directory);
                if (attached.isPresent()) {
                    return attached.get();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new PortException("the embedded store in " + directory + " is locked by another process"
                            + " that does not answer on the port in " + directory.resolve(PORT_FILE));
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException e) {
            throw new PortException("cannot open the embedded store in " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while opening the embedded store in " + directory, e);
        }
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    boolean owned() {
        return server != null;
    }

    int port() {
        return port;
    }

    String description() {
        return owned()
                ? "embedded store " + dir.resolve(STORE_FILE) + " (mongo-java-server + H2, on 127.0.0.1:" + port + ")"
                : "embedded store " + dir.resolve(STORE_FILE) + " (served by process " + ownerPid + " on 127.0.0.1:"
                        + port + ")";
    }

    /** Stops the server when we own it (H2 writes everything out as it closes) and frees the store. */
    @Override
    public void close() {
        if (!owned()) {
            return;
        }
        server.shutdownNow();
        try {
            Files.deleteIfExists(dir.resolve(PORT_FILE));
            lock.release();
        } catch (IOException e) {
            LOG.warn("could not release the embedded store in {}: {}", dir, e.getMessage());
        } finally {
            try {
                lockChannel.close();
            } catch (IOException e) {
                // released with the process anyway
            }
        }
    }

    private static Optional<EmbeddedMongo> tryToOwn(Path dir, int port) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process owns it already, through another instance
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        MongoServer server = null;
        try {
            // A port file left by an owner that died must not send anybody to a stranger's port.
            Files.deleteIfExists(dir.resolve(PORT_FILE));
            server = new MongoServer(new CommittingH2Backend(dir.resolve(STORE_FILE).toString()));
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            int bound = server.getLocalAddress().getPort();
            long pid = ProcessHandle.current().pid();
            Path temporary = dir.resolve(PORT_FILE + ".tmp");
            Files.writeString(temporary, pid + " " + bound + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, dir.resolve(PORT_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            LOG.info("embedded store {} started on 127.0.0.1:{}", dir.resolve(STORE_FILE), bound);
            return Optional.of(new EmbeddedMongo(dir, bound, pid, server, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.shutdownNow();
            }
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static Optional<EmbeddedMongo> tryToAttach(Path dir) throws IOException {
        String content;
        try {
            content = Files.readString(dir.resolve(PORT_FILE), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // the owner is still starting
        }
        String[] parts = content.split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(parts[0]);
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port)) {
            return Optional.of(new EmbeddedMongo(dir, port, pid, null, null, null));
        }
        return Optional.empty();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
