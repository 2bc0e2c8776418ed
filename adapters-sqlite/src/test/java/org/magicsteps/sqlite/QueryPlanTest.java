package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogQuery;

/**
 * Every page of {@code /monitor/logs} is read along an index, in time order, sorting only the
 * records that share a millisecond (by id), and, after a cursor, starting at the cursor rather than
 * at the newest record: so a page costs the same at 100 records as at 10 million, and the tenth page
 * as the first.
 */
class QueryPlanTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final LogCursor CURSOR = new LogCursor(T, "p-500");

    @TempDir
    Path dir;

    private SqliteStores stores;
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        Path file = dir.resolve("store.db");
        stores = SqliteStores.open(file);
        connection = SqliteFile.at(file, Durability.FULL).connect(true);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        stores.close();
    }

    private String plan(LogQuery query) throws Exception {
        PredictionRows.Select select = PredictionRows.select(query);
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + select.sql())) {
            select.bind(explain);
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
            String plan = String.join(" | ", steps);
            assertFalse(plan.contains("USE TEMP B-TREE FOR ORDER BY"), "no sort of the whole match: " + plan);
            // SQLite names the partial sort "RIGHT PART" or, for one term, "LAST TERM".
            assertTrue(plan.contains("USE TEMP B-TREE FOR LAST TERM OF ORDER BY")
                    || plan.contains("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"),
                    "the index gives the time order, only ties are sorted: " + plan);
            return plan;
        }
    }

    private static void assertUses(String index, String plan) {
        assertTrue(plan.contains("USING INDEX " + index + " ") || plan.endsWith("USING INDEX " + index),
                "uses " + index + ": " + plan);
    }

    @Test
    void theNewestPagesWalkTheTimeIndex() throws Exception {
        assertUses("predictions_time", plan(LogQuery.all()));
        assertUses("predictions_time", plan(LogQuery.all().between(T, null)));
        assertUses("predictions_time", plan(LogQuery.all().between(T.minusSeconds(60), T)));
    }

    @Test
    void aUsersPagesWalkTheUserIndex() throws Exception {
        assertUses("predictions_user_time", plan(LogQuery.all().forUser("ana")));
        String ranged = plan(LogQuery.all().forUser("ana").between(T.minusSeconds(60), T));
        assertUses("predictions_user_time", ranged);
        assertTrue(ranged.contains("timestamp<?"), "the time range bounds the walk: " + ranged);
    }

    @Test
    void aStudentsPagesFollowTheChainByRowKeyWithoutScanning() throws Exception {
        List<String> steps = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + StudentPages.WALK)) {
            explain.setLong(1, 1);
            explain.setInt(2, 201);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        String plan = String.join(" | ", steps);
        assertTrue(plan.contains("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"), plan);
        assertFalse(plan.contains("SCAN p"), "no scan of the log: " + plan);
    }

    @Test
    void aLaterPageStartsAtItsCursorInTheIndex() throws Exception {
        assertTrue(plan(LogQuery.all().after(CURSOR)).contains("USING INDEX predictions_time (timestamp<?)"),
                "the cursor is an index bound: " + plan(LogQuery.all().after(CURSOR)));
        assertTrue(plan(LogQuery.all().forUser("ana").after(CURSOR)).contains("(user=? AND timestamp<?)"),
                plan(LogQuery.all().forUser("ana").after(CURSOR)));

    }
}
