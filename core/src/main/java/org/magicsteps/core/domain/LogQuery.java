package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * A question to the prediction log. Every filter is optional ({@code null}); results come
 * newest first.
 *
 * @param user only records of this username
 * @param studentId only records of this student
 * @param from only records at or after this instant
 * @param to only records strictly before this instant
 * @param limit at most this many records, 1–{@value #MAX_LIMIT}
 * @param after continue after this position (from the previous page's {@link LogPage#next()})
 */
public record LogQuery(String user, String studentId, Instant from, Instant to, int limit, LogCursor after) {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 5000;

    public LogQuery {
        List<Violation> violations = new ArrayList<>();
        if (limit < 1) {
            violations.add(Violation.of("limit", limit, Kind.BELOW_MINIMUM, "limit: " + limit + " is below the minimum 1"));
        } else if (limit > MAX_LIMIT) {
            violations.add(Violation.of("limit", limit, Kind.ABOVE_MAXIMUM,
                    "limit: " + limit + " is above the maximum " + MAX_LIMIT));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(Violation.of("to", to.toString(), Kind.INVALID,
                    "to: " + to + " must be after from " + from));
        }
        ValidationException.throwIfAny(violations);
    }

    /** Everything, newest first, {@value #DEFAULT_LIMIT} at a time. */
    public static LogQuery all() {
        return new LogQuery(null, null, null, null, DEFAULT_LIMIT, null);
    }

    public LogQuery forUser(String username) {
        return new LogQuery(username, studentId, from, to, limit, after);
    }

    public LogQuery forStudent(String id) {
        return new LogQuery(user, id, from, to, limit, after);
    }

    public LogQuery between(Instant newFrom, Instant newTo) {
        return new LogQuery(user, studentId, newFrom, newTo, limit, after);
    }

    public LogQuery limit(int newLimit) {
        return new LogQuery(user, studentId, from, to, newLimit, after);
    }

    public LogQuery after(LogCursor cursor) {
        return new LogQuery(user, studentId, from, to, limit, cursor);
    }

    /** Whether {@code record} passes every filter and lies after the cursor. */
    public boolean matches(PredictionRecord record) {
        Instant at = record.prediction().timestamp();
        return (user == null || user.equals(record.user()))
                && (studentId == null || studentId.equals(record.prediction().studentId()))
                && (from == null || !at.isBefore(from))
                && (to == null || at.isBefore(to))
                && (after == null || after.precedes(record));
    }
}
