package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * How the log finds a student's records without an index on the student: each record keeps, in
 * {@code student_prev}, the row key ({@code seq}) of the record of the same student that comes
 * next in the log's order (the next older one), and {@code student_heads} keeps each student's
 * newest record. A student's page walks that chain, newest first.
 *
 * <p>Why: an index on {@code (student_id, timestamp)} receives every record at the end of that
 * student's part of the index, which is a different page for nearly every record of a commit once
 * there are more students than records per commit. Each such page is written to the WAL at the
 * commit and again at the checkpoint: measured, that tripled what an append cost the writer (19
 * instead of 4.6 µs a record at a million records) and grew with the log. The chain writes a record
 * where every record goes (the table's end) and one small row per student per commit into
 * {@code student_heads}, which stays a few pages for thousands of students.
 *
 * <p>The chain is kept in the log's order (timestamp, then id, both descending). Records nearly
 * always arrive newer than their student's newest; one that does not (two concurrent requests for
 * one student, or another process whose clock runs behind) is linked in at its place, which
 * rewrites its successor's pointer. Only the writer thread uses this, inside its transaction.
 * Another process on the file changes heads too: its commits change SQLite's
 * {@code data_version}, and then what this process remembered is dropped.
 */
final class StudentChains {

    /** A student's newest record, or a record of a chain, as the order needs it. */
    private record Link(long seq, long timestamp, String id, Long previous) {

        /** Whether a record at ({@code timestamp}, {@code id}) comes before this one in the log's order (is newer). */
        boolean isOlderThan(long otherTimestamp, String otherId) {
            return timestamp < otherTimestamp || timestamp == otherTimestamp && id.compareTo(otherId) < 0;
        }
    }

    /** Where a new record goes in its student's chain. */
    record Place(Long previous, Long successor) {
        static final Place FIRST = new Place(null, null);

        /** Whether the record becomes its student's newest. */
        boolean isHead() {
            return successor == null;
        }
    }

    private static final String UPSERT_HEAD = "INSERT INTO student_heads (student_id, head) VALUES (?, ?)"
            + " ON CONFLICT (student_id) DO UPDATE SET head = excluded.head";

    /** Heads remembered across transactions; past this many students the memory is dropped and rebuilt. */
    private static final int REMEMBERED_STUDENTS = 200_000;

    /** The writer's statements, prepared once: a commit of one single prediction runs most of them. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection preparedOn;
    private final Map<String, Link> committedHeads = new HashMap<>();
    private final Map<String, Link> newHeads = new HashMap<>();
    private long dataVersion = Long.MIN_VALUE;
    private long nextSeq;

    /**
     * At the start of each of the writer's transactions. What this process remembers (heads, the
     * next row key) holds while no other process committed; {@code data_version} tells.
     */
    void begin(Connection connection) throws SQLException {
        if (connection != preparedOn) {
            statements.clear();
            preparedOn = connection;
            committedHeads.clear();
            nextSeq = 0;
        }
        long version = single(statement(connection, "PRAGMA data_version"));
        if (version != dataVersion || committedHeads.size() > REMEMBERED_STUDENTS) {
            // Another process committed since our last transaction: its heads may differ from ours.
            committedHeads.clear();
            dataVersion = version;
            nextSeq = 0;
        }
        if (nextSeq == 0) {
            nextSeq = single(statement(connection, "SELECT coalesce(max(seq), 0) + 1 FROM predictions"));
        }
        newHeads.clear();
    }

