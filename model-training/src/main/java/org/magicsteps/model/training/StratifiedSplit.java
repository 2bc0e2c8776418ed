package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stratified three-way split of row indices: each class is shuffled with the seed and cut into
 * test, validation and training parts of the requested fractions (rounded per class), so every
 * part keeps the sheet's share of positives. Indices within a part are ascending.
 *
 * @param train the rows models are fitted on
 * @param validation the rows that choose features, hyper-parameters, the number of epochs and the threshold
 * @param test the rows only the final evaluation reads
 */
record StratifiedSplit(List<Integer> train, List<Integer> validation, List<Integer> test) {

    StratifiedSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    static StratifiedSplit of(boolean[] targets, double validationFraction, double testFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            List<Integer> rows = shuffled(rowsOf(targets, label, null), random.split());
            int testCount = (int) Math.round(rows.size() * testFraction);
            int validationCount = (int) Math.round(rows.size() * validationFraction);
            test.addAll(rows.subList(0, testCount));
            validation.addAll(rows.subList(testCount, testCount + validationCount));
            train.addAll(rows.subList(testCount + validationCount, rows.size()));
        }
        Collections.sort(train);
        Collections.sort(validation);
        Collections.sort(test);
        return new StratifiedSplit(train, validation, test);
    }

    /**
     * Stratified folds of {@code rows}: the shuffled positives, then the shuffled negatives, are
     * dealt to the folds in turn.
     *
     * @return the held-out rows of each fold, ascending
     */
    static List<List<Integer>> folds(boolean[] targets, List<Integer> rows, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        // One round-robin across both classes, so the folds' sizes differ by one row at most.
        int next = 0;
        for (boolean label : new boolean[] {true, false}) {
            for (int row : shuffled(rowsOf(targets, label, rows), random.split())) {
                folds.get(next++ % k).add(row);
            }
        }
        List<List<Integer>> sorted = new ArrayList<>();
        for (List<Integer> fold : folds) {
            Collections.sort(fold);
            sorted.add(List.copyOf(fold));
        }
        return sorted;
    }

    private static List<Integer> rowsOf(boolean[] targets, boolean label, List<Integer> among) {
        List<Integer> rows = new ArrayList<>();
        if (among == null) {
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] == label) {
                    rows.add(i);
                }
            }
        } else {
            among.stream().filter(i -> targets[i] == label).forEach(rows::add);
        }
        return rows;
    }

    private static List<Integer> shuffled(List<Integer> rows, SplittableRandom random) {
        List<Integer> copy = new ArrayList<>(rows);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }
}
