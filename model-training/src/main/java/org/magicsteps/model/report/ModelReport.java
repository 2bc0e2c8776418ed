package org.magicsteps.model.report;

import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;

/**
 * Everything a model's report says: which model, on which data, how it scored (with intervals),
 * and, for a model trained here, how it was chosen and what the leakage check found. Written as
 * {@code report.json}, four PNG charts and one self-contained {@code report.html} by
 * {@link ReportWriter}. Sections that only training knows are {@code null} in a report made by
 * {@code magic-steps evaluate}.
 *
 * @param title one line, such as "default (LogisticRegression), trained on pede2022.xlsx"
 * @param model what the model is
 * @param data what it was evaluated (and trained) on
 * @param evaluatedOn in words: which rows {@link #evaluation()} comes from, and why they are (or are not) unseen
 * @param evaluation the headline metrics
 * @param groups the same metrics within groups of students (gender, phase), on the same rows
 * @param calibration how the probabilities were calibrated and what that changed; {@code null}
 *     for an evaluation of an existing bundle
 * @param training how the model was chosen; {@code null} for an evaluation of an existing bundle
 * @param leakage what the leakage check found; {@code null} for an evaluation of an existing bundle
 * @param modelCard the bundle's model card, or {@code null} when it has none
 * @param notes caveats for people, in order of importance
 */
