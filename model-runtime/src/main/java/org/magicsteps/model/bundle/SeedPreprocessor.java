package org.magicsteps.model.bundle;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
            Map.entry("fase", "Phase of the programme (0–7)"),
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
            Map.entry("num_avaliacoes", "Number of assessments (2–4)"),
            Map.entry("defasagem", "Phase gap: actual phase minus ideal phase"),
            Map.entry("turma", "Class letter; letters change every year, so unknown letters are accepted"),
            Map.entry("genero", "Gender: menina or menino"),
            Map.entry("pedra_modal", "Most frequent 'pedra' (stone) level of 2020–2022"));

    /** The model class of the original network (Linear 18→64, ReLU, BatchNorm, Dropout, Linear 64→1). */
    public static final String MODEL_CLASS = "MLP";

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        JsonNode tree;
        try {
            tree = MAPPER.readTree(preprocessorJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonObject root = new JsonObject(tree, "");
        JsonObject onnx = root.object("onnx");
        String activation = onnx.text("output_activation");
        if (!activation.equals("sigmoid")) {
            throw onnx.problem("output_activation", "'" + activation + "' is not supported; expected sigmoid");
        }
        List<FeatureDefinition> features = new ArrayList<>();
        for (JsonObject feature : root.array("features")) {
            features.add(feature.build(() -> feature(feature)));
        }
        OnnxSpec spec = onnx.build(() -> new OnnxSpec(onnx.text("file"), onnx.text("input"), onnx.shape("input_shape"),
                onnx.text("output"), onnx.shape("output_shape"), OutputKind.LOGIT, 0));
        double threshold = root.number("default_threshold");
        return root.build(() -> new BundleManifest(BundleManifest.FORMAT_VERSION, name, version, createdAt,
                MODEL_CLASS, parameterCount, spec,
                new DecisionThreshold(threshold, "the original Python service's default_threshold"),
                features,
                new TrainingProvenance("imported from the original Python service's preprocessor.json", null, null,
                        null, null, null, Map.of("positive_class", onnx.has("positive_class")
                                ? onnx.text("positive_class") : "")),
                Map.of()));
    }

    private static FeatureDefinition feature(JsonObject feature) {
        String name = feature.text("name");
        String kind = feature.text("kind");
        String description = DESCRIPTIONS.getOrDefault(name, "");
        switch (kind) {
            case "numeric" -> {
                String transform = feature.text("transform");
                if (!transform.equals("minmax")) {
                    throw feature.problem("transform", "'" + transform + "' is not supported; expected minmax");
                }
                String typeLabel = feature.text("type");
                FeatureType type = switch (typeLabel) {
                    case "int" -> FeatureType.INTEGER;
                    case "float" -> FeatureType.FLOAT;
                    default -> throw feature.problem("type", "'" + typeLabel + "' is not int or float");
                };
                FeatureSpec spec = new FeatureSpec(name, type, description, feature.number("api_min"),
                        feature.number("api_max"), List.of(), true, false);
                return new FeatureDefinition(spec, new Transform.MinMax(feature.number("min"), feature.number("max")),
                        null, null);
            }
            case "categorical" -> {
                String transform = feature.text("transform");
                if (!transform.equals("ordinal")) {
                    throw feature.problem("transform", "'" + transform + "' is not supported; expected ordinal");
                }
                List<String> categories = feature.texts("categories");
                FeatureSpec spec = new FeatureSpec(name, FeatureType.CATEGORICAL, description, null, null, categories,
                        true, ACCEPTS_UNKNOWN.contains(name));
                return new FeatureDefinition(spec, new Transform.Ordinal(categories, feature.number("unknown")), null,
                        null);
            }
            default -> throw feature.problem("kind", "'" + kind + "' is not numeric or categorical");
        }
    }
}
