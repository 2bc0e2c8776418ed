package org.magicsteps.model.bundle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.domain.ModelInfo;

/**
 * Everything needed to go from a student's raw features to a probability with a bundle's ONNX
 * graph, and everything the service says about the model: the content of
 * {@code manifest.json}. A trainer builds one in code and saves it with the ONNX bytes; a loader
 * reads it with {@link ManifestJson}. Building one checks that it is consistent (the features'
 * input widths add up to the ONNX input width, names are unique).
 *
 * @param formatVersion the manifest format, {@value #FORMAT_VERSION} for this code
 * @param name the model's name, such as {@code seed-mlp}
 * @param version its version, recorded with every prediction
 * @param createdAt when it was trained or exported (second precision)
 * @param modelClass the kind of model, such as {@code MLP} or {@code LogisticRegression}
 * @param parameterCount how many weights the graph holds
 * @param onnx the ONNX file and the graph's expected signature
 * @param threshold the recommended decision threshold and its rule
 * @param features the features in model-input order
 * @param training where the model came from
 * @param metrics held-out evaluation metrics by name; empty when unknown, never invented
 * @param derived model inputs computed from the raw features, fed after the features' inputs;
 *     empty for most models
 * @param calibration how the served probabilities were calibrated and follow from the graph's
 *     output, or {@code null} for a model that was not calibrated (an imported one)
 * @param modelCard what the model is for and how far to trust it, or {@code null} when unknown
 * @param explanation the input means and background sample the explainer uses, or {@code null}
 *     when the bundle does not carry them (bundles written before they were; the explainer then
 *     derives them from the histograms)
 */
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        Instant createdAt,
        String modelClass,
        long parameterCount,
        OnnxSpec onnx,
        DecisionThreshold threshold,
        List<FeatureDefinition> features,
        TrainingProvenance training,
        Map<String, Double> metrics,
        List<DerivedFeature> derived,
        Calibration calibration,
        ModelCard modelCard,
        ExplanationReference explanation) {

    /** The manifest format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + formatVersion + " is not supported; this build reads "
                    + FORMAT_VERSION);
        }
        requireText(name, "name");
        requireText(version, "version");
        requireText(modelClass, "model_class");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(threshold, "threshold");
        training = training == null ? TrainingProvenance.of("") : training;
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameter_count must not be negative, got " + parameterCount);
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one feature");
        }
        derived = derived == null ? List.of() : List.copyOf(derived);
        int width = new InputEncoder(features, derived).width();
        if (width != onnx.inputWidth()) {
            throw new IllegalArgumentException("the " + features.size() + " features"
                    + (derived.isEmpty() ? "" : " and " + derived.size() + " derived features") + " make " + width
                    + " model inputs, but the onnx input shape " + OnnxSpec.shapeText(onnx.inputShape()) + " takes "
                    + onnx.inputWidth());
        }
        if (explanation != null) {
            if (!explanation.inputMeans().isEmpty() && explanation.inputMeans().size() != width) {
                throw new IllegalArgumentException("explanation.input_means holds " + explanation.inputMeans().size()
                        + " means, but the model takes " + width + " inputs");
            }
            FeatureSchema schema = new FeatureSchema(features.stream().map(FeatureDefinition::spec).toList());
            for (int i = 0; i < explanation.background().size(); i++) {
                List<org.magicsteps.core.domain.Violation> violations = schema.check(explanation.background().get(i));
                if (!violations.isEmpty()) {
                    throw new IllegalArgumentException("explanation.background[" + i + "]: "
                            + violations.get(0).message());
                }
            }
        }
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
        metrics.forEach((metric, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric '" + metric + "' must be a finite number, got " + value);
            }
        });
    }

    /** A manifest without derived features, calibration, model card or explanation reference. */
    public BundleManifest(int formatVersion, String name, String version, Instant createdAt, String modelClass,
            long parameterCount, OnnxSpec onnx, DecisionThreshold threshold, List<FeatureDefinition> features,
            TrainingProvenance training, Map<String, Double> metrics) {
        this(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx, threshold, features, training,
                metrics, List.of());
    }

    /** A manifest without calibration, model card or explanation reference. */
    public BundleManifest(int formatVersion, String name, String version, Instant createdAt, String modelClass,
            long parameterCount, OnnxSpec onnx, DecisionThreshold threshold, List<FeatureDefinition> features,
            TrainingProvenance training, Map<String, Double> metrics, List<DerivedFeature> derived) {
        this(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx, threshold, features, training,
                metrics, derived, null, null);
    }

    /** A manifest without an explanation reference. */
    public BundleManifest(int formatVersion, String name, String version, Instant createdAt, String modelClass,
            long parameterCount, OnnxSpec onnx, DecisionThreshold threshold, List<FeatureDefinition> features,
            TrainingProvenance training, Map<String, Double> metrics, List<DerivedFeature> derived,
            Calibration calibration, ModelCard modelCard) {
        this(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx, threshold, features, training,
                metrics, derived, calibration, modelCard, null);
    }

    /** The same manifest with another explanation reference (for {@code model import}). */
    public BundleManifest withExplanation(ExplanationReference reference) {
        return new BundleManifest(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx,
                threshold, features, training, metrics, derived, calibration, modelCard, reference);
    }

    /** The same manifest with other feature definitions (for {@code model import --reference}: histograms). */
    public BundleManifest withFeatures(List<FeatureDefinition> newFeatures) {
        return new BundleManifest(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx,
                threshold, newFeatures, training, metrics, derived, calibration, modelCard, explanation);
    }

    /** The same manifest with another model card (a trainer adds the drift of later sheets to it). */
    public BundleManifest withModelCard(ModelCard card) {
        return new BundleManifest(formatVersion, name, version, createdAt, modelClass, parameterCount, onnx,
                threshold, features, training, metrics, derived, calibration, card, explanation);
    }

    /** The encoding of raw features into model input that this manifest describes. */
    public InputEncoder encoder() {
        return new InputEncoder(features, derived);
    }

    /** The width of the model input: the features' transform widths plus one per derived feature. */
    public int inputWidth() {
        return onnx.inputWidth();
    }

    /** The name of each model input, in order. */
    public List<String> inputNames() {
        return encoder().inputNames();
    }

    /** The validation rules of the features, for the core's use cases. */
    public FeatureSchema schema() {
        return new FeatureSchema(features.stream().map(FeatureDefinition::spec).toList());
    }

    /** What the model says about itself, for the core's use cases. */
    public ModelInfo modelInfo() {
        return new ModelInfo(name, version, modelClass, inputWidth(), parameterCount, threshold.threshold(),
                createdAt, metrics, modelCard);
    }

    /** The same manifest under another name and version (for {@code model import --name/--version}). */
    public BundleManifest renamed(String newName, String newVersion) {
        return new BundleManifest(formatVersion, newName, newVersion, createdAt, modelClass, parameterCount, onnx,
                threshold, features, training, metrics, derived, calibration, modelCard, explanation);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
