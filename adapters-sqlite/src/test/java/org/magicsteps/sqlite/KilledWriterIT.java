package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.testing.ChildProcess;

/**
 * A server appending a steady stream is killed with SIGKILL: every prediction it answered is in the
 * file, exactly once.
 */
class KilledWriterIT {

    private static final int ANSWERED_BEFORE_KILL = 3_000;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredPredictionSurvivesAKillExactlyOnce() throws Exception {
        Path file = dir.resolve("magic-steps.db");
        Process child = ChildProcess.start(AppendForeverMain.class, file.toString(), "k-");
        Set<String> answered = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            String line;
            while (answered.size() < ANSWERED_BEFORE_KILL && (line = out.readLine()) != null) {
                answered.add(line);
            }
            // SIGKILL, through the process handle: Process.destroyForcibly would also close our end
            // of the pipe, losing what the child printed (answered) just before it died.
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            answered.addAll(completeLines(out));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(answered.size() >= ANSWERED_BEFORE_KILL);

        List<String> stored = new ArrayList<>();
        try (SqliteStores stores = SqliteStores.open(file)) {
            LogQuery query = LogQuery.all().limit(LogQuery.MAX_LIMIT);
            LogPage page;
            do {
                page = stores.predictionLog().query(query);
                page.records().stream().map(PredictionRecord::predictionId).forEach(stored::add);
                query = query.after(page.next());
            } while (page.next() != null);
        }

        Set<String> distinct = new HashSet<>(stored);
        assertEquals(stored.size(), distinct.size(), "no prediction stored twice");
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(distinct);
        assertTrue(missing.isEmpty(), missing.size() + " answered predictions are not stored, such as "
                + missing.stream().sorted().limit(5).toList());
        // The append the kill caught between its commit and its answer: one single or one batch of 20.
        assertTrue(distinct.size() - answered.size() <= 20,
                (distinct.size() - answered.size()) + " stored but never answered");
        System.out.println("KilledWriterIT: " + answered.size() + " answered, " + distinct.size() + " stored");
    }

    /** The lines left in the pipe; a line the kill cut short was never answered. */
    private static List<String> completeLines(BufferedReader out) throws java.io.IOException {
        StringBuilder rest = new StringBuilder();
        char[] buffer = new char[8192];
        int read;
        while ((read = out.read(buffer)) != -1) {
            rest.append(buffer, 0, read);
        }
        int end = rest.lastIndexOf("\n");
        return end < 0 ? List.of() : Stream.of(rest.substring(0, end).split("\n")).filter(l -> !l.isEmpty()).toList();
    }
}
