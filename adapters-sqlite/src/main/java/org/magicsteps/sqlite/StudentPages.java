package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;

/**
 * A page of one student's records, read along the student's chain ({@link StudentChains}) newest
 * first: from the student's head, or from the record a cursor names, one row-key lookup per record.
 * The other filters (user, time range) are applied on the way; the walk stops at the page's end,
 * at the chain's end, or at the first record older than the range.
 */
final class StudentPages {

    /** Up to {@code ?} links of the chain from row {@code ?}, in chain order (the log's order). */
    static final String WALK = "WITH RECURSIVE chain (step, seq) AS (SELECT 0, ? UNION ALL"
            + " SELECT chain.step + 1, p.student_prev FROM chain JOIN predictions AS p ON p.seq = chain.seq"
            + " WHERE p.student_prev IS NOT NULL AND chain.step + 1 < ?)"
            + " SELECT " + prefixed(PredictionRows.COLUMNS) + ", p.student_prev FROM chain"
            + " JOIN predictions AS p ON p.seq = chain.seq ORDER BY chain.step";
    private static final int FIRST_CHUNK = 64;
    private static final int LARGEST_CHUNK = 4096;

    private StudentPages() {
    }

    /** The records {@code query} (which names a student) asks for, one more than its limit. */
    static List<PredictionRecord> read(Connection connection, LogQuery query, Dictionaries dictionaries,
            SqliteFile file) throws SQLException {
        Long start = head(connection, query.studentId());
        LogCursor after = query.after();
        if (start != null && after != null) {
            Long resumed = afterCursor(connection, query.studentId(), after);
            if (resumed != null) {
                start = resumed == 0 ? null : resumed;
                after = null;
            }
        }
        int wanted = query.limit() + 1;
        boolean filtered = query.user() != null || query.from() != null || query.to() != null || after != null;
        int chunk = filtered ? FIRST_CHUNK : wanted;
        List<PredictionRecord> found = new ArrayList<>();
        try (PreparedStatement walk = connection.prepareStatement(WALK)) {
            while (start != null && found.size() < wanted) {
                walk.setLong(1, start);
                walk.setInt(2, chunk);
                int rows = 0;
                Long next = null;
                try (ResultSet row = walk.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        long previous = row.getLong(13);
                        next = row.wasNull() ? null : previous;
                        long timestamp = row.getLong(2);
                        if (query.from() != null && timestamp < query.from().toEpochMilli()) {
                            return found;
                        }
                        if (query.to() != null && timestamp >= query.to().toEpochMilli()
                                || query.user() != null && !query.user().equals(row.getString(3))
                                || after != null && !comesAfter(after, timestamp, StoredIds.text(row.getObject(1)))) {
                            continue;
                        }
                        found.add(PredictionRows.read(row, connection, dictionaries, file));
                        if (found.size() == wanted) {
                            return found;
                        }
                    }
                }
                if (rows < chunk) {
                    return found;
                }
                start = next;
                chunk = Math.min(LARGEST_CHUNK, chunk * 2);
            }
        }
        return found;
    }

    /** Whether a record at ({@code timestamp}, {@code id}) comes after {@code cursor} in the log's order. */
    private static boolean comesAfter(LogCursor cursor, long timestamp, String id) {
        long at = cursor.timestamp().toEpochMilli();
        return timestamp < at || timestamp == at && id.compareTo(cursor.predictionId()) < 0;
    }

    private static Long head(Connection connection, String studentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT head FROM student_heads WHERE student_id = ?")) {
            select.setString(1, studentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    /**
     * Where the page after {@code cursor} starts, when the cursor names a record of this student
     * (as the previous page's cursor does): the row after it in the chain, or 0 when it was the
     * last. {@code null} when the cursor names no such record (then the walk starts at the head and
     * skips what does not come after the cursor).
     */
    private static Long afterCursor(Connection connection, String studentId, LogCursor cursor) throws SQLException {
        Object id = StoredIds.stored(cursor.predictionId());
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT student_prev FROM predictions WHERE prediction_id = ? AND student_id = ? AND timestamp = ?")) {
            if (id instanceof byte[] bytes) {
                select.setBytes(1, bytes);
            } else {
                select.setString(1, (String) id);
            }
            select.setString(2, studentId);
            select.setLong(3, cursor.timestamp().toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long previous = row.getLong(1);
                return row.wasNull() ? 0L : previous;
            }
        }
    }

    private static String prefixed(String columns) {
        StringBuilder out = new StringBuilder();
        for (String column : columns.split(",")) {
            out.append(out.length() == 0 ? "" : ", ").append("p.").append(column.trim());
        }
        return out.toString();
    }
}
