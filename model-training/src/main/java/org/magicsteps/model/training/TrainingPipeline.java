package org.magicsteps.model.training;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.commons.codec.digest.DigestUtils;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.HeldOutJson;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.LabelledSheet;
import org.magicsteps.model.evaluation.LabelledSheet.Student;
import org.magicsteps.model.report.ModelReport;
import org.magicsteps.model.report.ReportWriter;

/**
 * Trains a model bundle from a labelled PEDE sheet, honestly:
 *
 * <ol>
 *   <li>Reads the sheet; a row without a valid {@code Atingiu PV} or with an unreadable value
 *       stops the run, with the count and the lines.</li>
 *   <li>Splits first: stratified 60 % train, 20 % validation, 20 % test, with the seed.</li>
 *   <li>Checks for leakage (each feature's ROC-AUC alone; what the remaining features know of an
 *       excluded one).</li>
 *   <li>Feature engineering: starting from the raw features, tries each candidate step in turn
 *       (derived features of the original pipeline; dropping {@code turma}) and keeps it when the
 *       best validation log-loss over the logistic grid falls by at least
 *       {@value #MIN_RELATIVE_GAIN_PERCENT} %.</li>
 *   <li>Model selection: every point of the grid (logistic regression and factorization machines,
 *       penalties, class weightings) is trained on the training split with early stopping on the
 *       validation split; the lowest validation log-loss wins.</li>
 *   <li>The threshold is chosen on the winner's validation predictions ({@link ThresholdRule}).</li>
 *   <li>Stability: 5-fold cross-validated ROC-AUC of the winner's recipe on the training split,
 *       the preprocessing refitted inside every fold.</li>
 *   <li>Refit: the preprocessing (imputation, scaling, categories) and the winner (same
 *       hyper-parameters and epochs) are fitted again on train + validation; that is the shipped
 *       model. Only now are the test rows read, once, to evaluate it.</li>
 *   <li>Export: the ONNX graph and the manifest; the bundle is opened with {@link OnnxPredictor}
 *       and its probabilities on the test rows must equal Tribuo's own within 1e-6.</li>
 * </ol>
 *
 * Imbalance is handled on training rows only, by example weights (a grid dimension); no row is
 * synthesised or duplicated anywhere.
 */
public final class TrainingPipeline {

    static final double VALIDATION_FRACTION = 0.2;
    static final double TEST_FRACTION = 0.2;
    static final int FOLDS = 5;
    static final double MIN_RELATIVE_GAIN_PERCENT = 2.0;
    static final double PARITY_TOLERANCE = 1e-6;
    /** Each class needs this many rows, so that every split and every fold holds some. */
    static final int MIN_CLASS_ROWS = 10;

    /**
     * The grids searched: a small logistic grid judges feature engineering, the full grid chooses
     * the model.
     *
     * @param featureGrid the specs tried for each feature-engineering step
     * @param modelGrid the specs of the final model selection
     */
    record SearchSpace(List<ModelSpec> featureGrid, List<ModelSpec> modelGrid) {
        static final SearchSpace DEFAULT = new SearchSpace(logisticGrid(List.of(0.1, 0.5)),
                fullModelGrid());
    }

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
     * @throws IllegalArgumentException when the data cannot support training (too few of a class)
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
        Set<String> excluded = options.exclude();
        LabelledSheet sheet = LabelledSheet.read(options.data(), options.sheet(), lenientSchema(),
                requiredColumns(excluded), false);
        List<Student> all = sheet.students();
        boolean[] targets = sheet.targets();
        long positives = sheet.positives();
        requireBothClasses(positives, all.size() - positives);
        progress.accept(String.format(Locale.ROOT, "read %d labelled rows from %s: %d reached the Ponto de Virada "
                + "(%.1f %%)", all.size(), options.data().getFileName(), positives, 100.0 * positives / all.size()));

