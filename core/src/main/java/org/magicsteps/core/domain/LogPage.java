package org.magicsteps.core.domain;

import java.util.List;

/**
 * One page of the prediction log, newest first.
 *
 * @param records the records of this page
 * @param next where the following page starts, or {@code null} when this page is the last
 */
public record LogPage(List<PredictionRecord> records, LogCursor next) {

    public LogPage {
        records = List.copyOf(records);
    }

    /**
     * The page of {@code limit} records from {@code newestFirst}, which holds the matching records
     * in the log's order and may hold one more than {@code limit} (to tell whether a next page
     * exists without a second query).
     */
    public static LogPage of(List<PredictionRecord> newestFirst, int limit) {
        if (newestFirst.size() <= limit) {
            return new LogPage(newestFirst, null);
        }
        List<PredictionRecord> page = newestFirst.subList(0, limit);
        return new LogPage(page, LogCursor.after(page.get(limit - 1)));
    }
}
