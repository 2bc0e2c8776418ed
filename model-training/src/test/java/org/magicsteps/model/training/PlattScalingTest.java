package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void recoversTheMapThatGeneratedTheOutcomes() {
        // Outcomes drawn with P(y) = sigmoid(0.5 s − 1): a model twice as confident as it should be, and biased.
        SplittableRandom random = new SplittableRandom(7);
        int n = 20_000;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble(-6, 6);
            y[i] = random.nextDouble() < LogOddsModel.sigmoid(0.5 * s[i] - 1);
        }
        PlattScaling platt = PlattScaling.fit(s, y);
        assertEquals(0.5, platt.scale(), 0.03);
        assertEquals(-1.0, platt.shift(), 0.06);
    }

    @Test
    void perfectlySeparatedRowsStillGetAFiniteMapThatNeverSaysCertainly() {
        // IPV separates the validation split exactly: a plain fit would send the slope to infinity.
        double[] s = {-900, -700, -400, -350, 300, 800, 1200};
        boolean[] y = {false, false, false, false, true, true, true};
        PlattScaling platt = PlattScaling.fit(s, y);
        assertTrue(Double.isFinite(platt.scale()) && platt.scale() > 0, platt.toString());
        for (double score : s) {
            double p = LogOddsModel.sigmoid(platt.apply(score));
            assertTrue(p > 1e-3 && p < 1 - 1e-3, "score " + score + " got " + p);
        }
    }

    @Test
    void aMapIsMonotoneSoRankingsAreKept() {
        PlattScaling platt = PlattScaling.fit(new double[] {-2, -1, 0, 1, 2, 3}, new boolean[] {false, true, false,
            false, true, true});
        assertTrue(platt.scale() > 0);
        assertTrue(platt.apply(1) < platt.apply(2));
    }

    @Test
    void needsBothClasses() {
        assertThrows(IllegalArgumentException.class, () -> PlattScaling.fit(new double[] {1, 2}, new boolean[] {true,
            true}));
    }
}
