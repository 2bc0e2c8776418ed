package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.HeldOutEvaluation.OperatingPoint;
import org.magicsteps.core.domain.HeldOutEvaluation.Outcome;

/** Operating points and the precision and recall of any threshold, against counts worked by hand. */
class HeldOutEvaluationTest {

    // Six students: probabilities 0.9 (reached), 0.7, 0.7 (one reached), 0.6 (reached), 0.4, 0.1.
    private static final boolean[] TRUTH = {true, false, true, true, false, false};
    private static final double[] PROBABILITIES = {0.9, 0.7, 0.7, 0.6, 0.4, 0.1};

    private final HeldOutEvaluation evaluation = HeldOutEvaluation.of("six students", TRUTH, PROBABILITIES);

    @Test
    void onePointPerDistinctProbabilityWithTiedStudentsFlaggedTogether() {
        assertEquals(6, evaluation.students());
        assertEquals(3, evaluation.positives());
        assertEquals(List.of(new OperatingPoint(0.9, 1, 1), new OperatingPoint(0.7, 3, 2), new OperatingPoint(0.6, 4, 3),
                new OperatingPoint(0.4, 5, 3), new OperatingPoint(0.1, 6, 3)), evaluation.points());
    }

    @Test
    void aThresholdFlagsTheStudentsAtOrAboveIt() {
        assertEquals(new Outcome(0.7, 3, 2, 2.0 / 3, 2.0 / 3), evaluation.at(new Threshold(0.7)));
        assertEquals(new Outcome(0.65, 3, 2, 2.0 / 3, 2.0 / 3), evaluation.at(new Threshold(0.65)), "between points");
        assertEquals(new Outcome(0.5, 4, 3, 0.75, 1.0), evaluation.at(new Threshold(0.5)));
        assertEquals(new Outcome(0.0, 6, 3, 0.5, 1.0), evaluation.at(new Threshold(0.0)), "everybody");
    }

    @Test
    void aThresholdAboveEveryProbabilityFlagsNobodyAndHasNoPrecision() {
        Outcome none = evaluation.at(new Threshold(0.95));
        assertEquals(0, none.flagged());
        assertNull(none.precision(), "no flagged student: precision is undefined, not 0 or 1");
        assertEquals(0.0, none.recall());
    }

    @Test
    void countsThatCannotBeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OperatingPoint(0.5, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new OperatingPoint(1.5, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new HeldOutEvaluation("two", 2, 1, List.of(new OperatingPoint(0.5, 3, 1))));
        assertThrows(IllegalArgumentException.class, () -> HeldOutEvaluation.of("x", new boolean[2], new double[3]));
    }
}
