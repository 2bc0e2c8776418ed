package org.magicsteps.core.port;

import java.time.Instant;
import java.util.List;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;

/**
 * Every prediction made, with who asked and the features it was made from. Appending a record
 * whose prediction id is already logged does nothing, so a retried write never duplicates.
 *
 * <p><b>When an appended record can be queried.</b> Each implementation says which of two
 * promises it keeps, and the port's contract test holds it to that promise:
 * <ul>
 *   <li><em>at once</em>: once {@link #append} returns, every later {@link #query}, from any
 *       thread, returns the records (core's {@code InMemoryPredictionLog}, the SQLite log, which
 *       returns only after its commit);</li>
 *   <li><em>once written</em>: an implementation that accepts records into a durable buffer and
 *       writes them to its store behind it shows them once they have reached the store. The
 *       MongoDB log does this: a few milliseconds while MongoDB answers, later while it is down
 *       or slow, in which case its health is DEGRADED and reports the records waiting.</li>
 * </ul>
 * A caller that must read its own write at once needs an implementation of the first kind.
 */
public interface PredictionLog {

    /**
     * Appends the records, as one write where the store allows it.
     *
     * @throws PortException when the records could not be accepted (an implementation that
     *     buffers durably accepts them even while its store is down)
     */
    void append(List<PredictionRecord> records);

    default void append(PredictionRecord record) {
        append(List.of(record));
    }

    /** The records that match {@code query}, newest first, one page at a time. */
    LogPage query(LogQuery query);

    /**
     * Deletes the oldest records whose timestamp is before {@code cutoff}, at most {@code limit} of
     * them, oldest first in the log's order (by timestamp, ties by prediction id), and says how many
     * it deleted. A long log is pruned in small steps, calling again while
     * a step deletes {@code limit}: each step is short, so appends and queries go on in between
     * (the retention use case does exactly that). Records at or after {@code cutoff} stay.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     * @throws PortException when the store cannot delete now
     */
    int deleteBefore(Instant cutoff, int limit);
}
