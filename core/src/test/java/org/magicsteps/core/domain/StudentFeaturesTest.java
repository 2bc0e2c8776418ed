package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StudentFeaturesTest {

    @Test
    void wordsAreTrimmedAndLowerCasedAndNumbersWidened() {
        StudentFeatures s = new StudentFeatures(Map.of("genero", "  Menina ", "fase", 3, "score", new BigDecimal("7.25"),
                "pedra_modal", "Ágata"));

        assertEquals("menina", s.category("genero").orElseThrow());
        assertEquals(3.0, s.values().get("fase"));
        assertEquals(7.25, s.number("score").getAsDouble());
        assertEquals("ágata", s.category("pedra_modal").orElseThrow());
    }

    @Test
    void refusesValuesThatAreNotFiniteNumbersOrWords() {
        assertThrows(IllegalArgumentException.class, () -> new StudentFeatures(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new StudentFeatures(Map.of("x", Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> new StudentFeatures(Map.of("x", true)));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> new StudentFeatures(withNull));
        assertThrows(IllegalArgumentException.class, () -> new StudentFeatures(Map.of(" ", 1)));
    }

    @Test
    void isImmutable() {
        Map<String, Object> source = new HashMap<>(Map.of("fase", 3));
        StudentFeatures s = new StudentFeatures(source);
        source.put("fase", 4);

        assertEquals(3.0, s.values().get("fase"));
        assertThrows(UnsupportedOperationException.class, () -> s.values().put("fase", 5.0));
    }

    @Test
    void accessorsTellNumbersFromWords() {
        StudentFeatures s = StudentFeatures.builder().fase(3).turma("B").build();

        assertTrue(s.has("fase"));
        assertFalse(s.has("idade"));
        assertTrue(s.number("turma").isEmpty());
        assertTrue(s.category("fase").isEmpty());
        assertFalse(s.without("fase").has("fase"));
    }

    @Test
    void theBuilderUsesTheCanonicalNames() {
        StudentFeatures s = StudentFeatures.builder().anoIngresso(2020).scoreIpv(7.5).numAvaliacoes(3).pedraModal("Quartzo")
                .build();

        assertEquals(Map.of("ano_ingresso", 2020.0, "score_ipv", 7.5, "num_avaliacoes", 3.0, "pedra_modal", "quartzo"),
                s.values());
    }
}