        List<String> widened = new ArrayList<>();
        List<FeatureSpec> specs = validationSpecs(all, excluded, widened);
        widened.forEach(w -> progress.accept("validation bounds widened: " + w));

        StratifiedSplit split = StratifiedSplit.of(targets, VALIDATION_FRACTION, TEST_FRACTION, options.seed());
        List<Student> train = rows(all, split.train());
        List<Student> validation = rows(all, split.validation());
        List<Student> test = rows(all, split.test());
        progress.accept(String.format(Locale.ROOT, "split (seed %d): train %s, validation %s, test %s",
                options.seed(), counts(train), counts(validation), counts(test)));

        LeakageCheck.Result leakage = LeakageCheck.run(specs, excluded, train, validation);
        List<String> leakageFindings = leakageFindings(leakage, excluded);
        leakageFindings.forEach(f -> progress.accept("LEAKAGE: " + f));

        // Feature engineering, judged on validation with the logistic grid.
        Set<String> usable = new LinkedHashSet<>(OriginalFeatures.NAMES);
        usable.removeAll(excluded);
        FeaturePlan plan = new FeaturePlan(excluded, List.of());
        Search current = search(plan, space.featureGrid(), specs, train, validation);
        progress.accept(String.format(Locale.ROOT, "feature engineering: raw features, best validation log-loss %.4f",
                current.best().validationLogLoss()));
        List<ModelReport.FeatureStep> steps = new ArrayList<>();
        for (FeaturePlan.Step step : FeaturePlan.candidateSteps(usable)) {
            FeaturePlan tried = step.applyTo(plan);
            Search with = search(tried, space.featureGrid(), specs, train, validation);
            double before = current.best().validationLogLoss();
            double after = with.best().validationLogLoss();
            boolean kept = after <= before * (1 - MIN_RELATIVE_GAIN_PERCENT / 100);
            steps.add(new ModelReport.FeatureStep(step.name(), step.description(), before, after, kept));
            progress.accept(String.format(Locale.ROOT, "  %-24s %.4f -> %.4f  %s", step.name(), before, after,
                    kept ? "kept" : "not kept"));
            if (kept) {
                plan = tried;
                current = with;
            }
        }

        // Model selection over the whole grid, with the features kept.
        Search selection = search(plan, space.modelGrid(), specs, train, validation);
        EarlyStopping.Outcome winner = selection.best();
        progress.accept(String.format(Locale.ROOT, "model selection: %d grid points; best %s epochs=%d "
                + "(validation log-loss %.4f, ROC-AUC %.3f)", selection.outcomes().size(), winner.spec().text(),
                winner.epochs(), winner.validationLogLoss(), winner.validationRocAuc()));

        boolean[] validationY = targetsOf(validation);
        double[] validationP = winner.model().probabilities(selection.encoding().encode(validation));
        ThresholdRule.Choice threshold = new ThresholdRule(options.minRecall()).choose(validationY, validationP);
        progress.accept(String.format(Locale.ROOT, "threshold %.4f: %s", threshold.value(), threshold.rule()));

        ModelReport.CrossValidation cv = crossValidate(plan, winner, specs, all, targets, split.train());
        progress.accept(String.format(Locale.ROOT, "%d-fold cross-validated ROC-AUC on the training split: %.3f ± %.3f",
                FOLDS, cv.mean(), cv.sd()));

        // The refit: preprocessing and model again on train + validation. Test rows are read only below.
        List<Student> refitRows = new ArrayList<>(train);
        refitRows.addAll(validation);
        Encoding finalEncoding = Encoding.fit(plan, specs, refitRows);
        FittedModel finalModel = FittedModel.train(winner.spec(), winner.epochs(), finalEncoding.encode(refitRows),
                targetsOf(refitRows), options.seed());

