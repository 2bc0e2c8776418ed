package org.magicsteps.model.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The coalitions Kernel SHAP evaluates, with their weights (Lundberg and Lee, 2017, theorem 2: the
 * Shapley kernel {@code (M − 1) / (C(M, s) · s · (M − s))} for a coalition of {@code s} of
 * {@code M} players). When every coalition fits the budget they are all enumerated, and the
 * regression gives the exact Shapley values. Otherwise, as the reference implementation does,
 * coalition sizes are enumerated completely from the extremes inwards (size 1 with its
 * complements, then size 2, ...) while the budget allows, and the rest of the budget is sampled
 * from the remaining sizes, each sample paired with its complement, its weight the count of times
 * drawn, rescaled so that the sampled sizes keep their share of the kernel's weight.
 *
 * <p>The sample is drawn from a fixed seed, so the coalitions depend only on {@code M} and the
 * budget, and the same student always gets the same explanation.
 *
 * @param masks one bit per player (bit {@code i}: player {@code i} takes the student's value)
 * @param weights the kernel weight of each coalition
 */
record Coalitions(long[] masks, double[] weights) {

    static final long SEED = 20170522L;

    /**
     * @param players how many players, 2 to 62
     * @param budget the most coalitions to evaluate, at least {@code 2 * players}
     */
    static Coalitions of(int players, int budget) {
        if (players < 2 || players > 62) {
            throw new IllegalArgumentException("Kernel SHAP here takes 2 to 62 players, got " + players);
        }
        if (budget < 2 * players) {
            throw new IllegalArgumentException("a budget of " + budget + " coalitions cannot hold the " + 2 * players
                    + " of size 1 and " + (players - 1));
        }
        double all = Math.pow(2, players) - 2;
        return all <= budget ? everyCoalition(players) : sampled(players, budget);
    }

    /** The Shapley kernel weight of a coalition of {@code size} players out of {@code m}. */
    static double kernel(int m, int size) {
        return (m - 1) / (binomial(m, size) * size * (m - size));
    }

    private static Coalitions everyCoalition(int m) {
        int count = (1 << m) - 2;
        long[] masks = new long[count];
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            long mask = i + 1;
            masks[i] = mask;
            weights[i] = kernel(m, Long.bitCount(mask));
        }
        return new Coalitions(masks, weights);
    }

    private static Coalitions sampled(int m, int budget) {
        int sizes = m / 2;                 // sizes 1 .. ceil((m − 1) / 2); the others are their complements
        int pairedSizes = (m - 1) / 2;     // those whose complement has another size
        double[] sizeWeight = new double[sizes];
        double total = 0;
        for (int s = 1; s <= sizes; s++) {
            sizeWeight[s - 1] = (m - 1.0) / (s * (double) (m - s)) * (s <= pairedSizes ? 2 : 1);
            total += sizeWeight[s - 1];
        }
        for (int i = 0; i < sizes; i++) {
            sizeWeight[i] /= total;
        }
        List<Long> masks = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double[] remaining = sizeWeight.clone();
        int left = budget;
        int complete = 0;
        for (int s = 1; s <= sizes; s++) {
            double subsets = binomial(m, s) * (s <= pairedSizes ? 2 : 1);
            if (left * remaining[s - 1] / subsets < 1 - 1e-8) {
                break;
            }
            complete++;
            left -= (int) subsets;
            if (remaining[s - 1] < 1) {
                double rest = 1 - remaining[s - 1];
                for (int i = 0; i < sizes; i++) {
                    remaining[i] /= rest;
                }
            }
            double w = sizeWeight[s - 1] / binomial(m, s) / (s <= pairedSizes ? 2 : 1);
            for (long mask : subsetsOfSize(m, s)) {
                masks.add(mask);
                weights.add(w);
                if (s <= pairedSizes) {
                    masks.add(complement(mask, m));
                    weights.add(w);
                }
            }
        }
        if (complete < sizes && left > 0) {
            sample(m, sizes, pairedSizes, complete, sizeWeight, left, masks, weights);
        }
        long[] maskArray = masks.stream().mapToLong(Long::longValue).toArray();
        double[] weightArray = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new Coalitions(maskArray, weightArray);
    }

    private static void sample(int m, int sizes, int pairedSizes, int complete, double[] sizeWeight, int budget,
            List<Long> masks, List<Double> weights) {
        // Each draw of a paired size brings its complement too, so such a size is drawn half as often.
        double[] draw = new double[sizes - complete];
        double total = 0;
        for (int i = complete; i < sizes; i++) {
            draw[i - complete] = sizeWeight[i] / (i + 1 <= pairedSizes ? 2 : 1);
            total += draw[i - complete];
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int first = masks.size();
        Map<Long, Integer> seen = new HashMap<>();
        int left = budget;
        for (int attempt = 0; attempt < 4 * budget && left > 0; attempt++) {
            int size = complete + 1 + pick(draw, total, random.nextDouble());
            long mask = randomSubset(m, size, random);
            left -= add(mask, seen, masks, weights);
            if (left > 0 && size <= pairedSizes) {
                left -= add(complement(mask, m), seen, masks, weights);
            }
        }
        double weightLeft = 0;
        for (int i = complete; i < sizes; i++) {
            weightLeft += sizeWeight[i];
        }
        double drawn = 0;
        for (int i = first; i < weights.size(); i++) {
            drawn += weights.get(i);
        }
        for (int i = first; i < weights.size(); i++) {
            weights.set(i, weights.get(i) * weightLeft / drawn);
        }
    }

    /** Adds a drawn coalition (weight 1), or counts it once more; returns how many coalitions were added. */
    private static int add(long mask, Map<Long, Integer> seen, List<Long> masks, List<Double> weights) {
        Integer at = seen.get(mask);
        if (at != null) {
            weights.set(at, weights.get(at) + 1);
            return 0;
        }
        seen.put(mask, masks.size());
        masks.add(mask);
        weights.add(1.0);
        return 1;
    }

    private static int pick(double[] weights, double total, double u) {
        double target = u * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** {@code size} distinct players of {@code m}, by a partial Fisher–Yates shuffle. */
    private static long randomSubset(int m, int size, SplittableRandom random) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        long mask = 0;
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(m - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            mask |= 1L << order[i];
        }
        return mask;
    }

    private static List<Long> subsetsOfSize(int m, int size) {
        List<Long> subsets = new ArrayList<>();
        // Gosper's hack: the next larger number with as many bits set.
        long mask = (1L << size) - 1;
        long limit = 1L << m;
        while (mask < limit) {
            subsets.add(mask);
            long lowest = mask & -mask;
            long ripple = mask + lowest;
            mask = (((ripple ^ mask) >>> 2) / lowest) | ripple;
        }
        return subsets;
    }

    private static long complement(long mask, int m) {
        return ~mask & ((1L << m) - 1);
    }

    static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
