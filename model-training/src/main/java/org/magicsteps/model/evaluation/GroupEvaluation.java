package org.magicsteps.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * How a model fares within groups of students (girls and boys, each phase), on the same rows as
 * the headline evaluation: each group's ROC-AUC, Brier score, recall and precision at the
 * threshold, each with a 95 % stratified bootstrap interval when the group holds at least
 * {@value #MIN_PER_CLASS} students of each class, and its mean predicted probability beside its
 * observed rate. Groups are small (a phase of the test split may hold one student who reached the
 * PV), so a group below that size gets its counts and a note instead of figures that would mean
 * nothing.
 *
 * @param feature the feature that defines the groups ({@code genero}, {@code fase})
 * @param value the group's value ({@code menina}; {@code 3})
 * @param students how many students the group holds
 * @param positives how many of them reached the Ponto de Virada
 * @param meanPredicted their mean predicted probability
 * @param observedRate the share who reached it
 * @param rocAuc ROC-AUC with its interval, or {@code null} when the group is too small
 * @param brier Brier score with its interval, or {@code null} when the group is too small
 * @param recall recall at the threshold with its interval, or {@code null} when the group is too small
 * @param precision precision at the threshold with its interval, or {@code null} when the group is too small
 * @param note why figures are missing, or {@code null}
 */
public record GroupEvaluation(String feature, String value, long students, long positives, double meanPredicted,
        double observedRate, Estimate rocAuc, Estimate brier, Estimate recall, Estimate precision, String note) {

    /** A group needs this many students of each class for its figures to be computed. */
    public static final int MIN_PER_CLASS = 3;

    /** The features whose groups are reported, in order. */
    public static final List<String> FEATURES = List.of("genero", "fase");

    /**
     * Every group of every feature of {@link #FEATURES} that the rows carry.
     *
     * @param rows the students, with their features
     * @param probabilities each student's predicted probability, in the same order
     * @param seed the bootstrap's seed
     */
    public static List<GroupEvaluation> of(List<Student> rows, double[] probabilities, double threshold, long seed) {
        List<GroupEvaluation> groups = new ArrayList<>();
        for (String feature : FEATURES) {
            Map<String, List<Integer>> members = new TreeMap<>(GroupEvaluation::compareValues);
            for (int i = 0; i < rows.size(); i++) {
                Optional<String> value = valueOf(rows.get(i), feature);
                if (value.isPresent()) {
                    members.computeIfAbsent(value.get(), k -> new ArrayList<>()).add(i);
                }
            }
            members.forEach((value, indices) -> groups.add(group(feature, value, indices, rows, probabilities,
                    threshold, seed)));
        }
        return groups;
    }

    private static GroupEvaluation group(String feature, String value, List<Integer> indices, List<Student> rows,
            double[] probabilities, double threshold, long seed) {
        boolean[] truth = new boolean[indices.size()];
        double[] p = new double[indices.size()];
        long positives = 0;
        double sum = 0;
        for (int k = 0; k < truth.length; k++) {
            truth[k] = rows.get(indices.get(k)).reached();
            p[k] = probabilities[indices.get(k)];
            positives += truth[k] ? 1 : 0;
            sum += p[k];
        }
        long negatives = truth.length - positives;
        double mean = sum / truth.length;
        double rate = (double) positives / truth.length;
        if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
            return new GroupEvaluation(feature, value, truth.length, positives, mean, rate, null, null, null, null,
                    String.format(Locale.ROOT, "fewer than %d students of each class (%d reached the PV, %d did not): "
                            + "no figure would mean anything", MIN_PER_CLASS, positives, negatives));
        }
        Evaluation e = Evaluation.of(truth, p, threshold, seed);
        return new GroupEvaluation(feature, value, truth.length, positives, mean, rate, e.rocAuc(), e.brier(),
                e.recall(), e.precision(), null);
    }

    private static Optional<String> valueOf(Student student, String feature) {
        Optional<String> word = student.features().category(feature);
        if (word.isPresent()) {
            return word;
        }
        var number = student.features().number(feature);
        return number.isPresent() ? Optional.of(whole(number.getAsDouble())) : Optional.empty();
    }

    private static String whole(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Numbers in numeric order, words in alphabetical order. */
    private static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
