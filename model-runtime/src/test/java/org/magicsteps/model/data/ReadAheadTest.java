package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows are read on a thread of their own, ahead of the consumer: in order, failures surfaced, stoppable. */
class ReadAheadTest {

    @TempDir
    Path dir;

    private Path sheet(String name, int rows, String tail) throws IOException {
        StringBuilder csv = new StringBuilder("RA,IPV\n");
        IntStream.range(0, rows).forEach(i -> csv.append("RA-").append(i).append(',').append(i % 10).append('\n'));
        return Files.writeString(dir.resolve(name), csv + tail);
    }

    private static PedeSheet open(Path file) {
        return PedeSheetReader.forFeatures(List.of("score_ipv"), Set.of("score_ipv")).open(file, null);
    }

    @Test
    void manyBatchesComeInSheetOrder() throws IOException {
        Path file = sheet("long.csv", 5 * ReadAhead.BATCH * ReadAhead.BATCHES_AHEAD + 17, "");
        try (PedeSheet sheet = open(file)) {
            List<SheetRow> rows = sheet.readAll();
            assertEquals(5 * ReadAhead.BATCH * ReadAhead.BATCHES_AHEAD + 17, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals("RA-" + i, rows.get(i).studentId());
                assertEquals(i + 2, rows.get(i).line());
            }
        }
    }

    @Test
    void aFileBrokenHalfwaySurfacesAfterTheRowsBeforeIt() throws IOException {
        Path file = sheet("broken.csv", 600, "RA-x,\"7\n");
        try (PedeSheet sheet = open(file); Stream<SheetRow> rows = sheet.rows()) {
            var iterator = rows.iterator();
            for (int i = 0; i < 600; i++) {
                assertEquals("RA-" + i, iterator.next().studentId());
            }
            SheetException e = assertThrows(SheetException.class, iterator::hasNext);
            assertTrue(e.getMessage().startsWith(file + ": broken CSV after line"), e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        Path file = sheet("huge.csv", 200_000, "");
        String name = "reading " + file;
        try (PedeSheet sheet = open(file); Stream<SheetRow> rows = sheet.rows()) {
            assertEquals(10, rows.limit(10).count());
            assertTrue(readingThreadAlive(name), "the reader is ahead, waiting for the consumer");
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (readingThreadAlive(name) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertTrue(!readingThreadAlive(name), "the reading thread ended once the sheet was closed");
    }

    private static boolean readingThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
