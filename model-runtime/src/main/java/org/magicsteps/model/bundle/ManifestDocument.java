package org.magicsteps.model.bundle;

import static org.magicsteps.model.bundle.JsonDocuments.at;
import static org.magicsteps.model.bundle.JsonDocuments.problem;
import static org.magicsteps.model.bundle.JsonDocuments.require;
import static org.magicsteps.model.bundle.JsonDocuments.requireAll;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.domain.StudentFeatures;

/**
 * {@code manifest.json} as jackson-databind maps it: one record per JSON object, keys in
 * snake_case in the order they are written, the polymorphic parts (transforms, derived
 * expressions) chosen by their {@code kind}. Databind refuses unknown keys and wrong JSON types;
 * {@link #toManifest()} then checks what databind cannot (missing values, which keys go with which
 * feature type) and builds the {@link BundleManifest}, whose own records check the rest. Every
 * refusal names its JSON path. The layout is documented in {@code model-runtime/README.md}.
 */
record ManifestDocument(
        Integer formatVersion,
        String name,
        String version,
        String createdAt,
        String modelClass,
        Long parameterCount,
        Onnx onnx,
        Threshold threshold,
        List<Feature> features,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Derived> derived,
        Training training,
        Map<String, Double> metrics,
        @JsonInclude(JsonInclude.Include.NON_NULL) CalibrationPart calibration,
        @JsonInclude(JsonInclude.Include.NON_NULL) Card modelCard,
        @JsonInclude(JsonInclude.Include.NON_NULL) Explanation explanation) {

    /** What an unknown {@code kind} is not, for each polymorphic part. */
    static final Map<Class<?>, String> KINDS = Map.of(
            TransformPart.class, "a transform; expected identity, ignored, minmax, standard, ordinal or one_hot",
            Expression.class, "a derived expression; expected mean, product or ratio");

    private static final String DYNAMIC_DIMENSION = "batch";

    /** The document of {@code manifest}, as it is written. */
    static ManifestDocument of(BundleManifest manifest) {
        OnnxSpec onnx = manifest.onnx();
        TrainingProvenance training = manifest.training();
        return new ManifestDocument(manifest.formatVersion(), manifest.name(), manifest.version(),
                manifest.createdAt().toString(), manifest.modelClass(), manifest.parameterCount(),
                new Onnx(onnx.file(), new Input(onnx.inputName(), shape(onnx.inputShape())),
                        new Output(onnx.outputName(), shape(onnx.outputShape()), onnx.outputKind().label(),
                                onnx.positiveIndex())),
                new Threshold(manifest.threshold().value(), manifest.threshold().rule()),
                manifest.features().stream().map(Feature::of).toList(),
                manifest.derived().stream().map(Derived::of).toList(),
                new Training(training.source(), training.command(), training.dataFile(), training.dataFingerprint(),
                        training.rows(), training.seed(), training.details()),
                manifest.metrics(),
                manifest.calibration() == null ? null : CalibrationPart.of(manifest.calibration(), manifest.onnx()),
                manifest.modelCard() == null ? null : Card.of(manifest.modelCard()),
                Explanation.of(manifest.explanation()));
    }

    /**
     * @throws IllegalArgumentException naming the JSON path and the problem
     */
    BundleManifest toManifest() {
        int format = require(formatVersion, "format_version");
        if (format != BundleManifest.FORMAT_VERSION) {
            throw problem("format_version", format + " is not supported; this build reads "
                    + BundleManifest.FORMAT_VERSION);
        }
        List<FeatureDefinition> definitions = new ArrayList<>();
        requireAll(features, "features");
        for (int i = 0; i < features.size(); i++) {
            definitions.add(features.get(i).toDefinition(at("features", i)));
        }
        List<DerivedFeature> derivedFeatures = new ArrayList<>();
        if (derived != null) {
            requireAll(derived, "derived");
            for (int i = 0; i < derived.size(); i++) {
                derivedFeatures.add(derived.get(i).toDerived(at("derived", i)));
            }
        }
        OnnxSpec spec = require(onnx, "onnx").toSpec("onnx");
        DecisionThreshold decision = require(threshold, "threshold").toThreshold("threshold");
        TrainingProvenance provenance = training == null ? null : training.toProvenance("training");
        Map<String, Double> measured = requireAll(metrics, "metrics");
        Instant created = instant(require(createdAt, "created_at"), "created_at");
        Calibration calibrated = calibration == null ? null : calibration.toCalibration("calibration");
        ModelCard card = modelCard == null ? null : modelCard.toCard("model_card");
        ExplanationReference reference = explanation == null ? null : explanation.toReference("explanation");
        return at("", () -> new BundleManifest(format, require(name, "name"), require(version, "version"), created,
                require(modelClass, "model_class"), require(parameterCount, "parameter_count"), spec, decision,
                definitions, provenance, measured == null ? Map.of() : measured, derivedFeatures, calibrated, card,
                reference));
    }

    /** What the explainer compares with: the inputs' training means and a background sample of students. */
    record Explanation(String source, List<Double> inputMeans, List<Map<String, Object>> background) {

        static Explanation of(ExplanationReference reference) {
            if (reference == null) {
                return null;
            }
            return new Explanation(reference.source(), reference.inputMeans(),
                    reference.background().stream().map(StudentFeatures::values).toList());
        }

        ExplanationReference toReference(String path) {
            List<Double> means = List.copyOf(requireAll(require(inputMeans, at(path, "input_means")),
                    at(path, "input_means")));
            List<Map<String, Object>> rows = requireAll(require(background, at(path, "background")),
                    at(path, "background"));
            List<StudentFeatures> students = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String rowPath = at(at(path, "background"), i);
                Map<String, Object> row = rows.get(i);
                row.forEach((feature, value) -> {
                    if (!(value instanceof Number || value instanceof String)) {
                        throw problem(at(rowPath, feature), "must be a number or a word");
                    }
                });
                students.add(at(rowPath, () -> new StudentFeatures(row)));
            }
            return at(path, () -> new ExplanationReference(source, means, students));
        }
    }

    /**
     * {@code calibration}. Its {@code formula} is written for people from the other keys (and the
     * graph's output) and is not read back.
     */
    record CalibrationPart(String method, String fittedOn, Double scale, Double shift, Boolean inGraph,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double logOddsLimit, String formula) {
        static CalibrationPart of(Calibration c, OnnxSpec onnx) {
            return new CalibrationPart(c.method(), c.fittedOn(), c.scale(), c.shift(), c.inGraph(), c.logOddsLimit(),
                    c.formula(onnx));
        }

        Calibration toCalibration(String path) {
            String kind = require(method, at(path, "method"));
            double a = require(scale, at(path, "scale"));
            double b = require(shift, at(path, "shift"));
            boolean graph = require(inGraph, at(path, "in_graph"));
            return at(path, () -> new Calibration(kind, fittedOn, a, b, graph, logOddsLimit));
        }
    }

    /** {@code model_card}: the core's {@link ModelCard}, key by key. */
    record Card(String intendedUse, List<String> misuse, String target, CardTraining trainingData,
            List<CardMeasure> metrics, String calibration, List<CardGroup> groups, List<String> knownLimits,
            CardDrift drift) {
        static Card of(ModelCard card) {
            ModelCard.TrainingData t = card.trainingData();
            return new Card(card.intendedUse(), card.misuse(), card.target(),
                    new CardTraining(t.file(), t.year(), t.rows(), t.positives(), t.fingerprint(), t.split()),
                    card.metrics().stream().map(CardMeasure::of).toList(), card.calibration(),
                    card.groups().stream().map(g -> new CardGroup(g.feature(), g.value(), g.students(), g.positives(),
                            g.metrics().stream().map(CardMeasure::of).toList(), g.note())).toList(),
                    card.knownLimits(),
                    CardDrift.of(card.drift()));
        }

        ModelCard toCard(String path) {
            String trainingPath = at(path, "training_data");
            CardTraining t = require(trainingData, trainingPath);
            ModelCard.TrainingData data = at(trainingPath, () -> new ModelCard.TrainingData(
                    require(t.file(), at(trainingPath, "file")), t.year(), require(t.rows(), at(trainingPath, "rows")),
                    require(t.positives(), at(trainingPath, "positives")), t.fingerprint(), t.split()));
            List<ModelCard.Measure> measures = measures(metrics, at(path, "metrics"));
            List<ModelCard.GroupMeasures> groupMeasures = new ArrayList<>();
            requireAll(groups, at(path, "groups"));
            for (int i = 0; i < groups.size(); i++) {
                String groupPath = at(at(path, "groups"), i);
                CardGroup g = groups.get(i);
                List<ModelCard.Measure> figures = measures(g.metrics(), at(groupPath, "metrics"));
                groupMeasures.add(at(groupPath, () -> new ModelCard.GroupMeasures(
                        require(g.feature(), at(groupPath, "feature")), require(g.value(), at(groupPath, "value")),
                        require(g.students(), at(groupPath, "students")),
                        require(g.positives(), at(groupPath, "positives")), figures, g.note())));
            }
            String driftPath = at(path, "drift");
            CardDrift d = require(drift, driftPath);
            String status = require(d.status(), at(driftPath, "status"));
            List<String> driftFindings = requireAll(d.findings(), at(driftPath, "findings"));
            List<ModelCard.SheetDrift> sheets = d.toSheets(at(driftPath, "sheets"));
            ModelCard.Drift measuredDrift = at(driftPath, () -> new ModelCard.Drift(status, d.comparedWith(),
                    driftFindings, sheets));
            String use = require(intendedUse, at(path, "intended_use"));
            String defined = require(target, at(path, "target"));
            String calibrated = require(calibration, at(path, "calibration"));
            List<String> misuses = requireAll(misuse, at(path, "misuse"));
            List<String> limits = requireAll(knownLimits, at(path, "known_limits"));
            return at(path, () -> new ModelCard(use, misuses, defined, data, measures, calibrated, groupMeasures,
                    limits, measuredDrift));
        }

        private static List<ModelCard.Measure> measures(List<CardMeasure> measures, String path) {
            requireAll(measures, path);
            List<ModelCard.Measure> out = new ArrayList<>();
            for (int i = 0; i < measures.size(); i++) {
                String measurePath = at(path, i);
                CardMeasure m = measures.get(i);
                double value = require(m.value(), at(measurePath, "value"));
                out.add(at(measurePath, () -> new ModelCard.Measure(require(m.metric(), at(measurePath, "metric")),
                        value, m.low(), m.high(), m.measuredOn())));
            }
            return out;
        }
    }

    record CardTraining(String file, Integer year, Long rows, Long positives, String fingerprint, String split) {
    }

    record CardMeasure(String metric, Double value, Double low, Double high, String measuredOn) {
        static CardMeasure of(ModelCard.Measure m) {
            return new CardMeasure(m.metric(), m.value(), m.low(), m.high(), m.measuredOn());
        }
    }

    record CardGroup(String feature, String value, Long students, Long positives, List<CardMeasure> metrics,
            String note) {
    }

    /** {@code drift}; {@code sheets} is absent from cards written before sheets were recorded. */
    record CardDrift(String status, String comparedWith, List<String> findings, List<CardSheetDrift> sheets) {
        static CardDrift of(ModelCard.Drift drift) {
            return new CardDrift(drift.status(), drift.comparedWith(), drift.findings(), drift.sheets().stream()
                    .map(CardSheetDrift::of).toList());
        }

        List<ModelCard.SheetDrift> toSheets(String path) {
            List<ModelCard.SheetDrift> out = new ArrayList<>();
            if (sheets == null) {
                return out;
            }
            requireAll(sheets, path);
            for (int i = 0; i < sheets.size(); i++) {
                String sheetPath = at(path, i);
                CardSheetDrift s = sheets.get(i);
                String file = require(s.file(), at(sheetPath, "file"));
                long rows = require(s.rows(), at(sheetPath, "rows"));
                int stable = require(s.stable(), at(sheetPath, "stable"));
                int moderate = require(s.moderate(), at(sheetPath, "moderate"));
                int major = require(s.major(), at(sheetPath, "major"));
                String shiftsPath = at(sheetPath, "most_drifted");
                requireAll(s.mostDrifted(), shiftsPath);
                List<ModelCard.FeatureShift> shifts = new ArrayList<>();
                for (int j = 0; j < s.mostDrifted().size(); j++) {
                    String shiftPath = at(shiftsPath, j);
                    CardShift f = s.mostDrifted().get(j);
                    String feature = require(f.feature(), at(shiftPath, "feature"));
                    String level = require(f.level(), at(shiftPath, "level"));
                    shifts.add(at(shiftPath, () -> new ModelCard.FeatureShift(feature, f.psi(), level,
                            f.outsideShare(), f.missingShare())));
                }
                out.add(at(sheetPath, () -> new ModelCard.SheetDrift(file, s.year(), s.fingerprint(), rows, stable,
                        moderate, major, shifts)));
            }
            return out;
        }
    }

    record CardSheetDrift(String file, Integer year, String fingerprint, Long rows, Integer stable, Integer moderate,
            Integer major, List<CardShift> mostDrifted) {
        static CardSheetDrift of(ModelCard.SheetDrift s) {
            return new CardSheetDrift(s.file(), s.year(), s.fingerprint(), s.rows(), s.stable(), s.moderate(),
                    s.major(), s.mostDrifted().stream().map(f -> new CardShift(f.feature(), f.psi(), f.level(),
                            f.outsideShare(), f.missingShare())).toList());
        }
    }

    record CardShift(String feature, Double psi, String level, Double outsideShare, Double missingShare) {
    }

    record Onnx(String file, Input input, Output output) {
        OnnxSpec toSpec(String path) {
            String inputPath = at(path, "input");
            String outputPath = at(path, "output");
            Input in = require(input, inputPath);
            Output out = require(output, outputPath);
            OutputKind kind = at(outputPath, () -> OutputKind.fromLabel(require(out.kind(), at(outputPath, "kind"))));
            String fileName = require(file, at(path, "file"));
            String inputName = require(in.name(), at(inputPath, "name"));
            List<Long> inputShape = shape(in.shape(), at(inputPath, "shape"));
            String outputName = require(out.name(), at(outputPath, "name"));
            List<Long> outputShape = shape(out.shape(), at(outputPath, "shape"));
            return at(path, () -> new OnnxSpec(fileName, inputName, inputShape, outputName, outputShape, kind,
                    out.positiveIndex() == null ? 0 : out.positiveIndex()));
        }
    }

    record Input(String name, List<Object> shape) {
    }

    record Output(String name, List<Object> shape, String kind, Integer positiveIndex) {
    }

    record Threshold(Double value, String rule) {
        DecisionThreshold toThreshold(String path) {
            double chosen = require(value, at(path, "value"));
            return at(path, () -> new DecisionThreshold(chosen, rule));
        }
    }

    record Feature(String name, String type, String description, Boolean required, Validation validation,
            TransformPart transform, Object imputation, Histogram histogram) {

        static Feature of(FeatureDefinition definition) {
            FeatureSpec spec = definition.spec();
            Validation validation = spec.type().isNumeric()
                    ? new Validation(spec.minimum(), spec.maximum(), null, null)
                    : new Validation(null, null, spec.categories(), spec.acceptsUnknownCategory());
            ReferenceHistogram h = definition.histogram();
            Histogram histogram = h == null ? null : h.isNumeric() ? new Histogram(h.edges(), null, h.counts(), h.missing())
                    : new Histogram(null, h.categories(), h.counts(), h.missing());
            return new Feature(spec.name(), spec.type().label(), spec.description(), spec.required(), validation,
                    TransformPart.of(definition.transform()),
                    spec.type().isNumeric() ? definition.imputation() : definition.imputedCategory(), histogram);
        }

        FeatureDefinition toDefinition(String path) {
            String featureName = require(name, at(path, "name"));
            FeatureType featureType = featureType(require(type, at(path, "type")), at(path, "type"));
            boolean isRequired = require(required, at(path, "required"));
            String validationPath = at(path, "validation");
            Validation rules = require(validation, validationPath);
            FeatureSpec spec;
            if (featureType.isNumeric()) {
                rules.only(validationPath, true);
                spec = at(path, () -> new FeatureSpec(featureName, featureType, description, rules.min(), rules.max(),
                        List.of(), isRequired, false));
            } else {
                rules.only(validationPath, false);
                List<String> categories = List.copyOf(requireAll(rules.categories(), at(validationPath, "categories")));
                boolean acceptUnknown = require(rules.acceptUnknown(), at(validationPath, "accept_unknown"));
                spec = at(path, () -> new FeatureSpec(featureName, featureType, description, null, null, categories,
                        isRequired, acceptUnknown));
            }
            String transformPath = at(path, "transform");
            Transform encoding = require(transform, transformPath).toTransform(transformPath);
            ReferenceHistogram reference = histogram == null ? null : histogram.toHistogram(at(path, "histogram"));
            String imputationPath = at(path, "imputation");
            if (featureType.isNumeric()) {
                if (imputation != null && !(imputation instanceof Number)) {
                    throw problem(imputationPath, "must be a number");
                }
                Double imputed = imputation == null ? null : ((Number) imputation).doubleValue();
                return at(path, () -> new FeatureDefinition(spec, encoding, imputed, reference));
            }
            if (imputation != null && !(imputation instanceof String)) {
                throw problem(imputationPath, "must be a string");
            }
            return at(path, () -> new FeatureDefinition(spec, encoding, null, reference, (String) imputation));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Validation(Double min, Double max, List<String> categories, Boolean acceptUnknown) {
        /** Refuses the keys of the other kind of feature. */
        void only(String path, boolean numeric) {
            String expected = numeric ? "min, max" : "categories, accept_unknown";
            if (numeric && categories != null || numeric && acceptUnknown != null) {
                throw problem(at(path, categories != null ? "categories" : "accept_unknown"),
                        "is not a known key here; expected one of " + expected);
            }
            if (!numeric && (min != null || max != null)) {
                throw problem(at(path, min != null ? "min" : "max"), "is not a known key here; expected one of "
                        + expected);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Histogram(List<Double> edges, List<String> categories, List<Long> counts, Long missing) {
        ReferenceHistogram toHistogram(String path) {
            List<Long> binCounts = List.copyOf(requireAll(counts, at(path, "counts")));
            if (edges != null) {
                List<Double> binEdges = List.copyOf(requireAll(edges, at(path, "edges")));
                return at(path, () -> new ReferenceHistogram(binEdges, List.of(), binCounts, missing));
            }
            List<String> words = List.copyOf(requireAll(categories, at(path, "categories")));
            return at(path, () -> new ReferenceHistogram(List.of(), words, binCounts, missing));
        }
    }

    record Derived(String name, String description, Expression expression, TransformPart transform) {
        static Derived of(DerivedFeature derived) {
            return new Derived(derived.name(), derived.description(), Expression.of(derived.expression()),
                    TransformPart.of(derived.transform()));
        }

        DerivedFeature toDerived(String path) {
            String derivedName = require(name, at(path, "name"));
            String expressionPath = at(path, "expression");
            DerivedFeature.Expression computed = require(expression, expressionPath).toExpression(expressionPath);
            String transformPath = at(path, "transform");
            Transform encoding = require(transform, transformPath).toTransform(transformPath);
            return at(path, () -> new DerivedFeature(derivedName, description, computed, encoding));
        }
    }

    /** How a derived input is computed, by {@code kind}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Expression.Mean.class, name = "mean"),
        @JsonSubTypes.Type(value = Expression.Product.class, name = "product"),
        @JsonSubTypes.Type(value = Expression.Ratio.class, name = "ratio")})
    sealed interface Expression {

        DerivedFeature.Expression toExpression(String path);

        static Expression of(DerivedFeature.Expression expression) {
            if (expression instanceof DerivedFeature.Expression.Mean mean) {
                return new Mean(mean.of());
            }
            if (expression instanceof DerivedFeature.Expression.Product product) {
                return new Product(product.of());
            }
            DerivedFeature.Expression.Ratio ratio = (DerivedFeature.Expression.Ratio) expression;
            return new Ratio(ratio.numerator(), ratio.denominator(), ratio.offset());
        }

        record Mean(List<String> of) implements Expression {
            @Override
            public DerivedFeature.Expression toExpression(String path) {
                List<String> inputs = List.copyOf(requireAll(of, at(path, "of")));
                return at(path, () -> new DerivedFeature.Expression.Mean(inputs));
            }
        }

        record Product(List<String> of) implements Expression {
            @Override
            public DerivedFeature.Expression toExpression(String path) {
                List<String> inputs = List.copyOf(requireAll(of, at(path, "of")));
                return at(path, () -> new DerivedFeature.Expression.Product(inputs));
            }
        }

        record Ratio(String numerator, String denominator, Double offset) implements Expression {
            @Override
            public DerivedFeature.Expression toExpression(String path) {
                String top = require(numerator, at(path, "numerator"));
                String bottom = require(denominator, at(path, "denominator"));
                double shift = require(offset, at(path, "offset"));
                return at(path, () -> new DerivedFeature.Expression.Ratio(top, bottom, shift));
            }
        }
    }

    /** How one value becomes model input, by {@code kind}, with its fitted parameters. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = TransformPart.Identity.class, name = "identity"),
        @JsonSubTypes.Type(value = TransformPart.Ignored.class, name = "ignored"),
        @JsonSubTypes.Type(value = TransformPart.MinMax.class, name = "minmax"),
        @JsonSubTypes.Type(value = TransformPart.Standard.class, name = "standard"),
        @JsonSubTypes.Type(value = TransformPart.Ordinal.class, name = "ordinal"),
        @JsonSubTypes.Type(value = TransformPart.OneHot.class, name = "one_hot")})
    sealed interface TransformPart {

        Transform toTransform(String path);

        static TransformPart of(Transform transform) {
            if (transform instanceof Transform.MinMax t) {
                return new MinMax(t.min(), t.max());
            }
            if (transform instanceof Transform.Standard t) {
                return new Standard(t.mean(), t.std());
            }
            if (transform instanceof Transform.Ordinal t) {
                return new Ordinal(t.categories(), t.unknownCode());
            }
            if (transform instanceof Transform.OneHot t) {
                return new OneHot(t.categories());
            }
            return transform instanceof Transform.Ignored ? new Ignored() : new Identity();
        }

        record Identity() implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                return new Transform.Identity();
            }
        }

        record Ignored() implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                return new Transform.Ignored();
            }
        }

        record MinMax(Double min, Double max) implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                double low = require(min, at(path, "min"));
                double high = require(max, at(path, "max"));
                return at(path, () -> new Transform.MinMax(low, high));
            }
        }

        record Standard(Double mean, Double std) implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                double centre = require(mean, at(path, "mean"));
                double spread = require(std, at(path, "std"));
                return at(path, () -> new Transform.Standard(centre, spread));
            }
        }

        record Ordinal(List<String> categories, Double unknownCode) implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                List<String> words = List.copyOf(requireAll(categories, at(path, "categories")));
                double unknown = require(unknownCode, at(path, "unknown_code"));
                return at(path, () -> new Transform.Ordinal(words, unknown));
            }
        }

        record OneHot(List<String> categories) implements TransformPart {
            @Override
            public Transform toTransform(String path) {
                List<String> words = List.copyOf(requireAll(categories, at(path, "categories")));
                return at(path, () -> new Transform.OneHot(words));
            }
        }
    }

    record Training(String source, String command, String dataFile, String dataFingerprint, Long rows, Long seed,
            Map<String, String> details) {
        TrainingProvenance toProvenance(String path) {
            Map<String, String> facts = requireAll(details, at(path, "details"));
            return at(path, () -> new TrainingProvenance(source, command, dataFile, dataFingerprint, rows, seed,
                    facts == null ? Map.of() : facts));
        }
    }

    private static List<Object> shape(List<Long> shape) {
        return shape.stream().map(d -> d == OnnxSpec.DYNAMIC ? (Object) DYNAMIC_DIMENSION : (Object) d).toList();
    }

    /** A shape as written: positive sizes, and a dimension name (or −1) for the batch. */
    static List<Long> shape(List<Object> shape, String path) {
        if (require(shape, path).isEmpty()) {
            throw problem(path, "must be an array such as [\"batch\", 18]");
        }
        List<Long> dims = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            Object d = shape.get(i);
            boolean whole = d instanceof Integer || d instanceof Long;
            if (d instanceof String || whole && ((Number) d).longValue() == OnnxSpec.DYNAMIC) {
                dims.add(OnnxSpec.DYNAMIC);
            } else if (whole && ((Number) d).longValue() > 0) {
                dims.add(((Number) d).longValue());
            } else {
                throw problem(at(path, i), "must be a positive size or a dimension name such as \"batch\"");
            }
        }
        return dims;
    }

    static Instant instant(String value, String path) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw problem(path, "'" + value + "' is not an ISO-8601 instant such as 2024-05-01T12:00:00Z");
        }
    }

    private static FeatureType featureType(String label, String path) {
        for (FeatureType t : FeatureType.values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw problem(path, "'" + label + "' is not a feature type; expected int, float or category");
    }
}
