package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.LabelledSheet.Student;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;

/**
 * Looks for features that give the target away.
 *
 * <p><b>Single features.</b> The ROC-AUC of each feature alone on the training split (a number
 * as it is, whichever direction separates better; a category by its positive rate in the
 * training split, so in-sample). At {@value #FLAG_AUC} or more the feature is flagged: it
 * practically is the target ({@code score_ipv} is: {@code Atingiu PV} is {@code IPV ≥ 8.35}).
 *
 * <p><b>Proxies of excluded features.</b> Excluding a feature does not remove what the other
 * features know about it. For each excluded numeric feature, a least-squares regression on the
 * remaining features (numbers as they are, categories one-hot) is fitted on the training split
 * and judged on the validation split: its R², and the ROC-AUC of the reconstruction for the
 * target; flagged when that ROC-AUC reaches {@value #FLAG_PROXY_AUC}. Then the carriers are
 * peeled off greedily: the remaining feature whose removal lowers the R² the most is removed,
 * and so on while a removal costs at least {@value #CARRIER_R2_DROP} of R² (for {@code score_ipv}
 * the chain starts with {@code score_inde}, an index with IPV among its components, then the
 * rankings by INDE).
 */
final class LeakageCheck {

    static final double FLAG_AUC = 0.99;
    static final double FLAG_PROXY_AUC = 0.90;
    static final double CARRIER_R2_DROP = 0.05;
    static final int MAX_CARRIERS = 6;

    private LeakageCheck() {
    }

    /**
     * @param feature the feature
     * @param excluded whether the model was trained without it
     * @param rocAuc its ROC-AUC alone, at least 0.5
     * @param direction which values go with reaching the Ponto de Virada
     * @param flagged whether {@code rocAuc ≥ 0.99}
     */
    record SingleFeature(String feature, boolean excluded, double rocAuc, String direction, boolean flagged) {
    }

    /**
     * One carrier peeled off.
     *
     * @param feature the feature removed from the reconstruction
     * @param r2 the validation R² without it (and without the carriers before it)
     * @param rocAuc the validation ROC-AUC of that reconstruction
     */
    record Carrier(String feature, double r2, double rocAuc) {
    }

    /**
     * @param excluded the excluded feature
     * @param predictors how many remaining features reconstruct it
     * @param r2 the validation R² of the reconstruction
     * @param rocAuc the validation ROC-AUC of the reconstruction for the target
     * @param carriers the features that carry it, most first, each with what is left without it
     * @param flagged whether {@code rocAuc ≥ 0.90}
     */
    record Proxy(String excluded, int predictors, double r2, double rocAuc, List<Carrier> carriers, boolean flagged) {
    }

    record Result(List<SingleFeature> features, List<Proxy> proxies) {
        List<SingleFeature> flagged() {
            return features.stream().filter(SingleFeature::flagged).toList();
        }
    }

    static Result run(List<FeatureSpec> specs, Set<String> excluded, List<Student> train, List<Student> validation) {
        boolean[] y = targets(train);
        List<SingleFeature> singles = new ArrayList<>();
        for (FeatureSpec spec : specs) {
            double[] scores = spec.type().isNumeric() ? numbers(train, spec.name()) : categoryRates(train, spec.name());
            if (scores == null) {
                continue;
            }
            double auc = BinaryMetrics.rocAuc(y, scores);
            boolean higher = auc >= 0.5;
            String direction = spec.type().isNumeric()
                    ? (higher ? "higher values reach the PV more often" : "lower values reach the PV more often")
                    : "by category (positive rate per category, in-sample)";
            double strength = Math.max(auc, 1 - auc);
            singles.add(new SingleFeature(spec.name(), excluded.contains(spec.name()), strength, direction,
                    strength >= FLAG_AUC));
        }
        List<Proxy> proxies = new ArrayList<>();
        List<FeatureSpec> remaining = specs.stream().filter(s -> !excluded.contains(s.name())
                && (s.type().isNumeric() ? numbers(train, s.name()) != null : categoryRates(train, s.name()) != null))
                .toList();
        for (FeatureSpec target : specs) {
            if (!excluded.contains(target.name()) || !target.type().isNumeric() || remaining.isEmpty()
                    || numbers(train, target.name()) == null || numbers(validation, target.name()) == null) {
                continue;
            }
            double[] full = reconstruct(train, validation, target.name(), remaining);
            List<Carrier> carriers = new ArrayList<>();
            List<FeatureSpec> left = new ArrayList<>(remaining);
            double r2 = full[0];
            while (left.size() > 1 && carriers.size() < MAX_CARRIERS) {
                FeatureSpec carrier = null;
                double[] without = null;
                for (FeatureSpec candidate : left) {
                    List<FeatureSpec> fewer = left.stream().filter(s -> s != candidate).toList();
                    double[] fit = reconstruct(train, validation, target.name(), fewer);
                    if (without == null || fit[0] < without[0]) {
                        without = fit;
                        carrier = candidate;
                    }
                }
                if (r2 - without[0] < CARRIER_R2_DROP) {
                    break;
                }
                carriers.add(new Carrier(carrier.name(), without[0], without[1]));
                left.remove(carrier);
                r2 = without[0];
            }
            proxies.add(new Proxy(target.name(), remaining.size(), full[0], full[1], carriers,
                    full[1] >= FLAG_PROXY_AUC));
        }
        return new Result(singles, proxies);
    }

