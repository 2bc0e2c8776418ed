package org.magicsteps.mongo;

import java.time.Duration;

/**
 * How the prediction log's write-behind is doing, for {@code /metrics}; the same numbers appear in
 * its {@code health()}.
 *
 * @param pendingRecords records accepted and not yet confirmed written to MongoDB (after a restart,
 *     this counts everything found in the journal, some of which may already be in MongoDB)
 * @param journalBytes the size of the journal's files on local disk
 * @param oldestPendingAge how long the oldest record being written has waited; zero when none
 * @param writtenRecords records written to MongoDB by this process
 * @param duplicateRecords records MongoDB already held (retries and replays), not written again
 * @param rejectedRecords records MongoDB kept refusing, set aside in a file next to the journal
 * @param failedWriteAttempts writes to MongoDB that failed and were retried
 * @param storeReachable whether the driver currently knows a MongoDB server that accepts writes
 * @param lastError what went wrong in the last write attempt; {@code null} when it succeeded
 */
public record PredictionLogStatus(
        long pendingRecords,
        long journalBytes,
        Duration oldestPendingAge,
        long writtenRecords,
        long duplicateRecords,
        long rejectedRecords,
        long failedWriteAttempts,
        boolean storeReachable,
        String lastError) {
}
