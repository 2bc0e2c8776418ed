package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.testing.Students;

class LogQueryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theLimitIsOneToFiveThousand() {
        assertEquals(5000, LogQuery.all().limit(5000).limit());
        ValidationException tooMany = assertThrows(ValidationException.class, () -> LogQuery.all().limit(5001));
        assertEquals("limit: 5001 is above the maximum 5000", tooMany.violations().get(0).message());
        assertThrows(ValidationException.class, () -> LogQuery.all().limit(0));
        assertEquals(200, LogQuery.all().limit());
    }

    @Test
    void fromMustBeBeforeTo() {
        ValidationException e = assertThrows(ValidationException.class, () -> LogQuery.all().between(T0, T0));
        assertEquals("to", e.violations().get(0).field());
    }

    @Test
    void aCursorSurvivesItsTextForm() {
        LogCursor cursor = new LogCursor(Instant.parse("2026-03-01T12:00:00.123Z"), "a:b-c");

        assertEquals(cursor, LogCursor.decode(cursor.encode()));
    }

    @Test
    void aCursorNotIssuedByUsIsAViolationOfTheCursorField() {
        for (String bad : new String[] {"!!!", "bm9jb2xvbg", "eHl6OmFiYw"}) {
            ValidationException e = assertThrows(ValidationException.class, () -> LogCursor.decode(bad), bad);
            assertEquals("cursor", e.violations().get(0).field());
        }
    }

    @Test
    void matchesAppliesEveryFilter() {
        PredictionRecord record = Students.record("p1", "ana", "RA-1", T0, null);

        assertTrue(LogQuery.all().forUser("ana").forStudent("RA-1").between(T0, T0.plusSeconds(1)).matches(record));
        assertFalse(LogQuery.all().forUser("bia").matches(record));
        assertFalse(LogQuery.all().forStudent("RA-2").matches(record));
        assertFalse(LogQuery.all().between(T0.plusMillis(1), null).matches(record));
        assertFalse(LogQuery.all().between(null, T0).matches(record));
        assertFalse(LogQuery.all().after(new LogCursor(T0, "p1")).matches(record));
        assertTrue(LogQuery.all().after(new LogCursor(T0, "p2")).matches(record));
    }
}
