package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The population stability index, against examples worked by hand. */
class FeatureDriftTest {

    @Test
    void thePsiOfAHandWorkedExample() {
        // Training 50, 30, 20, 0 → shares .5, .3, .2, and 0 floored at 1e-4; now 25 in each bin → .25 each.
        //   (.25 − .5)  · ln(.25 / .5)    = 0.1732868
        //   (.25 − .3)  · ln(.25 / .3)    = 0.0091161
        //   (.25 − .2)  · ln(.25 / .2)    = 0.0111572
        //   (.25 − 1e-4)· ln(.25 / 1e-4)  = 1.9552291
        //                                   ─────────
        //                                   2.1487891
        double psi = FeatureDrift.psi(List.of(50L, 30L, 20L, 0L), List.of(25L, 25L, 25L, 25L));
        assertEquals(2.1487891, psi, 1e-7);
        assertEquals(DriftLevel.MAJOR, DriftLevel.of(psi));
    }

    @Test
    void aCategoricalExampleWithAWordTrainingNeverSaw() {
        // Training: menina 60, menino 40, other 0 → .6, .4, 1e-4; now 10, 8, 2 of 20 → .5, .4, .1.
        //   (.5 − .6) · ln(.5 / .6) = 0.0182322;  (.4 − .4) · ln 1 = 0;  (.1 − 1e-4) · ln(.1 / 1e-4) = 0.6900847
        double psi = FeatureDrift.psi(List.of(60L, 40L, 0L), List.of(10L, 8L, 2L));
        assertEquals(0.7083169, psi, 1e-7);
    }

    @Test
    void theSameSharesDoNotDriftAndTheLevelsFollowTheRuleOfThumb() {
        assertEquals(0.0, FeatureDrift.psi(List.of(10L, 30L, 0L), List.of(100L, 300L, 0L)), 1e-15);
        assertEquals(DriftLevel.STABLE, DriftLevel.of(0.0999));
        assertEquals(DriftLevel.MODERATE, DriftLevel.of(0.1));
        assertEquals(DriftLevel.MODERATE, DriftLevel.of(0.25));
        assertEquals(DriftLevel.MAJOR, DriftLevel.of(0.2501));
    }

    @Test
    void aPsiNeedsRowsOnBothSidesAndAsManyBins() {
        assertThrows(IllegalArgumentException.class, () -> FeatureDrift.psi(List.of(1L, 2L), List.of(1L)));
        assertThrows(IllegalArgumentException.class, () -> FeatureDrift.psi(List.of(1L, 2L), List.of(0L, 0L)));
    }
}
