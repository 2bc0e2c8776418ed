package org.magicsteps.model.bundle;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;

/**
 * Reads and writes {@code manifest.json}. The layout is documented in {@code model/README.md};
 * reading is strict (an unknown or misspelt key is refused rather than ignored) and every
 * refusal names the JSON path of the offending value, such as {@code features[3].transform.min}.
 */
public final class ManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DYNAMIC_DIMENSION = "batch";

    private ManifestJson() {
    }

    /**
     * @return the manifest described by {@code json}
     * @throws IllegalArgumentException when {@code json} is not JSON, or not a valid manifest;
     *     the message names the JSON path and the problem
     */
    public static BundleManifest read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonObject manifest = new JsonObject(root, "");
        manifest.only("format_version", "name", "version", "created_at", "model_class", "parameter_count", "onnx",
                "threshold", "features", "derived", "training", "metrics");
        int formatVersion = manifest.integer("format_version");
        if (formatVersion != BundleManifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version: " + formatVersion + " is not supported; this build reads "
                    + BundleManifest.FORMAT_VERSION);
        }
        List<FeatureDefinition> features = new ArrayList<>();
        List<JsonObject> featureNodes = manifest.array("features");
        for (JsonObject feature : featureNodes) {
            features.add(feature.build(() -> feature(feature)));
        }
        List<DerivedFeature> derived = new ArrayList<>();
        if (manifest.has("derived")) {
            for (JsonObject node : manifest.array("derived")) {
                derived.add(node.build(() -> derived(node)));
            }
        }
        JsonObject onnx = manifest.object("onnx");
        JsonObject threshold = manifest.object("threshold");
        return manifest.build(() -> new BundleManifest(
                formatVersion,
                manifest.text("name"),
                manifest.text("version"),
                manifest.instant("created_at"),
                manifest.text("model_class"),
                manifest.longInteger("parameter_count"),
                onnx.build(() -> onnx(onnx)),
                threshold.build(() -> {
                    threshold.only("value", "rule");
                    return new DecisionThreshold(threshold.number("value"), threshold.optionalText("rule"));
                }),
                features,
                manifest.has("training") ? training(manifest.object("training")) : null,
                manifest.has("metrics") ? manifest.object("metrics").numberMap() : Map.of(),
                derived));
    }

    /** The manifest as indented JSON, UTF-8. */
    public static byte[] write(BundleManifest manifest) {
        ObjectNode root = NODES.objectNode();
        root.put("format_version", manifest.formatVersion());
        root.put("name", manifest.name());
        root.put("version", manifest.version());
        root.put("created_at", manifest.createdAt().toString());
        root.put("model_class", manifest.modelClass());
        root.put("parameter_count", manifest.parameterCount());
        OnnxSpec onnx = manifest.onnx();
        ObjectNode onnxNode = root.putObject("onnx");
        onnxNode.put("file", onnx.file());
        ObjectNode input = onnxNode.putObject("input");
        input.put("name", onnx.inputName());
        input.set("shape", shape(onnx.inputShape()));
        ObjectNode output = onnxNode.putObject("output");
        output.put("name", onnx.outputName());
        output.set("shape", shape(onnx.outputShape()));
        output.put("kind", onnx.outputKind().label());
        output.put("positive_index", onnx.positiveIndex());
        ObjectNode threshold = root.putObject("threshold");
        threshold.put("value", manifest.threshold().value());
        threshold.put("rule", manifest.threshold().rule());
        ArrayNode features = root.putArray("features");
        manifest.features().forEach(f -> features.add(feature(f)));
        if (!manifest.derived().isEmpty()) {
            ArrayNode derived = root.putArray("derived");
            manifest.derived().forEach(d -> derived.add(derived(d)));
        }
        TrainingProvenance training = manifest.training();
        ObjectNode trainingNode = root.putObject("training");
        trainingNode.put("source", training.source());
        trainingNode.put("command", training.command());
        trainingNode.put("data_file", training.dataFile());
        trainingNode.put("data_fingerprint", training.dataFingerprint());
        trainingNode.put("rows", training.rows());
        trainingNode.put("seed", training.seed());
        ObjectNode details = trainingNode.putObject("details");
        training.details().forEach(details::put);
        ObjectNode metrics = root.putObject("metrics");
        manifest.metrics().forEach(metrics::put);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest tree could not be written as JSON", e);
        }
    }

    private static ObjectNode feature(FeatureDefinition feature) {
        FeatureSpec spec = feature.spec();
        ObjectNode node = NODES.objectNode();
        node.put("name", spec.name());
        node.put("type", spec.type().label());
        node.put("description", spec.description());
        node.put("required", spec.required());
        ObjectNode validation = node.putObject("validation");
        if (spec.type().isNumeric()) {
            validation.put("min", spec.minimum());
            validation.put("max", spec.maximum());
        } else {
            ArrayNode categories = validation.putArray("categories");
            spec.categories().forEach(categories::add);
            validation.put("accept_unknown", spec.acceptsUnknownCategory());
        }
        node.set("transform", transform(feature.transform()));
        if (spec.type().isNumeric()) {
            node.put("imputation", feature.imputation());
        } else {
            node.put("imputation", feature.imputedCategory());
        }
        ReferenceHistogram histogram = feature.histogram();
        if (histogram == null) {
            node.putNull("histogram");
        } else {
            ObjectNode h = node.putObject("histogram");
            if (histogram.isNumeric()) {
                ArrayNode edges = h.putArray("edges");
                histogram.edges().forEach(edges::add);
            } else {
                ArrayNode categories = h.putArray("categories");
                histogram.categories().forEach(categories::add);
            }
            ArrayNode counts = h.putArray("counts");
            histogram.counts().forEach(counts::add);
        }
        return node;
    }

    private static ObjectNode transform(Transform transform) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", transform.kind());
        if (transform instanceof Transform.MinMax minMax) {
            node.put("min", minMax.min());
            node.put("max", minMax.max());
        } else if (transform instanceof Transform.Standard standard) {
            node.put("mean", standard.mean());
            node.put("std", standard.std());
        } else if (transform instanceof Transform.Ordinal ordinal) {
            ArrayNode categories = node.putArray("categories");
            ordinal.categories().forEach(categories::add);
            node.put("unknown_code", ordinal.unknownCode());
        } else if (transform instanceof Transform.OneHot oneHot) {
            ArrayNode categories = node.putArray("categories");
            oneHot.categories().forEach(categories::add);
        }
        return node;
    }

    private static ObjectNode derived(DerivedFeature derived) {
        ObjectNode node = NODES.objectNode();
        node.put("name", derived.name());
        node.put("description", derived.description());
        ObjectNode expression = node.putObject("expression");
        expression.put("kind", derived.expression().kind());
        if (derived.expression() instanceof DerivedFeature.Expression.Ratio ratio) {
            expression.put("numerator", ratio.numerator());
            expression.put("denominator", ratio.denominator());
            expression.put("offset", ratio.offset());
        } else {
            ArrayNode of = expression.putArray("of");
            derived.expression().inputs().forEach(of::add);
        }
        node.set("transform", transform(derived.transform()));
        return node;
    }

    private static DerivedFeature derived(JsonObject node) {
        node.only("name", "description", "expression", "transform");
        JsonObject expression = node.object("expression");
        DerivedFeature.Expression parsed = expression.build(() -> {
            String kind = expression.text("kind");
            return switch (kind) {
                case "mean" -> {
                    expression.only("kind", "of");
                    yield new DerivedFeature.Expression.Mean(expression.texts("of"));
                }
                case "product" -> {
                    expression.only("kind", "of");
                    yield new DerivedFeature.Expression.Product(expression.texts("of"));
                }
                case "ratio" -> {
                    expression.only("kind", "numerator", "denominator", "offset");
                    yield new DerivedFeature.Expression.Ratio(expression.text("numerator"),
                            expression.text("denominator"), expression.number("offset"));
                }
                default -> throw expression.problem("kind", "'" + kind
                        + "' is not a derived expression; expected mean, product or ratio");
            };
        });
        JsonObject transformNode = node.object("transform");
        Transform transform = transformNode.build(() -> transform(transformNode));
        return new DerivedFeature(node.text("name"), node.optionalText("description"), parsed, transform);
    }

    private static ArrayNode shape(List<Long> shape) {
        ArrayNode node = NODES.arrayNode();
        shape.forEach(d -> {
            if (d == OnnxSpec.DYNAMIC) {
                node.add(DYNAMIC_DIMENSION);
            } else {
                node.add(d);
            }
        });
        return node;
    }

    private static OnnxSpec onnx(JsonObject onnx) {
        onnx.only("file", "input", "output");
        JsonObject input = onnx.object("input");
        input.only("name", "shape");
        JsonObject output = onnx.object("output");
        output.only("name", "shape", "kind", "positive_index");
        OutputKind kind = output.build(() -> OutputKind.fromLabel(output.text("kind")));
        return new OnnxSpec(onnx.text("file"), input.text("name"), input.shape("shape"), output.text("name"),
                output.shape("shape"), kind, output.has("positive_index") ? output.integer("positive_index") : 0);
    }

    private static FeatureDefinition feature(JsonObject feature) {
        feature.only("name", "type", "description", "required", "validation", "transform", "imputation", "histogram");
        String name = feature.text("name");
        String typeLabel = feature.text("type");
        FeatureType type = null;
        for (FeatureType t : FeatureType.values()) {
            if (t.label().equals(typeLabel)) {
                type = t;
            }
        }
        if (type == null) {
            throw feature.problem("type", "'" + typeLabel + "' is not a feature type; expected int, float or category");
        }
        JsonObject validation = feature.object("validation");
        FeatureSpec spec;
        if (type.isNumeric()) {
            validation.only("min", "max");
            spec = new FeatureSpec(name, type, feature.optionalText("description"), validation.optionalNumber("min"),
                    validation.optionalNumber("max"), List.of(), feature.bool("required"), false);
        } else {
            validation.only("categories", "accept_unknown");
            spec = new FeatureSpec(name, type, feature.optionalText("description"), null, null,
                    validation.texts("categories"), feature.bool("required"), validation.bool("accept_unknown"));
        }
        JsonObject transformNode = feature.object("transform");
        Transform transform = transformNode.build(() -> transform(transformNode));
        ReferenceHistogram histogram = null;
        if (feature.has("histogram")) {
            JsonObject h = feature.object("histogram");
            histogram = h.build(() -> {
                h.only("edges", "categories", "counts");
                List<Long> counts = h.longs("counts");
                return h.has("edges") ? ReferenceHistogram.numeric(h.numbers("edges"), counts)
                        : ReferenceHistogram.categorical(h.texts("categories"), counts);
            });
        }
        if (type.isNumeric()) {
            return new FeatureDefinition(spec, transform, feature.optionalNumber("imputation"), histogram);
        }
        return new FeatureDefinition(spec, transform, null, histogram, feature.optionalText("imputation"));
    }

    private static Transform transform(JsonObject node) {
        String kind = node.text("kind");
        return switch (kind) {
            case "identity" -> {
                node.only("kind");
                yield new Transform.Identity();
            }
            case "ignored" -> {
                node.only("kind");
                yield new Transform.Ignored();
            }
            case "minmax" -> {
                node.only("kind", "min", "max");
                yield new Transform.MinMax(node.number("min"), node.number("max"));
            }
            case "standard" -> {
                node.only("kind", "mean", "std");
                yield new Transform.Standard(node.number("mean"), node.number("std"));
            }
            case "ordinal" -> {
                node.only("kind", "categories", "unknown_code");
                yield new Transform.Ordinal(node.texts("categories"), node.number("unknown_code"));
            }
            case "one_hot" -> {
                node.only("kind", "categories");
                yield new Transform.OneHot(node.texts("categories"));
            }
            default -> throw node.problem("kind", "'" + kind
                    + "' is not a transform; expected identity, ignored, minmax, standard, ordinal or one_hot");
        };
    }

    private static TrainingProvenance training(JsonObject node) {
        node.only("source", "command", "data_file", "data_fingerprint", "rows", "seed", "details");
        Map<String, String> details = new LinkedHashMap<>();
        if (node.has("details")) {
            JsonObject d = node.object("details");
            d.fieldNames().forEach(key -> details.put(key, d.text(key)));
        }
        return node.build(() -> new TrainingProvenance(node.optionalText("source"), node.optionalText("command"),
                node.optionalText("data_file"), node.optionalText("data_fingerprint"),
                node.has("rows") ? node.longInteger("rows") : null, node.has("seed") ? node.longInteger("seed") : null,
                details));
    }
}
