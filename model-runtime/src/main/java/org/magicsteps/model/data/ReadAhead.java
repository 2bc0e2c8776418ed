package org.magicsteps.model.data;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Rows read on a thread of their own, handed over in batches through a short queue: the reader
 * stays at most {@value #BATCHES_AHEAD} batches ahead, so memory stays bounded whatever the
 * sheet's length. A failure of the reader surfaces, as it was thrown, from {@link #next()}.
 */
final class ReadAhead {

    /** Rows per hand-over: large enough that the queue costs nothing per row. */
    static final int BATCH = 256;
    static final int BATCHES_AHEAD = 4;

    /** What the reading thread does: hand every batch, in order, to the consumer it is given. */
    interface Source {
        void readInto(Consumer<List<SheetRow>> batches);
    }

    private sealed interface Item {
    }

    private record Batch(List<SheetRow> rows) implements Item {
    }

    private record Failure(RuntimeException error) implements Item {
    }

    private record End() implements Item {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private boolean ended;

    ReadAhead(Source source, String name) {
        thread = new Thread(() -> {
            Item last = new End();
            try {
                source.readInto(rows -> put(new Batch(rows)));
            } catch (StoppedException e) {
                return;
            } catch (RuntimeException e) {
                last = new Failure(e);
            } catch (Error e) {
                // The consumer must not wait forever for an end that will not come.
                last = new Failure(new SheetException("reading failed: " + e, e));
            }
            try {
                put(last);
            } catch (StoppedException e) {
                // nobody waits any more
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next batch, or {@code null} after the last.
     *
     * @throws SheetException (or whatever the reader threw) when reading failed
     */
    List<SheetRow> next() {
        if (ended) {
            return null;
        }
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new SheetException("reading the sheet was interrupted", e);
        }
        if (item instanceof Batch batch) {
            return batch.rows();
        }
        ended = true;
        if (item instanceof Failure failure) {
            throw failure.error();
        }
        return null;
    }

    /** Stops the reading thread (when the consumer stops early) and waits for it. */
    void stop() {
        ended = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new StoppedException();
        }
    }

    /** The consumer stopped reading: the thread ends without a word. */
    private static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super(null, null, false, false);
        }
    }
}
