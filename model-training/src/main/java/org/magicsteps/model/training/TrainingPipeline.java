package org.magicsteps.model.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.HeldOutJson;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;
import org.magicsteps.model.evaluation.LabelledSheet.Student;
import org.magicsteps.model.report.ModelReport;
import org.magicsteps.model.report.ReportWriter;

/**
 * Trains a model bundle from a labelled PEDE sheet, honestly. Each step is its own class; this
 * one runs them in order and hands each the results of the ones before:
 *
 * <ol>
 *   <li>{@link TrainingData}: reads the sheet (a row without a valid {@code Atingiu PV} or with an
 *       unreadable value stops the run) and splits it first: stratified 60 % train, 20 %
 *       validation, 20 % test, with the seed.</li>
 *   <li>{@link LeakageCheck}: each feature's ROC-AUC alone; what the remaining features know of an
 *       excluded one.</li>
 *   <li>{@link FeatureEngineering}: derived features and dropping {@code turma}, each kept when it
 *       lowers the best calibrated validation log-loss of a small logistic grid by 2 %.</li>
 *   <li>{@link ModelSelection}: every point of the {@link SearchSpace} (L2 logistic regression,
 *       boosted trees at several numbers of rounds, and their fits of IPV) judged by repeated
 *       cross-validation inside the training split; each also trained on the training split and
 *       calibrated on the validation split.</li>
 *   <li>{@link ThresholdRule}: the threshold, on the winner's calibrated validation probabilities.</li>
 *   <li>{@link CrossValidation}: 5-fold ROC-AUC of the winner's recipe on the training split.</li>
 *   <li>{@link Refit}: preprocessing and winner fitted again on train + validation; only now are
 *       the test rows read, once.</li>
 *   <li>{@link BundleExport}: the graph with the calibration inside, the manifest with its
 *       {@link ModelCards model card}, checked against the model before anything is written;
 *       then the report ({@link TrainingNotes} writes its prose).</li>
 *   <li>{@link LaterSheetsDrift}: with {@code --drift-data}, other years' sheets compared with the
 *       bundle's training reference, recorded in the model card.</li>
 * </ol>
 *
 * Imbalance is handled on training rows only, by class weights (a grid dimension); no row is
 * synthesised or duplicated anywhere.
 */
public final class TrainingPipeline {

    private final TrainingOptions options;
    private final Consumer<String> progress;
    private final SearchSpace space;

    private TrainingPipeline(TrainingOptions options, Consumer<String> progress, SearchSpace space) {
        this.options = options;
        this.progress = progress;
        this.space = space;
    }

    /**
     * Trains, writes the bundle and its report into {@code options.out()}, and returns what was done.
     *
     * @param progress receives one line per stage, for a console
     * @throws SheetException when the sheet cannot be read, lacks a column, or has unlabelled or invalid rows
     * @throws SheetException when the data cannot support training (too few of a class)
     */
    public static TrainingResult run(TrainingOptions options, Consumer<String> progress) {
        return run(options, progress, SearchSpace.DEFAULT);
    }

    /** The same with other grids (tests search a smaller space to stay fast). */
    static TrainingResult run(TrainingOptions options, Consumer<String> progress, SearchSpace space) {
        return new TrainingPipeline(options, progress, space).run();
    }