    /** {@code sql} prepared on the writer's connection, once (they are closed with it). */
    private PreparedStatement statement(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** The row key of the next record this transaction inserts. */
    long nextSeq() {
        return nextSeq;
    }

    /**
     * Where a record of {@code studentId} at ({@code timestamp}, {@code id}) goes: after the
     * student's newest record, or, when it is older than that, between the two records it falls
     * between.
     */
    Place place(Connection connection, String studentId, long timestamp, String id) throws SQLException {
        Link head = head(connection, studentId);
        if (head == null) {
            return Place.FIRST;
        }
        if (head.isOlderThan(timestamp, id)) {
            return new Place(head.seq(), null);
        }
        Link successor = head;
        while (successor.previous() != null) {
            Link candidate = link(connection, successor.previous());
            if (candidate == null) {
                // Retention deleted the rest of the chain: the record is the oldest left.
                break;
            }
            if (candidate.isOlderThan(timestamp, id)) {
                return new Place(candidate.seq(), successor.seq());
            }
            successor = candidate;
        }
        return new Place(null, successor.seq());
    }

    /**
     * The record {@code seq} was inserted at {@code place} ({@code null} for a record without a
     * student); the chain now includes it.
     */
    void inserted(Connection connection, String studentId, long seq, long timestamp, String id, Place place)
            throws SQLException {
        nextSeq = seq + 1;
        if (place == null) {
            return;
        }
        if (place.isHead()) {
            newHeads.put(studentId, new Link(seq, timestamp, id, place.previous()));
            return;
        }
        PreparedStatement relink = statement(connection, "UPDATE predictions SET student_prev = ? WHERE seq = ?");
        relink.setLong(1, seq);
        relink.setLong(2, place.successor());
        relink.executeUpdate();
        Link head = newHeads.containsKey(studentId) ? newHeads.get(studentId) : committedHeads.get(studentId);
        if (head != null && head.seq() == place.successor()) {
            newHeads.put(studentId, new Link(head.seq(), head.timestamp(), head.id(), seq));
        }
    }

    /** Writes this transaction's new heads; before its commit. */
    void writeHeads(Connection connection) throws SQLException {
        if (newHeads.isEmpty()) {
            return;
        }
        PreparedStatement upsert = statement(connection, UPSERT_HEAD);
        for (Map.Entry<String, Link> head : newHeads.entrySet()) {
            upsert.setString(1, head.getKey());
            upsert.setLong(2, head.getValue().seq());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    /** The transaction committed: its heads are the file's. */
    void committed() {
        committedHeads.putAll(newHeads);
        newHeads.clear();
    }

    /** Closes the statements prepared so far; the next transaction prepares them again (after a failure). */
    void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // Already unusable: it is dropped all the same.
            }
        }
        statements.clear();
    }

    /** The transaction rolled back: none of its links happened, none of its row keys were used. */
    void rolledBack() {
        newHeads.clear();
        nextSeq = 0;
        PreparedStatement upsert = statements.get(UPSERT_HEAD);
        if (upsert != null) {
            try {
                upsert.clearBatch();
            } catch (SQLException e) {
                // A statement that cannot even clear its batch is dropped; the next transaction prepares it again.
                statements.remove(UPSERT_HEAD);
            }
        }
    }

    private Link head(Connection connection, String studentId) throws SQLException {
        Link head = newHeads.get(studentId);
        if (head == null) {
            head = committedHeads.get(studentId);
        }
        if (head != null) {
            return head;
        }
        PreparedStatement select = statement(connection, "SELECT p.seq, p.timestamp, p.prediction_id,"
                + " p.student_prev FROM student_heads AS h JOIN predictions AS p ON p.seq = h.head"
                + " WHERE h.student_id = ?");
        select.setString(1, studentId);
        try (ResultSet row = select.executeQuery()) {
            // No row also when retention deleted the head: then no older record of the student is left.
            head = row.next() ? link(row) : null;
        }
        if (head != null) {
            committedHeads.put(studentId, head);
        }
        return head;
    }

    private Link link(Connection connection, long seq) throws SQLException {
        PreparedStatement select = statement(connection,
                "SELECT seq, timestamp, prediction_id, student_prev FROM predictions WHERE seq = ?");
        select.setLong(1, seq);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? link(row) : null;
        }
    }

    private static Link link(ResultSet row) throws SQLException {
        long previous = row.getLong(4);
        return new Link(row.getLong(1), row.getLong(2), StoredIds.text(row.getObject(3)),
                row.wasNull() ? null : previous);
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