public record ModelReport(String title, ModelSummary model, DataSummary data, String evaluatedOn, Evaluation evaluation,
        List<GroupEvaluation> groups, CalibrationSummary calibration, TrainingSummary training, Leakage leakage,
        ModelCard modelCard, List<String> notes) {

    public ModelReport {
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }

    /** An unmodifiable copy that keeps the order of {@code map} (tables list entries in it). */
    static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    /**
     * @param name the bundle's name
     * @param version its version
     * @param modelClass such as LogisticRegression
     * @param hyperParameters by name
     * @param threshold the decision threshold the metrics use
     * @param thresholdRule how it was chosen
     * @param inputs the model's input columns, in order (raw features, one-hot columns, derived features)
     * @param ignoredFeatures features the API accepts but the model does not read
     * @param command the command that trained it, if known
     */
    public record ModelSummary(String name, String version, String modelClass, Map<String, String> hyperParameters,
            double threshold, String thresholdRule, List<String> inputs, List<String> ignoredFeatures, String command) {
        public ModelSummary {
            hyperParameters = ordered(hyperParameters);
            inputs = List.copyOf(inputs);
            ignoredFeatures = List.copyOf(ignoredFeatures);
        }
    }

    /**
     * @param file the data file's name
     * @param fingerprint its SHA-256
     * @param rows labelled rows used
     * @param positives how many reached the Ponto de Virada
     * @param splits rows and positives per split ({@code train}, {@code validation}, {@code test}); empty for an evaluation
     * @param skippedRows rows left out (evaluate {@code --on-error skip}), with the reason
     * @param widenedBounds features whose validation bounds were widened beyond the original API's, and why
     * @param imputation the value each feature is imputed with when missing
     */
    public record DataSummary(String file, String fingerprint, long rows, long positives, Map<String, Counts> splits,
            List<String> skippedRows, List<String> widenedBounds, Map<String, String> imputation) {
        public DataSummary {
            splits = ordered(splits);
            skippedRows = List.copyOf(skippedRows);
            widenedBounds = List.copyOf(widenedBounds);
            imputation = ordered(imputation);
        }
    }

    /** Rows and positives of a part of the data. */
    public record Counts(long rows, long positives) {
    }

    /**
     * @param validationLogLoss of the chosen model, trained on the training split and calibrated on the
     *     validation split
     * @param validationRocAuc of the same
     * @param crossValidation the stability check on the training split
     * @param trainOnlyTest the test metrics of the chosen model before the refit, for comparison
     * @param refit what the shipped model was refitted on, in words
     * @param featureSteps the feature-engineering decisions, in the order tried
     * @param grid every grid point, best first
     * @param families the best grid point of each model family, with its cross-validated ROC-AUC (the same
     *     folds for all), best first
     * @param onnxMaxDifference the largest difference on the test rows between the bundle's ONNX probabilities
     *     and the trained model's own (computed in double precision from Tribuo's trained numbers)
     * @param seconds how long training took
     */
    public record TrainingSummary(double validationLogLoss, double validationRocAuc, CrossValidation crossValidation,
            Map<String, Double> trainOnlyTest, String refit, List<FeatureStep> featureSteps, List<GridPoint> grid,
            List<Family> families, double onnxMaxDifference, double seconds) {
        public TrainingSummary {
            trainOnlyTest = ordered(trainOnlyTest);
            featureSteps = List.copyOf(featureSteps);
            grid = List.copyOf(grid);
            families = List.copyOf(families);
        }
    }

    /**
     * The best grid point of one model family.
     *
     * @param modelClass the family
     * @param spec its hyper-parameters, for people
     * @param validationLogLoss calibrated, on the validation split
     * @param validationRocAuc on the validation split
     * @param crossValidation its recipe's cross-validated ROC-AUC on the training split
     * @param chosen whether it is the shipped model's family
     */
    public record Family(String modelClass, String spec, double validationLogLoss, double validationRocAuc,
            CrossValidation crossValidation, boolean chosen) {
    }

    /**
     * @param folds how many
     * @param rocAucs each fold's held-out ROC-AUC
     * @param mean their mean
     * @param sd their sample standard deviation
     */
    public record CrossValidation(int folds, List<Double> rocAucs, double mean, double sd) {
        public CrossValidation {
            rocAucs = List.copyOf(rocAucs);
        }
    }

    /**
     * @param step its name
     * @param description what it does
     * @param logLossBefore the best validation log-loss before it
     * @param logLossWith the best validation log-loss with it
     * @param kept whether it was kept
     */
    public record FeatureStep(String step, String description, double logLossBefore, double logLossWith, boolean kept) {
    }

    /**
     * @param modelClass the kind of model
     * @param hyperParameters by name
     * @param size the boosting rounds (0 for a linear model)
     * @param rawValidationLogLoss before calibration
     * @param validationLogLoss after calibration on the validation split
     * @param validationRocAuc on the validation split
     * @param calibration the Platt map fitted on the validation split, for people
     * @param sizesTried the validation log-loss after each boosting round, or empty
     * @param chosen whether this point won
     * @param cvLogLoss the criterion: the repeated cross-validation's calibrated out-of-fold log-loss inside
     *     the training split
     * @param cvRocAuc the mean ROC-AUC of its held-out folds
     * @param cvRocAucSd their standard deviation
     */
    public record GridPoint(String modelClass, Map<String, String> hyperParameters, int size,
            double rawValidationLogLoss, double validationLogLoss, double validationRocAuc, String calibration,
            List<Double> sizesTried, boolean chosen, Double cvLogLoss, Double cvRocAuc, Double cvRocAucSd) {
        public GridPoint {
            hyperParameters = ordered(hyperParameters);
            sizesTried = List.copyOf(sizesTried);
        }
    }

    /**
     * How the shipped probabilities were calibrated, and the same evaluation rows before it.
     *
     * @param method {@code platt}, in words
     * @param fittedOn which rows the map was fitted on
     * @param scale the map's slope on the uncalibrated log-odds
     * @param shift its intercept
     * @param logOddsLimit the clip of the served log-odds
     * @param validationLogLossBefore the chosen model's validation log-loss before calibration
     * @param validationLogLossAfter and after (fitted on those rows: optimistic)
     * @param uncalibrated the headline evaluation of the shipped model without calibration
     * @param logOddsBounds the smallest and largest calibrated log-odds any valid student can get
     *     (an outer bound; the clip binds only beyond it)
     */
    public record CalibrationSummary(String method, String fittedOn, double scale, double shift, double logOddsLimit,
            double validationLogLossBefore, double validationLogLossAfter, Evaluation uncalibrated,
            List<Double> logOddsBounds) {
        public CalibrationSummary {
            logOddsBounds = List.copyOf(logOddsBounds);
        }
    }

    /**
     * @param flagAuc the single-feature ROC-AUC at which a feature is flagged
     * @param flagProxyAuc the reconstruction ROC-AUC at which an excluded feature's proxy is flagged
     * @param features each feature's ROC-AUC alone on the training split
     * @param proxies how well the remaining features reconstruct each excluded one
     * @param findings the conclusions, in words
     */
    public record Leakage(double flagAuc, double flagProxyAuc, List<SingleFeature> features, List<Proxy> proxies,
            List<String> findings) {
        public Leakage {
            features = List.copyOf(features);
            proxies = List.copyOf(proxies);
            findings = List.copyOf(findings);
        }
    }

    /** A feature's ROC-AUC alone; see {@link Leakage}. */
    public record SingleFeature(String feature, boolean excluded, double rocAuc, String direction, boolean flagged) {
    }

    /**
     * How well the remaining features reconstruct an excluded one (validation split); see {@link Leakage}.
     *
     * @param carriers the features that carry it, peeled off most first
     */
    public record Proxy(String excluded, int predictors, double r2, double rocAuc, List<Carrier> carriers,
            boolean flagged) {
        public Proxy {
            carriers = List.copyOf(carriers);
        }
    }

    /** A feature that carries an excluded one, and what is left of the reconstruction without it (and those before it). */
    public record Carrier(String feature, double r2, double rocAuc) {
    }
}
