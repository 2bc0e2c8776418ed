package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.port.RowSource;

/** What every {@link RowSource} does. */
public abstract class RowSourceContract {

    /**
     * A source of one row per id, in order, each with the feature {@code score_ipv} equal to the
     * row's index (0, 1, ...), as a number or numeric text.
     */
    protected abstract RowSource sourceOf(List<String> studentIds) throws Exception;

    @Test
    void rowsComeInSheetOrderWithTheirIdsFeaturesAndRisingLines() throws Exception {
        try (RowSource source = sourceOf(List.of("RA-1", "RA-2", "RA-3"))) {
            List<StudentRow> rows = source.students().toList();

            assertEquals(List.of("RA-1", "RA-2", "RA-3"), rows.stream().map(StudentRow::studentId).toList());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i, Double.parseDouble(String.valueOf(rows.get(i).features().get("score_ipv"))));
                assertTrue(rows.get(i).problems().isEmpty());
                if (i > 0) {
                    assertTrue(rows.get(i).line() > rows.get(i - 1).line(), "lines rise");
                }
            }
        }
    }

    @Test
    void rowsAreReadOnce() throws Exception {
        try (RowSource source = sourceOf(List.of("RA-1"))) {
            assertEquals(1, source.students().count());
            assertThrows(IllegalStateException.class, source::students);
        }
    }

    @Test
    void itNamesItsSourceAndLayoutAndClosesTwiceQuietly() throws Exception {
        RowSource source = sourceOf(List.of());
        assertFalse(source.source().isBlank());
        assertFalse(source.layout().isBlank());
        assertEquals(0, source.students().count());
        source.close();
        source.close();
    }
}