    private TrainingResult run() {
        long started = System.nanoTime();
        long seed = options.seed();
        TrainingData data = TrainingData.read(options, progress);

        LeakageCheck.Result leakage = LeakageCheck.run(data.specs(), options.exclude(), data.train(),
                data.validation());
        List<String> findings = TrainingNotes.leakageFindings(leakage, options.exclude());
        findings.forEach(f -> progress.accept("LEAKAGE: " + f));

        FeatureEngineering.Result engineered = FeatureEngineering.run(data, options.exclude(), space.featureGrid(),
                seed, progress);
        FeaturePlan plan = engineered.plan();

        ModelSelection.Search selection = ModelSelection.searchByCrossValidation(plan, space.modelGrid(), data, seed);
        ModelSelection.Candidate winner = selection.best();
        selection.bestPerFamily().forEach(c -> progress.accept(String.format(Locale.ROOT, "  best %-26s CV log-loss "
                + "%.4f, CV ROC-AUC %.3f ± %.3f; validation log-loss %.4f calibrated (%.4f raw), ROC-AUC %.3f: %s%s",
                c.spec().modelClass(), c.cv().logLoss(), c.cv().rocAuc(), c.cv().rocAucSd(), c.validationLogLoss(),
                c.rawValidationLogLoss(), c.validationRocAuc(), c.spec().text(),
                c.fit().size() > 0 ? " rounds=" + c.fit().size() : "")));
        progress.accept(String.format(Locale.ROOT, "model selection: %d candidates by %d x %d-fold cross-validation "
                + "inside the training split; chosen %s%s (CV log-loss %.4f, CV ROC-AUC %.3f; validation log-loss "
                + "%.4f, ROC-AUC %.3f; Platt %s)", selection.candidates().size(), ModelSelection.SELECTION_REPEATS,
                ModelSelection.SELECTION_FOLDS, winner.spec().text(),
                winner.fit().size() > 0 ? " rounds=" + winner.fit().size() : "", winner.cv().logLoss(),
                winner.cv().rocAuc(), winner.validationLogLoss(), winner.validationRocAuc(), winner.platt().text()));

        boolean[] validationY = TrainingData.targetsOf(data.validation());
        double[] validationP = Refit.served(winner.calibrated(), selection.encoding(), data.validation());
        ThresholdRule.Choice threshold = new ThresholdRule(options.minRecall()).choose(validationY, validationP);
        progress.accept(String.format(Locale.ROOT, "threshold %.4f: %s", threshold.value(), threshold.rule()));

        List<ModelReport.Family> families = new ArrayList<>();
        for (ModelSelection.Candidate best : selection.bestPerFamily()) {
            ModelReport.CrossValidation familyCv = CrossValidation.run(plan, best.spec(), best.fit().size(), data, seed);
            families.add(new ModelReport.Family(best.spec().modelClass(), best.spec().text(), best.validationLogLoss(),
                    best.validationRocAuc(), familyCv, best == winner));
            progress.accept(String.format(Locale.ROOT, "  %d-fold CV ROC-AUC of the best %s: %.3f ± %.3f",
                    CrossValidation.FOLDS, best.spec().modelClass(), familyCv.mean(), familyCv.sd()));
        }
        ModelReport.CrossValidation cv = families.stream().filter(ModelReport.Family::chosen).findFirst().orElseThrow()
                .crossValidation();
        progress.accept(String.format(Locale.ROOT, "%d-fold cross-validated ROC-AUC on the training split: %.3f ± %.3f",
                CrossValidation.FOLDS, cv.mean(), cv.sd()));

        // The refit on train + validation. The test rows are read from here on, once.
        Refit refit = Refit.of(plan, winner, data, seed);
        List<Student> test = data.test();
        boolean[] testY = TrainingData.targetsOf(test);
        double[] testP = refit.served(test);
        Evaluation evaluation = Evaluation.of(testY, testP, threshold.value(), seed);
        Evaluation uncalibrated = Evaluation.of(testY, refit.uncalibrated(test), threshold.value(), seed);
        List<GroupEvaluation> groups = GroupEvaluation.of(test, testP, threshold.value(), seed);
        double[] trainOnlyP = Refit.served(winner.calibrated(), selection.encoding(), test);

        double[][] box = refit.encoding().inputBounds();
        double[] bounds = refit.calibrated().bounds(box[0], box[1]);
        ModelReport.CalibrationSummary calibration = new ModelReport.CalibrationSummary("Platt scaling",
                validationRowsText(data), winner.platt().scale(), winner.platt().shift(), ScoreGraph.LOG_ODDS_LIMIT,
                winner.rawValidationLogLoss(), winner.validationLogLoss(), uncalibrated,
                List.of(bounds[0], bounds[1]));
        Map<String, Double> absentShare = absentShare(data);
        ModelCards.Facts facts = new ModelCards.Facts(readFeatures(refit), winner.spec(), data,
                new ModelReport.Counts(refit.rows().size(), TrainingData.positivesOf(refit.rows())), evaluation,
                groups, calibration, cv, absentShare);
        ModelCard card = ModelCards.of(facts);

        BundleExport.Graph graph = BundleExport.graph(options.name(), refit, winner.spec(), winner.fit().size());
        TrainingProvenance provenance = Provenance.of(options, data, plan, winner, refit.rows().size());
        BundleExport.Exported exported = BundleExport.export(options.name(), graph, refit, winner.spec().modelClass(),
                new DecisionThreshold(threshold.value(), threshold.rule()), provenance,
                Provenance.metrics(evaluation, cv, winner),
                BundleExport.calibration(winner.platt(), validationRowsText(data)), card, test, testP, options.seed());
        if (!options.driftData().isEmpty()) {
            // The reference is the exported bundle's own histograms, so that the card says what drift would.
            card = ModelCards.of(facts, LaterSheetsDrift.measure(exported.bundle(), options.driftData(), progress));
            exported = exported.withCard(card);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        ModelReport report = TrainingReport.of(options, new TrainingReport.Run(data, engineered, selection, winner,
                threshold, cv, families, refit, evaluation, groups, calibration, leakage, findings, card, exported,
                trainOnlyP, absentShare, seconds));
        Path out = options.out();
        // What every threshold does on the test split, for whoever later moves the threshold.
        ModelBundle bundle = exported.bundle().withHeldOut(HeldOutEvaluation.of(report.evaluatedOn(), testY, testP));
        bundle.save(out);
        List<String> written = new ArrayList<>(List.of(ModelBundle.MANIFEST_FILE, bundle.manifest().onnx().file(),
                HeldOutJson.FILE));
        written.addAll(ReportWriter.write(report, out));
        progress.accept(String.format(Locale.ROOT, "trained in %.1f s", seconds));
        return new TrainingResult(out, bundle, report, written,
                new TrainingResult.Trace(lines(data.train()), lines(data.validation()), lines(test),
                        lines(refit.rows()), validationY, validationP, testP, refit.raw(), winner.platt().scale(),
                        winner.platt().shift()));
    }

    private static String validationRowsText(TrainingData data) {
        return String.format(Locale.ROOT, "the validation split: %d students, %d reached the PV",
                data.validation().size(), TrainingData.positivesOf(data.validation()));
    }

    /** The raw features the shipped model reads (directly or through a derived input). */
    private static Set<String> readFeatures(Refit refit) {
        Set<String> read = new LinkedHashSet<>();
        for (FeatureDefinition f : refit.encoding().features()) {
            if (f.transform().width() > 0) {
                read.add(f.name());
            }
        }
        refit.encoding().derived().forEach(d -> read.addAll(d.expression().inputs()));
        return read;
    }

    /** For each included (optional) feature, the share of the sheet's students without it. */
    private Map<String, Double> absentShare(TrainingData data) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String feature : new TreeSet<>(options.include())) {
            long absent = data.all().stream().filter(s -> !s.features().has(feature)).count();
            shares.put(feature, (double) absent / data.all().size());
        }
        return shares;
    }

    private static List<Integer> lines(List<Student> rows) {
        return rows.stream().map(Student::line).toList();
    }
}
