package org.magicsteps.model.bundle;

import static org.magicsteps.model.bundle.JsonDocuments.at;
import static org.magicsteps.model.bundle.JsonDocuments.problem;
import static org.magicsteps.model.bundle.JsonDocuments.require;
import static org.magicsteps.model.bundle.JsonDocuments.requireAll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;

/**
 * Reads the original Python service's {@code preprocessor.json} (its fitted scikit-learn
 * preprocessing, exported beside the ONNX network) as a {@link BundleManifest}.
 *
 * <p>Validation bounds come from {@code api_min}/{@code api_max} (what the original API
 * accepted); scaling from {@code min}/{@code max} (what the scaler saw in training). All 18
 * features are required, as they were in the original API. Of the categorical features only
 * {@code turma} accepts unknown words (encoded as the original's unknown code, −1): class letters
 * are reassigned every year, so refusing a new letter would block scoring whole new sheets, and
 * the original encoder already mapped unknown letters to −1. {@code genero} and
 * {@code pedra_modal} have fixed vocabularies, so an unknown word there is a typo that would be
 * scored silently as "unknown"; it is refused instead.
 */
public final class SeedPreprocessor {

    /** Categorical features whose unknown words are accepted (see the class comment). */
    static final Set<String> ACCEPTS_UNKNOWN = Set.of("turma");