    /** Fits {@code target ~ predictors} on {@code train}; returns the validation R² and the reconstruction's ROC-AUC. */
    private static double[] reconstruct(List<Student> train, List<Student> validation, String target,
            List<FeatureSpec> predictors) {
        double[][] x = matrix(train, predictors, train);
        double[] t = numbers(train, target);
        int k = x[0].length;
        double[][] gram = new double[k][k];
        double[] right = new double[k];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < k; a++) {
                right[a] += x[i][a] * t[i];
                for (int b = 0; b < k; b++) {
                    gram[a][b] += x[i][a] * x[i][b];
                }
            }
        }
        // A little ridge keeps the system solvable when predictors are collinear (one-hot columns, rankings).
        for (int a = 1; a < k; a++) {
            gram[a][a] += 1e-6 * x.length;
        }
        gram[0][0] += 1e-9 * x.length;
        double[] beta = DenseMatrix.createDenseMatrix(gram).choleskyFactorization()
                .orElseThrow(() -> new IllegalStateException("the regression's normal equations are singular"))
                .solve(DenseVector.createDenseVector(right)).toArray();
        double[][] xv = matrix(validation, predictors, train);
        double[] tv = numbers(validation, target);
        double[] fitted = new double[xv.length];
        double mean = java.util.Arrays.stream(tv).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < xv.length; i++) {
            for (int a = 0; a < k; a++) {
                fitted[i] += xv[i][a] * beta[a];
            }
            residual += (tv[i] - fitted[i]) * (tv[i] - fitted[i]);
            total += (tv[i] - mean) * (tv[i] - mean);
        }
        // Either direction separates: a rank is low for good students.
        double auc = BinaryMetrics.rocAuc(targets(validation), fitted);
        return new double[] {total == 0 ? 0 : 1 - residual / total, Math.max(auc, 1 - auc)};
    }

    /**
     * Rows of {@code [1, z1, ..., zk]}: each numeric predictor imputed by its training median and
     * standardised with the training mean and deviation (so the normal equations stay well
     * conditioned); each categorical one as one column per training category (absent: all zeros).
     */
    private static double[][] matrix(List<Student> rows, List<FeatureSpec> predictors, List<Student> train) {
        List<double[]> columns = new ArrayList<>();
        for (FeatureSpec p : predictors) {
            if (p.type().isNumeric()) {
                double[] fitted = numbers(train, p.name());
                double median = Encoding.median(train.stream().map(s -> s.features().number(p.name()))
                        .filter(v -> v.isPresent()).mapToDouble(v -> v.getAsDouble()).toArray());
                double mean = java.util.Arrays.stream(fitted).average().orElseThrow();
                double sd = Math.sqrt(java.util.Arrays.stream(fitted).map(v -> (v - mean) * (v - mean)).average()
                        .orElseThrow());
                columns.add(rows.stream().mapToDouble(s -> (s.features().number(p.name()).orElse(median) - mean)
                        / (sd == 0 ? 1 : sd)).toArray());
            } else {
                java.util.TreeSet<String> categories = new java.util.TreeSet<>();
                train.forEach(s -> s.features().category(p.name()).ifPresent(categories::add));
                for (String category : categories) {
                    columns.add(rows.stream().mapToDouble(s -> category.equals(s.features().category(p.name())
                            .orElse(null)) ? 1 : 0).toArray());
                }
            }
        }
        double[][] x = new double[rows.size()][columns.size() + 1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = 1;
            for (int j = 0; j < columns.size(); j++) {
                x[i][j + 1] = columns.get(j)[i];
            }
        }
        return x;
    }

    /** The feature's values with missing ones imputed by the median, or {@code null} when it has none. */
    private static double[] numbers(List<Student> rows, String feature) {
        double[] present = rows.stream().map(s -> s.features().number(feature)).filter(v -> v.isPresent())
                .mapToDouble(v -> v.getAsDouble()).toArray();
        if (present.length == 0) {
            return null;
        }
        double median = Encoding.median(present);
        return rows.stream().mapToDouble(s -> s.features().number(feature).orElse(median)).toArray();
    }

    private static double[] categoryRates(List<Student> rows, String feature) {
        Map<String, long[]> counts = new HashMap<>();
        for (Student s : rows) {
            long[] c = counts.computeIfAbsent(s.features().category(feature).orElse(""), k -> new long[2]);
            c[0]++;
            c[1] += s.reached() ? 1 : 0;
        }
        if (counts.keySet().equals(Set.of(""))) {
            return null;
        }
        return rows.stream().mapToDouble(s -> {
            long[] c = counts.get(s.features().category(feature).orElse(""));
            return (double) c[1] / c[0];
        }).toArray();
    }

    private static boolean[] targets(List<Student> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).reached();
        }
        return y;
    }
}
