package org.magicsteps.model.training;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;
import org.magicsteps.model.report.ModelReport;

/** The report of a training run, assembled from what the steps produced. */
final class TrainingReport {

    private TrainingReport() {
    }

    /**
     * What the steps of one run produced, in the order they ran.
     *
     * @param trainOnlyTestProbabilities the test probabilities of the chosen model before the refit
     * @param absentShare for each included optional feature, the share of the sheet's students without it
     */
    record Run(TrainingData data, FeatureEngineering.Result engineered, ModelSelection.Search selection,
            ModelSelection.Candidate winner, ThresholdRule.Choice threshold, ModelReport.CrossValidation cv,
            List<ModelReport.Family> families, Refit refit, Evaluation evaluation, List<GroupEvaluation> groups,
            ModelReport.CalibrationSummary calibration, LeakageCheck.Result leakage, List<String> findings,
            ModelCard card, BundleExport.Exported exported, double[] trainOnlyTestProbabilities,
            Map<String, Double> absentShare, double seconds) {
    }

    static ModelReport of(TrainingOptions options, Run run) {
        TrainingData data = run.data();
        ModelSelection.Candidate winner = run.winner();
        Refit refit = run.refit();
        Evaluation evaluation = run.evaluation();
        ThresholdRule.Choice threshold = run.threshold();
        FeatureEngineering.Result engineered = run.engineered();
        ModelSelection.Search selection = run.selection();
        LeakageCheck.Result leakage = run.leakage();
        double[] trainOnlyP = run.trainOnlyTestProbabilities();
        boolean[] testY = TrainingData.targetsOf(data.test());
        Map<String, Double> trainOnly = new LinkedHashMap<>();
        trainOnly.put("roc_auc", BinaryMetrics.rocAuc(testY, trainOnlyP));
        trainOnly.put("pr_auc", BinaryMetrics.prAuc(testY, trainOnlyP));
        trainOnly.put("log_loss", BinaryMetrics.logLoss(testY, trainOnlyP));
        List<ModelReport.GridPoint> grid = selection.candidates().stream()
                .sorted(Comparator.comparingDouble(ModelSelection.Candidate::criterion))
                .map(c -> new ModelReport.GridPoint(c.spec().modelClass(), c.spec().hyperParameters(), c.fit().size(),
                        c.rawValidationLogLoss(), c.validationLogLoss(), c.validationRocAuc(), c.platt().text(),
                        c.fit().validationHistory(), c == winner, c.cv() == null ? null : c.cv().logLoss(),
                        c.cv() == null ? null : c.cv().rocAuc(), c.cv() == null ? null : c.cv().rocAucSd()))
                .toList();
        String version = run.exported().bundle().manifest().version();
        String modelClass = winner.spec().modelClass();
        return new ModelReport(
                options.name() + " (" + modelClass + "), trained on " + options.data().getFileName(),
                new ModelReport.ModelSummary(options.name(), version, modelClass, Provenance.hyperParameters(winner),
                        threshold.value(), threshold.rule(), refit.encoding().inputNames(),
                        List.copyOf(new TreeSet<>(engineered.plan().ignored())), options.command()),
                new ModelReport.DataSummary(options.data().getFileName().toString(), data.sheet().fingerprint(),
                        data.all().size(), data.sheet().positives(), splitCounts(data), List.of(), data.widened(),
                        imputation(refit.encoding())),
                String.format(Locale.ROOT, "the held-out test split: %d students (%d reached the PV) that no choice "
                        + "(features, hyper-parameters, boosting rounds, calibration, threshold) ever looked at",
                        evaluation.rows(), evaluation.positives()),
                evaluation, run.groups(), run.calibration(),
                new ModelReport.TrainingSummary(winner.validationLogLoss(), winner.validationRocAuc(), run.cv(), trainOnly,
                        "preprocessing (medians, modes, means, standard deviations, categories) and model refitted on "
                                + "train + validation (" + refit.rows().size() + " rows) with the chosen "
                                + "hyper-parameters and size; the calibration and the threshold are the ones chosen on "
                                + "validation with the train-only model",
                        engineered.steps(), grid, run.families(), run.exported().parity(), run.seconds()),
                new ModelReport.Leakage(LeakageCheck.FLAG_AUC, LeakageCheck.FLAG_PROXY_AUC,
                        leakage.features().stream().map(f -> new ModelReport.SingleFeature(f.feature(), f.excluded(),
                                f.rocAuc(), f.direction(), f.flagged())).toList(),
                        leakage.proxies().stream().map(p -> new ModelReport.Proxy(p.excluded(), p.predictors(), p.r2(),
                                p.rocAuc(), p.carriers().stream().map(c -> new ModelReport.Carrier(c.feature(), c.r2(),
                                        c.rocAuc())).toList(), p.flagged())).toList(),
                        run.findings()),
                run.card(),
                TrainingNotes.notes(evaluation, run.calibration(), options.exclude(), run.absentShare(), leakage,
                        winner.spec()));
    }

    private static Map<String, String> imputation(Encoding encoding) {
        Map<String, String> imputation = new LinkedHashMap<>();
        for (FeatureDefinition f : encoding.features()) {
            if (f.imputation() != null) {
                imputation.put(f.name(), Double.toString(f.imputation()));
            } else if (f.imputedCategory() != null) {
                imputation.put(f.name(), f.imputedCategory());
            }
        }
        return imputation;
    }

    private static Map<String, ModelReport.Counts> splitCounts(TrainingData data) {
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        counts.put("train", new ModelReport.Counts(data.train().size(), TrainingData.positivesOf(data.train())));
        counts.put("validation", new ModelReport.Counts(data.validation().size(),
                TrainingData.positivesOf(data.validation())));
        counts.put("test", new ModelReport.Counts(data.test().size(), TrainingData.positivesOf(data.test())));
        return counts;
    }

}