    /** For the feature listing: what each of the original's features means (from the PEDE sheet's documentation). */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("fase", "Phase of the programme (0 for ALFA)"),
            Map.entry("idade", "Age in years"),
            Map.entry("ano_ingresso", "Year the student joined the programme"),
            Map.entry("score_inde", "INDE, the educational development index"),
            Map.entry("score_iaa", "IAA, self-assessment indicator"),
            Map.entry("score_ieg", "IEG, engagement indicator"),
            Map.entry("score_ips", "IPS, psychosocial indicator"),
            Map.entry("score_ida", "IDA, learning indicator"),
            Map.entry("score_ipv", "IPV, turning-point indicator"),
            Map.entry("score_ian", "IAN, adequacy-of-level indicator"),
            Map.entry("nota_cg", "General ranking (Cg)"),
            Map.entry("nota_cf", "Ranking within the phase (Cf)"),
            Map.entry("nota_ct", "Ranking within the class (Ct)"),
            Map.entry("num_avaliacoes", "Number of assessments this year"),
            Map.entry("defasagem", "Phase gap: actual phase minus ideal phase"),
            Map.entry("turma", "Class letter; letters change every year, so unknown letters are accepted"),
            Map.entry("genero", "Gender: menina or menino"),
            Map.entry("pedra_modal", "Most frequent 'pedra' (stone) level of 2020–2022"));

    /** The model class of the original network (Linear 18→64, ReLU, BatchNorm, Dropout, Linear 64→1). */
    public static final String MODEL_CLASS = "MLP";

    /** Lenient about keys: the export also holds prose ({@code description}, the formulas). */
    private static final ObjectMapper MAPPER = JsonDocuments.strictMapper(false);

    /** {@code preprocessor.json} as databind maps it; only the keys the import reads. */
    record Document(Onnx onnx, Double defaultThreshold, List<Feature> features) {
    }

    record Onnx(String file, String input, List<Object> inputShape, String output, List<Object> outputShape,
            String outputActivation, String positiveClass) {
    }

    record Feature(String name, String kind, String transform, String type, Double min, Double max, Double apiMin,
            Double apiMax, List<String> categories, Double unknown) {
    }

    private SeedPreprocessor() {
    }

    /**
     * @param preprocessorJson the content of {@code preprocessor.json}
     * @param name the model name to record
     * @param version the model version to record
     * @param createdAt when the model was exported
     * @param parameterCount the number of weights in the ONNX graph
     * @throws IllegalArgumentException when the JSON is not a valid preprocessor description,
     *     naming the JSON path and the problem
     */
    public static BundleManifest read(byte[] preprocessorJson, String name, String version, Instant createdAt,
            long parameterCount) {
        Document root = JsonDocuments.read(MAPPER, preprocessorJson, Document.class, Map.of());
        Onnx onnx = require(root.onnx(), "onnx");
        String activation = require(onnx.outputActivation(), "onnx.output_activation");
        if (!activation.equals("sigmoid")) {
            throw problem("onnx.output_activation", "'" + activation + "' is not supported; expected sigmoid");
        }
        List<FeatureDefinition> features = new ArrayList<>();
        List<Feature> listed = requireAll(root.features(), "features");
        for (int i = 0; i < listed.size(); i++) {
            String path = at("features", i);
            Feature feature = listed.get(i);
            features.add(at(path, () -> feature(feature, path)));
        }
        OnnxSpec spec = at("onnx", () -> new OnnxSpec(require(onnx.file(), "onnx.file"),
                require(onnx.input(), "onnx.input"), ManifestDocument.shape(onnx.inputShape(), "onnx.input_shape"),
                require(onnx.output(), "onnx.output"), ManifestDocument.shape(onnx.outputShape(), "onnx.output_shape"),
                OutputKind.LOGIT, 0));
        double threshold = require(root.defaultThreshold(), "default_threshold");
        return at("", () -> new BundleManifest(BundleManifest.FORMAT_VERSION, name, version, createdAt,
                MODEL_CLASS, parameterCount, spec,
                new DecisionThreshold(threshold, "the original Python service's default_threshold"),
                features,
                new TrainingProvenance("imported from the original Python service's preprocessor.json", null, null,
                        null, null, null, Map.of("positive_class", onnx.positiveClass() == null ? ""
                                : onnx.positiveClass())),
                Map.of()));
    }

    /**
     * The ONNX file {@code preprocessor.json} names, read before the rest so that the graph can be
     * loaded (its weights are counted for the manifest).
     *
     * @throws IllegalArgumentException when the JSON is not readable or names no plain file
     */
    public static String onnxFileName(byte[] preprocessorJson) {
        Document root = JsonDocuments.read(MAPPER, preprocessorJson, Document.class, Map.of());
        String file = root.onnx() == null ? null : root.onnx().file();
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
            throw problem("onnx.file", "is missing or not a plain file name");
        }
        return file;
    }

    private static FeatureDefinition feature(Feature feature, String path) {
        String name = require(feature.name(), at(path, "name"));
        String kind = require(feature.kind(), at(path, "kind"));
        String transform = require(feature.transform(), at(path, "transform"));
        String description = DESCRIPTIONS.getOrDefault(name, "");
        switch (kind) {
            case "numeric" -> {
                if (!transform.equals("minmax")) {
                    throw problem(at(path, "transform"), "'" + transform + "' is not supported; expected minmax");
                }
                String typeLabel = require(feature.type(), at(path, "type"));
                FeatureType type = switch (typeLabel) {
                    case "int" -> FeatureType.INTEGER;
                    case "float" -> FeatureType.FLOAT;
                    default -> throw problem(at(path, "type"), "'" + typeLabel + "' is not int or float");
                };
                FeatureSpec spec = new FeatureSpec(name, type, description, require(feature.apiMin(), at(path, "api_min")),
                        require(feature.apiMax(), at(path, "api_max")), List.of(), true, false);
                return new FeatureDefinition(spec, new Transform.MinMax(require(feature.min(), at(path, "min")),
                        require(feature.max(), at(path, "max"))), null, null);
            }
            case "categorical" -> {
                if (!transform.equals("ordinal")) {
                    throw problem(at(path, "transform"), "'" + transform + "' is not supported; expected ordinal");
                }
                List<String> categories = List.copyOf(requireAll(feature.categories(), at(path, "categories")));
                FeatureSpec spec = new FeatureSpec(name, FeatureType.CATEGORICAL, description, null, null, categories,
                        true, ACCEPTS_UNKNOWN.contains(name));
                return new FeatureDefinition(spec, new Transform.Ordinal(categories,
                        require(feature.unknown(), at(path, "unknown"))), null, null);
            }
            default -> throw problem(at(path, "kind"), "'" + kind + "' is not numeric or categorical");
        }
    }
}
