package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private static final boolean[] TRUTH = {true, true, false, true, false, false, false, false};
    private static final double[] P = {0.95, 0.80, 0.70, 0.60, 0.40, 0.30, 0.20, 0.10};

    @Test
    void bestF1TakesTheMidpointBelowTheLastStudentFlagged() {
        // Flag the top 4: TP 3, FP 1, FN 0 -> F1 6/7, the best.
        ThresholdRule.Choice choice = new ThresholdRule(null).choose(TRUTH, P);
        assertEquals(0.5, choice.value(), 1e-12);
        assertEquals(3, choice.validation().truePositives());
        assertTrue(choice.rule().startsWith("the threshold with the best F1 on the validation split"));
    }

    @Test
    void aRecallTargetTakesTheHighestThresholdThatReachesIt() {
        assertEquals((0.95 + 0.80) / 2, new ThresholdRule(0.3).choose(TRUTH, P).value(), 1e-12);
        assertEquals((0.80 + 0.70) / 2, new ThresholdRule(0.6).choose(TRUTH, P).value(), 1e-12);
        assertEquals(0.5, new ThresholdRule(1.0).choose(TRUTH, P).value(), 1e-12);
    }

    @Test
    void amongEqualF1TheHigherThresholdWins() {
        boolean[] truth = {true, false, true, false};
        double[] p = {0.9, 0.8, 0.7, 0.1};
        // Top 1: F1 2/3; top 3: F1 0.8; nothing better: threshold between 0.7 and 0.1.
        assertEquals(0.4, new ThresholdRule(null).choose(truth, p).value(), 1e-12);
    }

    @Test
    void aRecallOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(0.0));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdRule(1.2));
    }

    @Test
    void theSplitAndTheFoldsPartitionTheRowsAndKeepTheClassShare() {
        boolean[] targets = new boolean[200];
        for (int i = 0; i < targets.length; i += 5) {
            targets[i] = true;
        }
        StratifiedSplit split = StratifiedSplit.of(targets, 0.2, 0.2, 9);
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> part : List.of(split.train(), split.validation(), split.test())) {
            part.forEach(i -> assertTrue(seen.add(i), "row " + i + " is in two parts"));
            assertEquals(0.2, part.stream().filter(i -> targets[i]).count() / (double) part.size(), 0.01);
        }
        assertEquals(200, seen.size());
        assertEquals(40, split.test().size());
        assertEquals(split, StratifiedSplit.of(targets, 0.2, 0.2, 9), "the same seed cuts the same split");

        List<List<Integer>> folds = StratifiedSplit.folds(targets, split.train(), 5, 1);
        Set<Integer> inFolds = new HashSet<>();
        folds.forEach(fold -> fold.forEach(i -> assertTrue(inFolds.add(i))));
        assertEquals(new HashSet<>(split.train()), inFolds);
        folds.forEach(fold -> assertEquals(24, fold.size()));
    }
}
