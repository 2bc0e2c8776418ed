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
 * Every page of {@code /monitor/logs} is read along an index, in the log's order, without sorting
 * and, after a cursor, starting at the cursor rather than at the newest record: so a page costs
 * the same at 100 records as at 10 million, and the tenth page as the first.
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
            assertFalse(plan.contains("TEMP B-TREE"), "no sort: " + plan);
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
    void aStudentsPagesWalkTheStudentIndex() throws Exception {
        assertUses("predictions_student_time", plan(LogQuery.all().forStudent("RA-1")));
        assertUses("predictions_student_time", plan(LogQuery.all().forStudent("RA-1").forUser("ana")));
    }

    @Test
    void aLaterPageStartsAtItsCursorInTheIndex() throws Exception {
        for (LogQuery query : List.of(LogQuery.all(), LogQuery.all().forUser("ana"), LogQuery.all().forStudent("RA-1"))) {
            String plan = plan(query.after(CURSOR));
            assertTrue(plan.contains("(timestamp,prediction_id)<(?,?)"), "the cursor is an index bound: " + plan);
        }
    }
}
