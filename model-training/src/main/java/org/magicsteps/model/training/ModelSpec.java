package org.magicsteps.model.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One point of the hyper-parameter grid: a model family and its settings. {@link #fit} trains it on
 * the training rows (choosing its size on the validation rows where it has one: the number of
 * boosting rounds), {@link #refit} trains it again, the same way and at the same size, on other
 * rows. Both give a {@link LogOddsModel} of uncalibrated log-odds.
 *
 * <p>Why not Tribuo's SGD logistic regression and factorization machines any more: Tribuo 4.3.2's
 * {@code AdaGradRDA}, its only optimiser with l1/l2 penalties, never advances the iteration counter
 * of matrix parameters ({@code AdaGradRDAMatrix.intersectAndAddInPlace}), so the penalties never
 * touch the weights (every l2 gave the same model, {@code TribuoPenaltyTest}); those models could be
 * regularised by early stopping alone, and where the data are separable (through IPV) their weights
 * grew until the probabilities reached exactly 0 and 1. LibLinear's logistic regression minimises
 * the penalised loss exactly; the boosted trees are the non-linear family.
 */
sealed interface ModelSpec {

    /** The manifest's {@code model_class}. */
    String modelClass();

    /** How positives are weighted against the 13 % imbalance. */
    Weighting weighting();

    /** The hyper-parameters by name, for the manifest and the report. */
    Map<String, String> hyperParameters();

    /** Trains on the training rows, choosing a size (if the family has one) on the validation rows. */
    Fit fit(EncodedRows train, EncodedRows validation, long seed);

    /** Trains again on other rows with the same settings and the size {@code fit} chose. */
    LogOddsModel refit(EncodedRows rows, int size, long seed);

    /**
     * The sizes cross-validation compares for this family (boosting rounds), or {@code [0]} for a
     * family without a size.
     */
    default List<Integer> sizes() {
        return List.of(0);
    }

    /**
     * Trains on {@code rows} once and gives the model at each of {@link #sizes()} (a boosted model's
     * first rounds are the smaller models), in that order.
     */
    default List<LogOddsModel> refitAtSizes(EncodedRows rows, long seed) {
        return List.of(refit(rows, 0, seed));
    }

    /** Whether the family can be trained on these rows (the IPV families need the IPV rule to hold there). */
    default boolean applicable(EncodedRows train) {
        return true;
    }

    /** One line for people. */
    default String text() {
        StringBuilder text = new StringBuilder(modelClass());
        hyperParameters().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    /**
     * What {@link #fit} produced.
     *
     * @param model the uncalibrated model trained on the training rows
     * @param size the size chosen on validation (boosting rounds), 0 for a family without one
     * @param validationHistory the validation loss at each size tried (empty without sizes): the log-loss of
     *     the target, or the squared error of IPV for the IPV families
     */
    record Fit(LogOddsModel model, int size, List<Double> validationHistory) {
        public Fit {
            validationHistory = List.copyOf(validationHistory);
        }
    }

    /**
     * L2-regularised logistic regression ({@link LiblinearLogistic}).
     *
     * @param lambda the penalty per row: the objective is {@code mean loss + λ/2 ‖w‖²}
     */
    record Logistic(double lambda, Weighting weighting) implements ModelSpec {
        @Override public String modelClass() { return "LogisticRegression"; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("l2_per_row", number(lambda));
            parameters.put("positive_weight", weighting.label());
            return parameters;
        }
        @Override public Fit fit(EncodedRows train, EncodedRows validation, long seed) {
            return new Fit(refit(train, 0, seed), 0, List.of());
        }
        @Override public LogOddsModel refit(EncodedRows rows, int size, long seed) {
            boolean[] y = rows.y();
            double[] weights = weighting.weights(y);
            double positive = 1;
            double negative = 1;
            for (int i = 0; i < y.length; i++) {
                if (y[i]) {
                    positive = weights[i];
                } else {
                    negative = weights[i];
                }
            }
            return LiblinearLogistic.train(rows.x(), y, lambda, positive, negative);
        }
    }

    /**
     * Ridge regression of IPV, the indicator whose threshold defines the target ({@code Atingiu PV}
     * is {@code IPV ≥ t} in the training rows), turned into the probability of crossing it. IPV is
     * the training target only, never an input: the model reads the same features as any other, but
     * it learns from how far each student's IPV lies from the threshold, not only from which side it
     * lies on, which is more to learn from in 412 rows with 54 positives. Under a normal residual of
     * standard deviation σ, {@code P(IPV ≥ t) = Φ((ŷ − t) / σ)}; its uncalibrated log-odds are the
     * logistic approximation {@code 1.702 · (ŷ − t) / σ}, which Platt scaling then calibrates. The
     * result is again a linear model of the inputs.
     *
     * @param lambda the ridge penalty per row: the objective is {@code mean squared error + λ ‖w‖²}
     */
    record IpvRidge(double lambda) implements ModelSpec {
        /** The logistic curve's scale that best matches the normal one. */
        static final double PROBIT_TO_LOGIT = 1.702;

        @Override public String modelClass() { return "RidgeRegressionOfIpv"; }
        @Override public Weighting weighting() { return Weighting.NONE; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("l2_per_row", number(lambda));
            return parameters;
        }
        @Override public boolean applicable(EncodedRows train) {
            return train.ipvRule().isPresent();
        }
        @Override public Fit fit(EncodedRows train, EncodedRows validation, long seed) {
            return new Fit(refit(train, 0, seed), 0, List.of());
        }
        @Override public LogOddsModel refit(EncodedRows rows, int size, long seed) {
            if (rows.ipvRule().isEmpty()) {
                throw new IllegalArgumentException("the rows hold no IPV threshold that separates Atingiu PV");
            }
            return crossing(LiblinearRidge.train(rows.x(), rows.ipv(), lambda), rows);
        }
    }

    /**
     * Gradient-boosted trees ({@link NewtonBoosting}). Model selection compares them at each of
     * {@link #ROUNDS} by cross-validation ({@link #refitAtSizes}); {@link #fit} instead chooses the number
     * of trees on validation rows (at most {@value #MAX_ROUNDS}, stopping after {@value #PATIENCE}
     * rounds without a lower validation log-loss), for a grid searched without cross-validation.
     */
    record BoostedTrees(int depth, double learningRate, double minChildWeight, Weighting weighting)
            implements ModelSpec {
        static final int MAX_ROUNDS = 400;
        static final int PATIENCE = 40;
        /** The rounds cross-validation compares. */
        static final List<Integer> ROUNDS = List.of(25, 50, 100, 200, 300);

        @Override public String modelClass() { return "GradientBoostedTrees"; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("max_depth", Integer.toString(depth));
            parameters.put("learning_rate", number(learningRate));
            parameters.put("min_child_weight", number(minChildWeight));
            parameters.put("positive_weight", weighting.label());
            return parameters;
        }
        @Override public Fit fit(EncodedRows train, EncodedRows validation, long seed) {
            NewtonBoosting.Grown grown = NewtonBoosting.growWithEarlyStopping(settings(),
                    new NewtonBoosting.LogLoss(train.y(), weighting.weights(train.y()), validation.y()), train.x(),
                    validation.x(), MAX_ROUNDS, PATIENCE, seed);
            return new Fit(grown.model(), grown.rounds(), grown.validationLoss());
        }
        @Override public LogOddsModel refit(EncodedRows rows, int size, long seed) {
            return NewtonBoosting.grow(settings(), new NewtonBoosting.LogLoss(rows.y(), weighting.weights(rows.y()),
                    null), rows.x(), size, seed);
        }
        @Override public List<Integer> sizes() {
            return ROUNDS;
        }
        @Override public List<LogOddsModel> refitAtSizes(EncodedRows rows, long seed) {
            LogOddsModel.TreeEnsemble grown = NewtonBoosting.grow(settings(), new NewtonBoosting.LogLoss(rows.y(),
                    weighting.weights(rows.y()), null), rows.x(), ROUNDS.get(ROUNDS.size() - 1), seed);
            return ROUNDS.stream().map(r -> (LogOddsModel) grown.prefix(r)).toList();
        }
        private NewtonBoosting.Settings settings() {
            return new NewtonBoosting.Settings(depth, learningRate, minChildWeight);
        }
    }

    /**
     * Boosted trees of IPV: the non-linear counterpart of {@link IpvRidge}. Trees fitted to the
     * squared error of IPV (the training target only, never an input), as many rounds as lower the
     * validation split's squared error of IPV (at most {@value BoostedTrees#MAX_ROUNDS}), then the
     * same probit-to-logit turn into uncalibrated log-odds of crossing the threshold, with the
     * training residuals' standard deviation.
     */
    record IpvBoostedTrees(int depth, double learningRate, double minChildWeight) implements ModelSpec {
        @Override public String modelClass() { return "GradientBoostedTreesOfIpv"; }
        @Override public Weighting weighting() { return Weighting.NONE; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("max_depth", Integer.toString(depth));
            parameters.put("learning_rate", number(learningRate));
            parameters.put("min_child_weight", number(minChildWeight));
            return parameters;
        }
        @Override public boolean applicable(EncodedRows train) {
            return train.ipvRule().isPresent();
        }
        @Override public Fit fit(EncodedRows train, EncodedRows validation, long seed) {
            NewtonBoosting.Grown grown = NewtonBoosting.growWithEarlyStopping(settings(),
                    new NewtonBoosting.SquaredError(train.ipv(), validation.ipv()), train.x(), validation.x(),
                    BoostedTrees.MAX_ROUNDS, BoostedTrees.PATIENCE, seed);
            return new Fit(crossing(grown.model(), train), grown.rounds(), grown.validationLoss());
        }
        @Override public LogOddsModel refit(EncodedRows rows, int size, long seed) {
            return crossing(NewtonBoosting.grow(settings(), new NewtonBoosting.SquaredError(rows.ipv(), null),
                    rows.x(), size, seed), rows);
        }
        @Override public List<Integer> sizes() {
            return BoostedTrees.ROUNDS;
        }
        @Override public List<LogOddsModel> refitAtSizes(EncodedRows rows, long seed) {
            LogOddsModel.TreeEnsemble grown = NewtonBoosting.grow(settings(), new NewtonBoosting.SquaredError(
                    rows.ipv(), null), rows.x(), BoostedTrees.ROUNDS.get(BoostedTrees.ROUNDS.size() - 1), seed);
            return BoostedTrees.ROUNDS.stream().map(r -> crossing(grown.prefix(r), rows)).toList();
        }
        private NewtonBoosting.Settings settings() {
            return new NewtonBoosting.Settings(depth, learningRate, minChildWeight);
        }
    }

    /**
     * The uncalibrated log-odds that a predictor of IPV puts on crossing the rows' IPV threshold:
     * {@code 1.702 · (ŷ − t) / σ}, σ the standard deviation of the rows' residuals.
     */
    private static LogOddsModel crossing(LogOddsModel predictor, EncodedRows rows) {
        double threshold = rows.ipvRule().orElseThrow(() -> new IllegalArgumentException(
                "the rows hold no IPV threshold that separates Atingiu PV"));
        double squares = 0;
        for (int i = 0; i < rows.size(); i++) {
            double residual = rows.ipv()[i] - predictor.logOdds(rows.x()[i]);
            squares += residual * residual;
        }
        double k = IpvRidge.PROBIT_TO_LOGIT / Math.sqrt(squares / rows.size());
        return predictor.scaled(k, -k * threshold);
    }

    /**
     * How much a positive example weighs against a negative one, from the rows' class counts.
     * Weights are scaled so they average 1, so that a penalty or a minimum child weight means the
     * same under every weighting.
     */
    enum Weighting {
        /** Every example weighs 1; the threshold alone handles the imbalance. */
        NONE("none"),
        /** Positives weigh sqrt(negatives / positives): half-way, on a log scale, to balanced. */
        SQRT_BALANCED("sqrt_balanced"),
        /** Positives weigh negatives / positives: both classes carry the same total weight. */
        BALANCED("balanced");

        private final String label;

        Weighting(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** How much a positive weighs relative to a negative. */
        double positiveWeight(boolean[] targets) {
            long positives = 0;
            for (boolean t : targets) {
                positives += t ? 1 : 0;
            }
            double ratio = positives == 0 ? 1.0 : (double) (targets.length - positives) / positives;
            return switch (this) {
                case NONE -> 1.0;
                case SQRT_BALANCED -> Math.sqrt(ratio);
                case BALANCED -> ratio;
            };
        }

        /** The weight of each row ({@code true} = positive), averaging 1. */
        double[] weights(boolean[] targets) {
            double positiveWeight = positiveWeight(targets);
            long positives = 0;
            for (boolean t : targets) {
                positives += t ? 1 : 0;
            }
            double mean = (positives * positiveWeight + (targets.length - positives)) / targets.length;
            double[] weights = new double[targets.length];
            for (int i = 0; i < targets.length; i++) {
                weights[i] = (targets[i] ? positiveWeight : 1.0) / mean;
            }
            return weights;
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
