package org.magicsteps.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.Predictor;

/**
 * A {@link ModelSource} that starts opening some locations at once, each on a thread of its own,
 * and hands each one out the first time it is asked for; every other request opens afresh.
 *
 * <p>Why: the server opens every carried model at start, one after the other, on the main thread,
 * after the stores; each is mostly loading a graph and native code, which overlaps with the
 * stores opening. What is opened ahead is handed out exactly as the source would have opened it
 * (the same exception when it fails), and {@code LoadModel}'s probe still runs on it before it is
 * served. Opened models nobody asked for are closed with the wiring.
 */
final class ModelsOpenedAhead implements ModelSource, AutoCloseable {

    private final ModelSource source;
    private final Map<String, CompletableFuture<Predictor>> ahead = new HashMap<>();

    ModelsOpenedAhead(ModelSource source, Collection<String> locations) {
        this.source = Objects.requireNonNull(source, "source");
        for (String location : locations) {
            ahead.computeIfAbsent(location, where -> CompletableFuture.supplyAsync(() -> source.open(where),
                    task -> {
                        Thread thread = new Thread(task, "opening model " + where);
                        thread.setDaemon(true);
                        thread.start();
                    }));
        }
    }

    @Override
    public Predictor open(String location) {
        CompletableFuture<Predictor> opening;
        synchronized (ahead) {
            opening = ahead.remove(location);
        }
        if (opening == null) {
            return source.open(location);
        }
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the models opened ahead that nobody asked for (once they are open). */
    @Override
    public void close() {
        synchronized (ahead) {
            for (CompletableFuture<Predictor> opening : ahead.values()) {
                opening.thenAccept(ModelsOpenedAhead::closeQuietly);
            }
            ahead.clear();
        }
    }

    private static void closeQuietly(Predictor model) {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Never served: closing only frees its memory, and the process is stopping.
            }
        }
    }
}
