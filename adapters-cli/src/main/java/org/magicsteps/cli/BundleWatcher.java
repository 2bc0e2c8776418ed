package org.magicsteps.cli;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.ModelRefusedException;
import org.magicsteps.model.ModelBundle;

/**
 * {@code serve --watch DIR}: every bundle directory under {@code DIR} is served under its
 * directory's name, and loaded again (validated and probed, as {@code POST
 * /v2/repository/models/NAME/load} would) whenever what is in it changes. A change is told by the
 * content's fingerprint, not by time: the many events one copy raises load the bundle once per
 * distinct content, and touching a file without changing it loads nothing. A bundle that fails to
 * load leaves the model served as it was; a bundle directory removed leaves its model served until
 * it is unloaded. Copy a new bundle beside {@code DIR} and move it in, so that no half-copied
 * bundle is ever seen.
 */
final class BundleWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);

    /** What one look at a bundle directory found. */
    enum Result {
        /** Its content changed and it now serves. */
        LOADED,
        /** Its content changed but it does not load; the model served stays. */
        REFUSED,
        /** Its content is what was last loaded (or refused): nothing to do. */
        UNCHANGED
    }

    /**
     * @param name the model's name, its directory's
     * @param fingerprint the SHA-256 of its files' names and contents
     * @param detail the version loaded, or why it was refused
     */
    record Outcome(String name, Path directory, Result result, String fingerprint, String detail) {
    }

    private final Path root;
    private final LoadModel loadModel;
    private final Actor actor;
    private final WatchService service;
    private final Map<WatchKey, Path> watched = new ConcurrentHashMap<>();
    /** The content last tried per bundle directory, loaded or refused. */
    private final Map<Path, String> tried = new ConcurrentHashMap<>();
    private final List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private BundleWatcher(Path root, LoadModel loadModel, Actor actor, WatchService service) {
        this.root = root;
        this.loadModel = loadModel;
        this.actor = actor;
        this.service = service;
        this.thread = new Thread(this::run, "magic-steps-bundle-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Serves every bundle directory under {@code root} now, then watches it.
     *
     * @throws ConfigException when {@code root} is not a directory that can be watched
     */
    static BundleWatcher start(Path root, LoadModel loadModel, Actor actor) {
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--watch: " + root + " is not a directory");
        }
        BundleWatcher watcher;
        try {
            watcher = new BundleWatcher(root.toAbsolutePath().normalize(), loadModel, actor,
                    root.getFileSystem().newWatchService());
            watcher.register(watcher.root);
        } catch (IOException e) {
            throw new ConfigException("--watch: " + root + " cannot be watched: " + e.getMessage());
        }
        watcher.lookAtAll();
        watcher.thread.start();
        return watcher;
    }

    /** Calls {@code listener} with the outcome of every look at a bundle directory from now on. */
    void onOutcome(Consumer<Outcome> listener) {
        listeners.add(listener);
    }

    /** Stops watching; the models served stay served. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("closing the watch on {} failed: {}", root, e.toString());
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            for (;;) {
                WatchKey key = service.take();
                Path directory = watched.get(key);
                boolean overflow = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        overflow = true;
                    } else if (directory != null && directory.equals(root)) {
                        Path child = root.resolve((Path) event.context());
                        if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
                            register(child);
                        }
                        lookAt(child);
                    }
                }
                if (directory != null && !directory.equals(root)) {
                    lookAt(directory);
                }
                if (overflow) {
                    lookAtAll();
                }
                if (!key.reset()) {
                    watched.remove(key);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // close() was called: the watch ends.
        } catch (IOException | RuntimeException e) {
            LOG.error("watching {} stopped: {}", root, e.toString(), e);
        }
    }

    private void lookAtAll() {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child) && !watched.containsValue(child)) {
                    register(child);
                }
                lookAt(child);
            }
        } catch (IOException e) {
            LOG.warn("{} cannot be listed: {}", root, e.toString());
        }
    }

    private void register(Path directory) throws IOException {
        watched.put(directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), directory);
    }

    /** Loads {@code directory} when it holds a bundle whose content is not the one last tried. */
    private void lookAt(Path directory) {
        if (!Files.isDirectory(directory) || !(Files.isRegularFile(directory.resolve(ModelBundle.MANIFEST_FILE))
                || Files.isRegularFile(directory.resolve(ModelBundle.SEED_PREPROCESSOR_FILE)))) {
            return;
        }
        String name = directory.getFileName().toString();
        String fingerprint;
        try {
            fingerprint = fingerprint(directory);
        } catch (IOException e) {
            // A file vanished or is being replaced while read: the event that follows looks again.
            LOG.debug("{} cannot be read yet: {}", directory, e.toString());
            return;
        }
        if (fingerprint.equals(tried.put(directory, fingerprint))) {
            tell(new Outcome(name, directory, Result.UNCHANGED, fingerprint, "unchanged"));
            return;
        }
        try {
            LoadModel.Loaded loaded = loadModel.execute(actor, name, directory.toString());
            LOG.info("--watch: loaded model '{}' {} from {}{}", name, loaded.model().version(), directory,
                    loaded.replaced().map(old -> ", replacing " + old.version()).orElse(""));
            tell(new Outcome(name, directory, Result.LOADED, fingerprint, loaded.model().version()));
        } catch (ModelRefusedException refused) {
            LOG.warn("--watch: {}", refused.getMessage());
            tell(new Outcome(name, directory, Result.REFUSED, fingerprint, refused.getMessage()));
        }
    }

    private void tell(Outcome outcome) {
        listeners.forEach(listener -> listener.accept(outcome));
    }

    /**
     * The SHA-256 of the names and contents of the files a bundle is made of, directly in
     * {@code directory}: its manifest (or the original service's preprocessing) and ONNX graphs.
     * Its report and charts, or a temporary file beside them, change nothing.
     */
    static String fingerprint(Path directory) throws IOException {
        MessageDigest digest = DigestUtils.getSha256Digest();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(BundleWatcher::isBundleFile).sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    DigestUtils.updateDigest(digest, in);
                }
                digest.update((byte) 0);
            }
        }
        return Hex.encodeHexString(digest.digest());
    }

    private static boolean isBundleFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.equals(ModelBundle.MANIFEST_FILE)
                || name.equals(ModelBundle.SEED_PREPROCESSOR_FILE) || name.endsWith(".onnx"));
    }

}
