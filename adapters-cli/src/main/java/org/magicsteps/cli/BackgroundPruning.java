package org.magicsteps.cli;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.port.PortException;
import org.magicsteps.core.usecase.PruneOldPredictions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link PruneOldPredictions} on a thread of its own while the server runs
 * ({@code LOG_RETENTION_DAYS}): steps back to back, with a short pause between them so that
 * appends never queue behind a long run of deletes, while a step finds a full step's worth of old
 * records; then it looks again every minute. A store that cannot delete now is tried again at the
 * next look; the failure is logged, and the appends and queries are not affected.
 */
final class BackgroundPruning implements AutoCloseable {

    /** Between two steps of one prune. */
    static final Duration PAUSE = Duration.ofMillis(5);
    /** Between two looks for records past the retention period. */
    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPruning.class);

    private final PruneOldPredictions prune;
    private final ScheduledThreadPoolExecutor thread;
    private long deletedInThisPrune;

    private BackgroundPruning(PruneOldPredictions prune) {
        this.prune = prune;
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "log-retention");
            t.setDaemon(true);
            return t;
        });
        // close() lets a step in progress finish, and drops the next one instead of waiting for it.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts pruning now, and keeps at it until {@link #close()}. */
    static BackgroundPruning start(PruneOldPredictions prune) {
        BackgroundPruning pruning = new BackgroundPruning(prune);
        pruning.thread.execute(pruning::step);
        return pruning;
    }

    private void step() {
        int deleted;
        try {
            deleted = prune.step();
        } catch (PortException e) {
            LOG.warn("pruning the prediction log failed, tried again in {} s: {}", INTERVAL.toSeconds(), e.getMessage());
            deleted = 0;
        }
        deletedInThisPrune += deleted;
        boolean more = deleted == PruneOldPredictions.STEP;
        if (!more && deletedInThisPrune > 0) {
            LOG.info("pruned {} prediction records older than {} days", deletedInThisPrune, prune.retention().toDays());
            deletedInThisPrune = 0;
        }
        try {
            thread.schedule(this::step, (more ? PAUSE : INTERVAL).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() came first: nothing more to schedule.
        }
    }

    /** Stops after the step in progress, if any (waiting up to 5 s for it). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
