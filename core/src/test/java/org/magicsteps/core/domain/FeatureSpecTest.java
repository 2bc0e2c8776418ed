package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Violation.Kind;

class FeatureSpecTest {

    private final FeatureSpec scoreInde = FeatureSpec.decimal("score_inde", "development index", 3.0, 9.5);
    private final FeatureSpec idade = FeatureSpec.integer("idade", "age", 7, 21);
    private final FeatureSpec genero = FeatureSpec.categorical("genero", "gender", List.of("Menina", " menino "));

    private static Violation only(Optional<Violation> violation) {
        return violation.orElseThrow(() -> new AssertionError("expected a violation"));
    }

    @Test
    void aValueAboveTheMaximumNamesFieldValueAndRule() {
        Violation v = only(scoreInde.check(11.2));

        assertEquals("score_inde: 11.2 is above the maximum 9.5", v.message());
        assertEquals(Kind.ABOVE_MAXIMUM, v.kind());
        assertEquals("score_inde", v.field());
        assertEquals(11.2, v.value());
        assertEquals(List.of("score_inde"), v.location());
    }

    @Test
    void aValueBelowTheMinimumIsRefused() {
        assertEquals("idade: 5 is below the minimum 7", only(idade.check(5.0)).message());
        assertEquals(Kind.BELOW_MINIMUM, only(idade.check(5.0)).kind());
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(Optional.empty(), scoreInde.check(3.0));
        assertEquals(Optional.empty(), scoreInde.check(9.5));
        assertEquals(Optional.empty(), idade.check(21.0));
    }

    @Test
    void anIntegerFeatureRefusesAFraction() {
        Violation v = only(idade.check(12.5));

        assertEquals("idade: 12.5 is not a whole number", v.message());
        assertEquals(Kind.NOT_A_WHOLE_NUMBER, v.kind());
        assertEquals(Optional.empty(), idade.check(12.0));
    }

    @Test
    void aNumericFeatureRefusesAWord() {
        assertEquals("idade: 'doze' is not a number", only(idade.check("doze")).message());
    }

    @Test
    void aRequiredFeatureMustBePresentAndAnOptionalOneNeedNot() {
        assertEquals("score_inde: is required but missing", only(scoreInde.check(null)).message());
        assertEquals(Kind.MISSING, only(scoreInde.check(null)).kind());
        assertEquals(Optional.empty(), scoreInde.optional().check(null));
        assertEquals(Kind.ABOVE_MAXIMUM, only(scoreInde.optional().check(10.0)).kind(), "optional, not unchecked");
    }

    @Test
    void categoriesAreNormalizedAndAWordOutsideThemIsRefused() {
        assertEquals(List.of("menina", "menino"), genero.categories());
        assertEquals(Optional.empty(), genero.check("menina"));
        Violation v = only(genero.check("outro"));
        assertEquals("genero: 'outro' is not one of [menina, menino]", v.message());
        assertEquals(Kind.NOT_ALLOWED, v.kind());
    }

    @Test
    void anOpenCategoricalFeatureAcceptsUnknownWordsButNotNumbers() {
        FeatureSpec turma = FeatureSpec.categorical("turma", "class", List.of("a", "b")).acceptingUnknownCategories();

        assertEquals(Optional.empty(), turma.check("zz"));
        assertEquals(Kind.NOT_TEXT, only(turma.check(3.0)).kind());
    }

    @Test
    void constructionRefusesInconsistentSpecs() {
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.decimal("Score", "", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.decimal("x", "", 2, 1));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.categorical("x", "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.categorical("x", "", List.of("a", "A")));
        assertThrows(IllegalArgumentException.class, () -> new FeatureSpec("x", FeatureType.FLOAT, "", 0.0, 1.0,
                List.of("a"), true, false));
        assertThrows(IllegalArgumentException.class, () -> new FeatureSpec("x", FeatureType.CATEGORICAL, "", 0.0, null,
                List.of("a"), true, false));
    }

    @Test
    void rangeTextIsReadable() {
        assertEquals("3–9.5", scoreInde.rangeText());
        assertEquals("menina, menino", genero.rangeText());
        assertTrue(genero.acceptingUnknownCategories().rangeText().contains("unknown"));
    }
}
