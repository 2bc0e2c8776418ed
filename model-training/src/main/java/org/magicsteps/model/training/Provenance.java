package org.magicsteps.model.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.report.ModelReport;

/** What the manifest records about how a bundle was made: its provenance and its held-out metrics. */
final class Provenance {

    private Provenance() {
    }

    static TrainingProvenance of(TrainingOptions options, TrainingData data, FeaturePlan plan,
            ModelSelection.Candidate winner, int refitRows) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("excluded_features", String.join(",", new TreeSet<>(options.exclude())));
        details.put("included_features", String.join(",", new TreeSet<>(options.include())));
        details.put("ignored_features", String.join(",", new TreeSet<>(plan.ignored())));
        details.put("derived_features", String.join(",", plan.derived().stream().map(FeaturePlan.Derived::name).toList()));
        details.put("model", winner.spec().modelClass());
        hyperParameters(winner).forEach((k, v) -> details.put("hyper_parameter." + k, v));
        details.put("optimiser", winner.spec() instanceof ModelSpec.Logistic
                ? "LibLinear L2R_LR (trust-region Newton), tolerance " + LiblinearLogistic.TOLERANCE
                : "Newton boosting of Tribuo CART regression trees, rounds chosen by cross-validation");
        details.put("calibration", "Platt scaling on the validation split: " + winner.platt().text()
                + ", folded into the graph, log-odds clipped to ±" + ScoreGraph.LOG_ODDS_LIMIT);
        details.put("selection", String.format(Locale.ROOT, "lowest calibrated out-of-fold log-loss, %d x %d-fold "
                + "stratified cross-validation inside the training split", ModelSelection.SELECTION_REPEATS,
                ModelSelection.SELECTION_FOLDS));
        details.put("rows_in_file", Integer.toString(data.all().size()));
        details.put("split", String.format(Locale.ROOT, "stratified train/validation/test %d/%d/%d (fractions "
                + "%.2f/%.2f/%.2f)", data.train().size(), data.validation().size(), data.test().size(),
                1 - TrainingData.VALIDATION_FRACTION - TrainingData.TEST_FRACTION, TrainingData.VALIDATION_FRACTION,
                TrainingData.TEST_FRACTION));
        details.put("refit", "train + validation (" + refitRows + " rows)");
        details.put("sheet", options.sheet() == null ? "(first)" : options.sheet());
        details.putAll(Versions.all());
        return new TrainingProvenance("magic-steps train", options.command(),
                data.sheet().file().getFileName().toString(), data.sheet().fingerprint(), (long) refitRows,
                options.seed(), details);
    }

    /** The winner's hyper-parameters and chosen size, by name. */
    static Map<String, String> hyperParameters(ModelSelection.Candidate winner) {
        Map<String, String> parameters = new LinkedHashMap<>(winner.spec().hyperParameters());
        if (winner.fit().size() > 0) {
            parameters.put("rounds", Integer.toString(winner.fit().size()));
        }
        return parameters;
    }

    static Map<String, Double> metrics(Evaluation test, ModelReport.CrossValidation cv,
            ModelSelection.Candidate winner) {
        Map<String, Double> metrics = new LinkedHashMap<>(test.asMetrics("test_"));
        metrics.put("cv_roc_auc_mean", cv.mean());
        metrics.put("cv_roc_auc_sd", cv.sd());
        metrics.put("validation_log_loss", winner.validationLogLoss());
        metrics.put("validation_roc_auc", winner.validationRocAuc());
        return metrics;
    }
}
