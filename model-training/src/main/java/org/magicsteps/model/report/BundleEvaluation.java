package org.magicsteps.model.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;
import org.magicsteps.model.evaluation.LabelledSheet;

/**
 * Evaluates any bundle (one trained here, or the original service's export) on any labelled
 * PEDE sheet: the report's metrics with bootstrap intervals, at the bundle's threshold or a given
 * one. What {@code magic-steps evaluate} runs.
 *
 * <p>The figures are only as honest as the data: on the rows a model was trained on they are
 * optimistic. When the sheet's fingerprint equals the one the bundle records as its training
 * data, the report says so first.
 */
public final class BundleEvaluation {

    /** The bootstrap seed: fixed, so that the same bundle on the same file gives the same intervals. */
    public static final long BOOTSTRAP_SEED = 42L;

    private BundleEvaluation() {
    }

    /**
     * @param sheetName the workbook's sheet, or {@code null} for the first
     * @param threshold the decision threshold, or {@code null} for the bundle's
     * @param skipInvalid whether rows whose features break the bundle's rules are skipped (and
     *     counted) rather than stopping the evaluation
     * @throws SheetException when the file cannot be read, lacks a required column, has a row
     *     without a valid target, or (unless skipping) has an invalid row
     * @throws org.magicsteps.model.ModelLoadException when the bundle's graph does not load
     * @throws IllegalArgumentException when the threshold is outside [0, 1] or the sheet lacks a class
     */
    public static ModelReport evaluate(ModelBundle bundle, Path data, String sheetName, Double threshold,
            boolean skipInvalid) {
        Objects.requireNonNull(bundle, "bundle");
        BundleManifest manifest = bundle.manifest();
        double cut = threshold == null ? manifest.threshold().value() : threshold;
        if (!(cut >= 0 && cut <= 1)) {
            throw new IllegalArgumentException("--threshold: " + threshold + " is not between 0 and 1");
        }
        LabelledSheet sheet;
        double[] probabilities;
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            // The rules the model is served with (the PEDE domain), so that evaluate accepts what score accepts.
            FeatureSchema schema = predictor.schema();
            Set<String> required = schema.features().stream().filter(FeatureSpec::required)
                    .map(FeatureSpec::name).collect(Collectors.toSet());
            sheet = LabelledSheet.read(data, sheetName, schema, required, skipInvalid);
            probabilities = predictor.probabilities(sheet.students().stream().map(LabelledSheet.Student::features)
                    .toList());
        }
        boolean[] truth = sheet.targets();
        Evaluation evaluation = Evaluation.of(truth, probabilities, cut, BOOTSTRAP_SEED);

        boolean trainedOnThisFile = sheet.fingerprint().equals(manifest.training().dataFingerprint());
        List<String> notes = new ArrayList<>();
        if (trainedOnThisFile) {
            notes.add("This is the file the model was trained on (same SHA-256 as the manifest's "
                    + "training.data_fingerprint): " + manifest.training().rows() + " of these rows were used to fit "
                    + "it, so these figures are optimistic. The bundle's own report measures it on its held-out test "
                    + "split.");
        } else if (manifest.training().dataFile() != null) {
            notes.add("The bundle was trained on " + manifest.training().dataFile() + " ("
                    + manifest.training().rows() + " rows), a different file than this one; if this sheet holds some "
                    + "of the same students (the same sheet saved as CSV, say), these figures are optimistic.");
        } else if (manifest.training().dataFingerprint() == null) {
            notes.add("The bundle does not record its training data, so these rows may include students it was "
                    + "trained on; if so, the figures are optimistic.");
        }
        notes.add(String.format(Locale.ROOT, "%d students, %d of whom reached the PV: the 95 %% intervals come from %d "
                + "stratified bootstrap resamples.", evaluation.rows(), evaluation.positives(), Evaluation.RESAMPLES));
        if (evaluation.degenerateIntervalsNote() != null) {
            notes.add(evaluation.degenerateIntervalsNote());
        }
        if (threshold != null) {
            notes.add("The threshold was given on the command line; the bundle's own is "
                    + manifest.threshold().value() + ".");
        }
        String subject = data.getFileName().toString();
        return new ModelReport(manifest.name() + " (" + manifest.modelClass() + "), evaluated on " + subject,
                new ModelReport.ModelSummary(manifest.name(), manifest.version(), manifest.modelClass(),
                        hyperParameters(manifest), cut, threshold == null ? manifest.threshold().rule()
                                : "given on the command line", manifest.inputNames(), ignored(manifest),
                        manifest.training().command()),
                new ModelReport.DataSummary(subject, sheet.fingerprint(), sheet.students().size(), sheet.positives(),
                        Map.of(), sheet.skipped(), List.of(), Map.of()),
                "all " + sheet.students().size() + " labelled rows of " + subject
                        + (trainedOnThisFile ? ", which the model was trained on (optimistic)" : ""),
                evaluation, GroupEvaluation.of(sheet.students(), probabilities, cut, BOOTSTRAP_SEED), null, null, null,
                manifest.modelCard(), notes);
    }

    private static Map<String, String> hyperParameters(BundleManifest manifest) {
        Map<String, String> parameters = new LinkedHashMap<>();
        manifest.training().details().forEach((key, value) -> {
            if (key.startsWith("hyper_parameter.")) {
                parameters.put(key.substring("hyper_parameter.".length()), value);
            }
        });
        return parameters;
    }

    private static List<String> ignored(BundleManifest manifest) {
        return manifest.features().stream().filter(f -> f.transform().width() == 0).map(FeatureDefinition::name)
                .toList();
    }
}
