package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PedraModalTest {

    private static String modal(Object... values) {
        return PedraModal.of(Arrays.asList(values));
    }

    @Test
    void theMostFrequentNonEmptyValueWins() {
        assertEquals("Ametista", modal("Ametista", "Ametista", "Quartzo"));
        assertEquals("Ágata", modal(null, "Ágata", "Ágata"));
        assertEquals("Quartzo", modal("", " Quartzo ", null));
    }

    @Test
    void tiesGoToTheSmallestSpellingInCodePointOrder() {
        assertEquals("Ametista", modal("Quartzo", "Ametista", "Topázio"));
        assertEquals("Topázio", modal("Ágata", "Topázio", ""));
        assertEquals("Quartzo", modal("Ágata", "Quartzo", null));
    }

    @Test
    void nothingWhenAllAreEmpty() {
        assertNull(modal(null, "", "  "));
    }
}