        boolean[] testY = targetsOf(test);
        float[][] testX = finalEncoding.encode(test);
        double[] testP = finalModel.probabilities(testX);
        Evaluation evaluation = Evaluation.of(testY, testP, threshold.value(), options.seed());
        double[] trainOnlyTestP = winner.model().probabilities(selection.encoding().encode(test));
        Map<String, Double> trainOnly = new LinkedHashMap<>();
        trainOnly.put("roc_auc", BinaryMetrics.rocAuc(testY, trainOnlyTestP));
        trainOnly.put("pr_auc", BinaryMetrics.prAuc(testY, trainOnlyTestP));
        trainOnly.put("log_loss", BinaryMetrics.logLoss(testY, trainOnlyTestP));

        byte[] onnx = finalModel.onnx();
        String version = options.name() + "-" + DigestUtils.sha256Hex(onnx).substring(0, 12);
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, options.name(), version,
                Instant.now(), winner.spec().modelClass(), ModelBundle.countParameters(onnx),
                new OnnxSpec("model.onnx", "input", List.of(OnnxSpec.DYNAMIC, (long) finalEncoding.width()), "output",
                        List.of(OnnxSpec.DYNAMIC, (long) finalModel.outputColumns()), OutputKind.PROBABILITY,
                        finalModel.positiveIndex()),
                new DecisionThreshold(threshold.value(), threshold.rule()),
                finalEncoding.features(),
                provenance(sheet, refitRows.size(), winner, plan, split, all),
                metrics(evaluation, cv, winner),
                finalEncoding.derived());
        String evaluatedOn = String.format(Locale.ROOT, "the held-out test split: %d students (%d reached the PV) "
                + "that no choice (features, hyper-parameters, epochs, threshold) ever looked at", test.size(),
                evaluation.positives());
        ModelBundle bundle = ModelBundle.of(manifest, onnx)
                .withHeldOut(HeldOutEvaluation.of(evaluatedOn, testY, testP));
        double parity = parity(bundle, test, testP);

        double seconds = (System.nanoTime() - started) / 1e9;
        List<ModelReport.GridPoint> grid = selection.outcomes().stream()
                .sorted(Comparator.comparingDouble(EarlyStopping.Outcome::validationLogLoss))
                .map(o -> new ModelReport.GridPoint(o.spec().modelClass(), o.spec().hyperParameters(), o.epochs(),
                        o.validationLogLoss(), o.validationRocAuc(), tried(o), o == winner))
                .toList();
        ModelReport report = new ModelReport(
                options.name() + " (" + winner.spec().modelClass() + "), trained on " + options.data().getFileName(),
                new ModelReport.ModelSummary(options.name(), version, winner.spec().modelClass(),
                        withEpochs(winner), threshold.value(), threshold.rule(), finalEncoding.inputNames(),
                        List.copyOf(new TreeSet<>(plan.ignored())), options.command()),
                new ModelReport.DataSummary(options.data().getFileName().toString(), sheet.fingerprint(), all.size(),
                        positives, splitCounts(train, validation, test), List.of(), widened, imputation(finalEncoding)),
                evaluatedOn,
                evaluation,
                new ModelReport.TrainingSummary(winner.validationLogLoss(), winner.validationRocAuc(), cv, trainOnly,
                        "preprocessing (medians, modes, means, standard deviations, categories) and model refitted on "
                                + "train + validation (" + refitRows.size() + " rows) with the chosen hyper-parameters "
                                + "and epochs; the threshold is the one chosen on validation with the train-only model",
                        steps, grid, parity, seconds),
                new ModelReport.Leakage(LeakageCheck.FLAG_AUC, LeakageCheck.FLAG_PROXY_AUC,
                        leakage.features().stream().map(f -> new ModelReport.SingleFeature(f.feature(), f.excluded(),
                                f.rocAuc(), f.direction(), f.flagged())).toList(),
                        leakage.proxies().stream().map(p -> new ModelReport.Proxy(p.excluded(), p.predictors(), p.r2(),
                                p.rocAuc(), p.carriers().stream().map(c -> new ModelReport.Carrier(c.feature(), c.r2(),
                                        c.rocAuc())).toList(), p.flagged())).toList(),
                        leakageFindings),
                notes(evaluation, excluded, leakage, winner.epochs(), winner.spec().weighting()));
        Path out = options.out();
        bundle.save(out);
        List<String> written = new ArrayList<>(List.of(ModelBundle.MANIFEST_FILE, manifest.onnx().file(), HeldOutJson.FILE));
        written.addAll(ReportWriter.write(report, out));
        progress.accept(String.format(Locale.ROOT, "trained in %.1f s", seconds));
        return new TrainingResult(out, bundle, report, written,
                new TrainingResult.Trace(lines(train), lines(validation), lines(test), lines(refitRows),
                        validationY, validationP, testP));
    }

    /** Trains every spec of {@code grid} on {@code train} with the preprocessing of {@code plan} fitted on {@code train}. */
    private Search search(FeaturePlan plan, List<ModelSpec> grid, List<FeatureSpec> specs, List<Student> train,
            List<Student> validation) {
        Encoding encoding = Encoding.fit(plan, specs, train);
        float[][] trainX = encoding.encode(train);
        boolean[] trainY = targetsOf(train);
        float[][] validationX = encoding.encode(validation);
        boolean[] validationY = targetsOf(validation);
        List<EarlyStopping.Outcome> outcomes = new ArrayList<>();
        for (ModelSpec spec : grid) {
            outcomes.add(EarlyStopping.run(spec, trainX, trainY, validationX, validationY, options.seed()));
        }
        return new Search(encoding, outcomes);
    }

    private record Search(Encoding encoding, List<EarlyStopping.Outcome> outcomes) {
        EarlyStopping.Outcome best() {
            return outcomes.stream().min(Comparator.comparingDouble(EarlyStopping.Outcome::validationLogLoss))
                    .orElseThrow();
        }
    }

    private ModelReport.CrossValidation crossValidate(FeaturePlan plan, EarlyStopping.Outcome winner,
            List<FeatureSpec> specs, List<Student> all, boolean[] targets, List<Integer> trainRows) {
        List<List<Integer>> folds = StratifiedSplit.folds(targets, trainRows, FOLDS, options.seed() + 1);
        List<Double> aucs = new ArrayList<>();
        for (List<Integer> heldOut : folds) {
            Set<Integer> held = Set.copyOf(heldOut);
            List<Student> fit = rows(all, trainRows.stream().filter(i -> !held.contains(i)).toList());
            List<Student> judge = rows(all, heldOut);
            Encoding encoding = Encoding.fit(plan, specs, fit);
            FittedModel model = FittedModel.train(winner.spec(), winner.epochs(), encoding.encode(fit), targetsOf(fit),
                    options.seed());
            aucs.add(BinaryMetrics.rocAuc(targetsOf(judge), model.probabilities(encoding.encode(judge))));
        }
        double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (aucs.size() - 1));
        return new ModelReport.CrossValidation(FOLDS, aucs, mean, sd);
    }

    /** The largest difference between the bundle's ONNX probabilities and Tribuo's, on the test rows. */
    private static double parity(ModelBundle bundle, List<Student> test, double[] tribuo) {
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            double[] onnx = predictor.probabilities(test.stream().map(Student::features).toList());
            double worst = 0;
            for (int i = 0; i < onnx.length; i++) {
                worst = Math.max(worst, Math.abs(onnx[i] - tribuo[i]));
            }
            if (worst > PARITY_TOLERANCE) {
                throw new IllegalStateException("the exported ONNX graph disagrees with Tribuo's model by " + worst
                        + " on the test rows; the bundle was not written");
            }
            return worst;
        }
    }

    /**
     * The bundle's validation rules: the original API's bounds, widened where the sheet holds a
     * value outside them; categories the sheet adds are appended. A feature is required unless it
     * is excluded or some row lacks it (then serving imputes it, as training did).
     */
    private static List<FeatureSpec> validationSpecs(List<Student> all, Set<String> excluded, List<String> widened) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureSpec original : OriginalFeatures.SPECS) {
            String name = original.name();
            boolean missingSomewhere = all.stream().anyMatch(s -> !s.features().has(name));
            boolean required = !excluded.contains(name) && !missingSomewhere;
            String description = original.description() + (excluded.contains(name)
                    ? " (accepted but not read by this model: it was trained with --exclude " + name + ")" : "");
            if (original.type().isNumeric()) {
                double min = original.minimum();
                double max = original.maximum();
                for (Student s : all) {
                    var value = s.features().number(name);
                    if (value.isPresent()) {
                        min = Math.min(min, value.getAsDouble());
                        max = Math.max(max, value.getAsDouble());
                    }
                }
                if (min != original.minimum() || max != original.maximum()) {
                    widened.add(name + ": the original API's " + original.rangeText() + " widened to "
                            + FeatureSpec.decimal(name, "", min, max).rangeText() + " (the sheet holds values outside it)");
                }
                specs.add(new FeatureSpec(name, original.type(), description, min, max, List.of(), required, false));
            } else {
                Set<String> categories = new LinkedHashSet<>(original.categories());
                all.forEach(s -> s.features().category(name).ifPresent(categories::add));
                if (categories.size() > original.categories().size() && !original.acceptsUnknownCategory()) {
                    List<String> added = categories.stream().filter(c -> !original.categories().contains(c)).toList();
                    widened.add(name + ": categories " + added + " added to the original API's "
                            + original.categories() + " (the sheet holds them)");
                }
                specs.add(new FeatureSpec(name, FeatureType.CATEGORICAL, description, null, null,
                        List.copyOf(categories), required, original.acceptsUnknownCategory()));
            }
        }
        return specs;
    }

    /** Type checks only: the bounds are decided after reading (and widened where the data demand). */
    private static FeatureSchema lenientSchema() {
        return new FeatureSchema(OriginalFeatures.SPECS.stream().map(s -> new FeatureSpec(s.name(), s.type(),
                s.description(), null, null, s.categories(), false, !s.type().isNumeric())).toList());
    }

    private static Set<String> requiredColumns(Set<String> excluded) {
        Set<String> required = new LinkedHashSet<>(OriginalFeatures.NAMES);
        required.removeAll(excluded);
        return required;
    }

    private static void requireBothClasses(long positives, long negatives) {
        if (positives < MIN_CLASS_ROWS || negatives < MIN_CLASS_ROWS) {
            throw new IllegalArgumentException("training needs at least " + MIN_CLASS_ROWS + " students of each class "
                    + "so that every split and fold holds some; the sheet has " + positives + " who reached the Ponto "
                    + "de Virada and " + negatives + " who did not");
        }
    }

    private TrainingProvenance provenance(LabelledSheet sheet, int rows, EarlyStopping.Outcome winner,
            FeaturePlan plan, StratifiedSplit split, List<Student> all) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("excluded_features", String.join(",", new TreeSet<>(options.exclude())));
        details.put("ignored_features", String.join(",", new TreeSet<>(plan.ignored())));
        details.put("derived_features", String.join(",", plan.derived().stream().map(FeaturePlan.Derived::name).toList()));
        details.put("model", winner.spec().modelClass());
        withEpochs(winner).forEach((k, v) -> details.put("hyper_parameter." + k, v));
        details.put("optimiser", String.format(Locale.ROOT, "AdaGrad(epsilon=%s), minibatch 1, regularised by early "
                + "stopping", ModelSpec.EPSILON));
        details.put("rows_in_file", Integer.toString(all.size()));
        details.put("split", String.format(Locale.ROOT, "stratified train/validation/test %d/%d/%d (fractions %.2f/%.2f/"
                + "%.2f)", split.train().size(), split.validation().size(), split.test().size(),
                1 - VALIDATION_FRACTION - TEST_FRACTION, VALIDATION_FRACTION, TEST_FRACTION));
        details.put("refit", "train + validation (" + rows + " rows)");
        details.put("sheet", options.sheet() == null ? "(first)" : options.sheet());
        details.putAll(Versions.all());
        return new TrainingProvenance("magic-steps train", options.command(),
                sheet.file().getFileName().toString(), sheet.fingerprint(), (long) rows, options.seed(), details);
    }

    private static Map<String, String> withEpochs(EarlyStopping.Outcome outcome) {
        Map<String, String> parameters = new LinkedHashMap<>(outcome.spec().hyperParameters());
        parameters.put("epochs", Integer.toString(outcome.epochs()));
        return parameters;
    }

    private static Map<String, Double> metrics(Evaluation evaluation, ModelReport.CrossValidation cv,
            EarlyStopping.Outcome winner) {
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.asMetrics("test_"));
        metrics.put("cv_roc_auc_mean", cv.mean());
        metrics.put("cv_roc_auc_sd", cv.sd());
        metrics.put("validation_log_loss", winner.validationLogLoss());
        metrics.put("validation_roc_auc", winner.validationRocAuc());
        return metrics;
    }

    private static List<String> leakageFindings(LeakageCheck.Result leakage, Set<String> excluded) {
        List<String> findings = new ArrayList<>();
        for (LeakageCheck.SingleFeature f : leakage.flagged()) {
            findings.add(String.format(Locale.ROOT, "%s alone has ROC-AUC %.3f on the training split (>= %.2f)%s", f.feature(),
                    f.rocAuc(), LeakageCheck.FLAG_AUC, f.excluded() ? "; it is excluded from this model"
                            : "; this model reads it, so its predictions mostly restate it: train with --exclude "
                                    + f.feature() + " for an early warning made before it is measured"));
        }
        // Only proxies strong enough to flag make a finding; the report's table lists them all.
        for (LeakageCheck.Proxy p : leakage.proxies().stream().filter(LeakageCheck.Proxy::flagged).toList()) {
            StringBuilder finding = new StringBuilder(String.format(Locale.ROOT, "%s is excluded, but the other "
                    + "features reconstruct it with R² %.2f, and that reconstruction alone reaches ROC-AUC %.3f on the "
                    + "validation split", p.excluded(), p.r2(), p.rocAuc()));
            finding.append(p.flagged() ? ": the model is not free of " + p.excluded() : "");
            if (!p.carriers().isEmpty()) {
                finding.append(". Peeling off what carries it: ");
                finding.append(String.join("; ", p.carriers().stream().map(c -> String.format(Locale.ROOT,
                        "without %s R² %.2f, ROC-AUC %.3f", c.feature(), c.r2(), c.rocAuc())).toList()));
            }
            findings.add(finding.append('.').toString());
        }
        for (String source : new TreeSet<>(excluded)) {
            List<String> read = OriginalFeatures.computedFrom(source).stream().filter(f -> !excluded.contains(f))
                    .toList();
            if (read.isEmpty()) {
                continue;
            }
            Set<String> strict = new TreeSet<>(excluded);
            strict.addAll(read);
            findings.add("By the PEDE methodology " + String.join(", ", read) + " are computed from " + source
                    + " (" + String.join("; ", read.stream().map(OriginalFeatures.DERIVATIONS::get).toList())
                    + "), and this model reads them: it is not free of " + source + ", and they exist only once "
                    + source + " is measured. A model free of it: --exclude " + String.join(",", strict) + ".");
        }
        return findings;
    }

    private static List<String> notes(Evaluation evaluation, Set<String> excluded, LeakageCheck.Result leakage,
            int winnerEpochs, ModelSpec.Weighting weighting) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "The test split holds only %d students who reached the PV: every test "
                + "metric comes with a 95 %% bootstrap interval, and the intervals, not the second decimals, are the "
                + "result.", evaluation.positives()));
        if (evaluation.degenerateIntervalsNote() != null) {
            notes.add(evaluation.degenerateIntervalsNote());
        }
        notes.add(weighting == ModelSpec.Weighting.NONE
                ? "Class weights (positives weighing √(neg/pos) or neg/pos, on training rows only) were a grid dimension;"
                        + " the validation log-loss preferred unweighted training, which keeps the probabilities "
                        + "calibrated, so the imbalance is handled by the threshold chosen on validation."
                : "Positives weighed " + weighting.label() + " in training (training rows only, no row synthesised): "
                        + "the probabilities lean towards the positive class, so read them as scores, and the "
                        + "calibration chart before reading them as chances.");
        if (winnerEpochs == EarlyStopping.MAX_EPOCHS) {
            notes.add("Early stopping reached its cap of " + EarlyStopping.MAX_EPOCHS + " epochs with the validation "
                    + "log-loss still falling slowly: the chosen model is close to the unpenalised fit, which the "
                    + "validation split preferred to every shorter run.");
        }
        notes.add("Choices were made on the validation split (features, hyper-parameters, epochs, threshold), so "
                + "validation figures are optimistic; the test figures are not, but they describe one small sample.");
        boolean readsFlagged = leakage.flagged().stream().anyMatch(f -> !f.excluded());
        if (readsFlagged) {
            notes.add("This model reads a feature that practically defines the target (see the leakage check): its "
                    + "scores are near perfect because the answer is among its inputs, not because it foresees anything.");
        }
        if (!excluded.isEmpty()) {
            notes.add("Excluded features (" + String.join(", ", new TreeSet<>(excluded)) + ") are still accepted by "
                    + "the API, as optional, and ignored by the model.");
        }
        return notes;
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

    private static Map<String, ModelReport.Counts> splitCounts(List<Student> train, List<Student> validation,
            List<Student> test) {
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        counts.put("train", countsOf(train));
        counts.put("validation", countsOf(validation));
        counts.put("test", countsOf(test));
        return counts;
    }

    private static ModelReport.Counts countsOf(List<Student> rows) {
        return new ModelReport.Counts(rows.size(), rows.stream().filter(Student::reached).count());
    }

    private static String counts(List<Student> rows) {
        return rows.size() + " (" + rows.stream().filter(Student::reached).count() + " reached)";
    }

    private static String tried(EarlyStopping.Outcome outcome) {
        return String.join(" ", outcome.tried().stream()
                .map(t -> String.format(Locale.ROOT, "%d:%.4f", (int) t[0], t[1])).toList());
    }

    private static List<Student> rows(List<Student> all, List<Integer> indices) {
        return indices.stream().map(all::get).toList();
    }

    private static List<Integer> lines(List<Student> rows) {
        return rows.stream().map(Student::line).toList();
    }

    static boolean[] targetsOf(List<Student> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).reached();
        }
        return y;
    }

    static List<ModelSpec> logisticGrid(List<Double> learningRates) {
        List<ModelSpec> grid = new ArrayList<>();
        for (ModelSpec.Weighting weighting : ModelSpec.Weighting.values()) {
            for (double rate : learningRates) {
                grid.add(new ModelSpec.Logistic(rate, weighting));
            }
        }
        return List.copyOf(grid);
    }

    private static List<ModelSpec> fullModelGrid() {
        List<ModelSpec> grid = new ArrayList<>(logisticGrid(List.of(0.05, 0.2, 1.0)));
        for (ModelSpec.Weighting weighting : ModelSpec.Weighting.values()) {
            for (int factors : new int[] {2, 4}) {
                for (double rate : new double[] {0.05, 0.2}) {
                    grid.add(new ModelSpec.FactorizationMachine(factors, rate, weighting));
                }
            }
        }
        return List.copyOf(grid);
    }
}
