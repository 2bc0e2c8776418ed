package org.magicsteps.model;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.PedeDomain;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Calibration;
import org.magicsteps.model.bundle.ExplanationReference;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.InputEncoder;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.ReferenceHistogram;
import org.magicsteps.model.bundle.ServedSchema;
import org.magicsteps.model.explain.ExplanationReferences;
import org.magicsteps.model.explain.KernelShapExplainer;
import org.magicsteps.model.explain.LinearExplainer;

/**
 * A {@link Predictor} that runs a {@link ModelBundle}'s ONNX graph with ONNX Runtime (the
 * runtime that Tribuo's {@code tribuo-onnx} brings). One session per loaded model, shared by
 * every thread; a list of N students is one {@code run} on an {@code [N, width]} tensor.
 *
 * <p>Both output kinds take this one path: Tribuo's {@code ONNXExternalModel} cannot express a
 * single-logit output (the original network's), so the session is used directly; a test checks
 * that for a probability output this predictor equals Tribuo's wrapper.
 *
 * <p>It explains itself ({@link #explainer()}): exactly when its graph's log-odds is linear in its
 * input (read from the graph), by Kernel SHAP over the bundle's background sample otherwise.
 *
 * <p>Close it to free the native session.
 */
public final class OnnxPredictor implements Predictor, AutoCloseable {

    private final ModelBundle bundle;
    private final BundleManifest manifest;
    private final FeatureSchema schema;
    private final ModelInfo info;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> outputNames;
    private final InputEncoder encoder;
    private final EncodedInput encodedInput;
    private final List<FeatureReference> trainingReference;
    /** Built on first use: whether the graph is affine, and the explainer that follows from it. */
    private volatile Explaining explaining;

    private record Explaining(Optional<AffineLogOdds> affine, Explainer explainer) {
    }

    private OnnxPredictor(ModelBundle bundle, OrtEnvironment environment, OrtSession session) {
        this.bundle = bundle;
        this.manifest = bundle.manifest();
        // Validation follows the PEDE domain; values beyond what training saw are flagged, not refused.
        this.schema = ServedSchema.of(manifest, PedeDomain.of(Year.now().getValue()));
        this.info = manifest.modelInfo().withHeldOut(bundle.heldOut().orElse(null));
        this.environment = environment;
        this.session = session;
        this.outputNames = Set.of(manifest.onnx().outputName());
        this.encoder = manifest.encoder().checkingWith(schema);
        this.encodedInput = new GraphInput();
        this.trainingReference = manifest.features().stream().map(OnnxPredictor::reference).toList();
    }

    /**
     * Opens an ONNX Runtime session on the bundle's graph and checks the graph against the
     * manifest: the input and output names, their element type (float) and shapes, and that the
     * input width equals what the manifest's features make.
     *
     * @throws ModelLoadException naming the ONNX file and the mismatch
     */
    public static OnnxPredictor open(ModelBundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        String source = bundle.onnxSource();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // The graphs are small: threads fanning out one run cost more than they save, and
            // concurrency comes from the callers' own threads sharing the session.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(bundle.onnxModel(), options);
        } catch (OrtException e) {
            throw new ModelLoadException(source, "ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
        try {
            checkSignature(session, bundle.manifest(), source);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        return new OnnxPredictor(bundle, environment, session);
    }

    /**
     * Loads the bundle in {@code directory} and opens it.
     *
     * @throws ModelLoadException naming the file at fault and the problem
     */
    public static OnnxPredictor load(Path directory) {
        return open(ModelBundle.load(directory));
    }

    /** The bundle this predictor runs. */
    public ModelBundle bundle() {
        return bundle;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public double[] probabilities(List<StudentFeatures> students) {
        int count = students.size();
        if (count == 0) {
            return new double[0];
        }
        return probabilitiesOf(encodeAll(students), count);
    }

    /**
     * The graph's input rows for {@code students}, in one pass per student where it can.
     *
     * @throws IllegalArgumentException when a student does not pass the schema
     */
    private float[] encodeAll(List<StudentFeatures> students) {
        int width = manifest.inputWidth();
        float[] input = new float[students.size() * width];
        for (int i = 0; i < students.size(); i++) {
            StudentFeatures student = Objects.requireNonNull(students.get(i), "student");
            if (!encoder.encodeIfValid(student.values(), input, i * width)) {
                // The schema names what the student breaks; should it accept what the one pass
                // refused, it has the last word and the student is encoded the usual way.
                encode(requireValid(student, i), input, i * width);
            }
        }
        return input;
    }

    /** The graph's own input, {@code [N, width]} floats: for clients that encode students themselves. */
    @Override
    public Optional<EncodedInput> encodedInput() {
        return Optional.of(encodedInput);
    }

    /**
     * The log-odds {@code ln(p / (1 − p))} of the probability each student gets: what an
     * explanation adds up to. For a graph whose log-odds is affine in its input, the affine
     * function computed in double precision from the graph's own weights (float32 inference rounds
     * it, and a float32 softmax cannot tell log-odds beyond about ±87 apart); for any other graph,
     * from its output without going through {@code p}: the logit itself, or
     * {@code ln p_positive − ln p_others}.
     *
     * @throws IllegalArgumentException when a student does not pass the schema
     * @throws PortException when the model fails to run
     */
    public double[] logOdds(List<StudentFeatures> students) {
        int count = students.size();
        if (count == 0) {
            return new double[0];
        }
        int width = manifest.inputWidth();
        float[] input = encodeAll(students);
        Optional<AffineLogOdds> affine = explaining().affine();
        if (affine.isPresent()) {
            double[] logOdds = new double[count];
            for (int i = 0; i < count; i++) {
                logOdds[i] = affine.get().logOdds(input, i * width);
            }
            return logOdds;
        }
        return logOddsOfInputs(input, count);
    }

    /**
     * Explains this model's predictions: {@link LinearExplainer} when the graph's log-odds (after a
     * calibration the predictor applies) is linear in its input, checked on the background students
     * against the runtime's answers; when the graph also clips its log-odds, the students it clips
     * by Kernel SHAP; {@link KernelShapExplainer} for any other graph. All over the bundle's
     * {@link ExplanationReference} (or one derived from what the bundle carries). Built on first use.
     */
    @Override
    public Optional<Explainer> explainer() {
        return Optional.of(explaining().explainer());
    }

    /**
     * How {@link #explainer()} explains: {@link org.magicsteps.core.domain.Explanation#LINEAR} when the
     * graph's log-odds is linear in its input, else {@link org.magicsteps.core.domain.Explanation#KERNEL_SHAP}.
     */
    public String explanationMethod() {
        return explaining().affine().isPresent() ? org.magicsteps.core.domain.Explanation.LINEAR
                : org.magicsteps.core.domain.Explanation.KERNEL_SHAP;
    }

    /** Each feature's training histogram, as the manifest carries it (unknown where it does not). */
    @Override
    public List<FeatureReference> trainingReference() {
        return trainingReference;
    }

    private Explaining explaining() {
        Explaining built = explaining;
        if (built == null) {
            synchronized (this) {
                if (explaining == null) {
                    explaining = buildExplaining();
                }
                built = explaining;
            }
        }
        return built;
    }

    private Explaining buildExplaining() {
        ExplanationReference reference = ExplanationReferences.of(manifest);
        int width = manifest.inputWidth();
        Calibration calibration = manifest.calibration();
        Optional<AffineLogOdds> affine = AffineLogOdds.of(bundle.onnxModel(), manifest.onnx(), width)
                // A calibration the predictor applies is part of the log-odds explained.
                .map(a -> calibration == null || calibration.inGraph() ? a
                        : a.calibrated(calibration.scale(), calibration.shift(), calibration.logOddsLimit()))
                .filter(a -> agreesWithRuntime(a, reference.background()));
        KernelShapExplainer kernel = new KernelShapExplainer(manifest, schema, this::logOddsOfInputs,
                reference.background(), reference.inputMeans());
        if (affine.isEmpty()) {
            return new Explaining(affine, kernel);
        }
        double[] means = reference.inputMeans().stream().mapToDouble(Double::doubleValue).toArray();
        LinearExplainer linear = new LinearExplainer(manifest, schema, affine.get().weights(), affine.get().bias(),
                means);
        return new Explaining(affine, new ClipAwareExplainer(affine.get(), encoder, linear, kernel));
    }

    /**
     * Whether the affine reading of the graph gives the runtime's answers on the background students:
     * the same probabilities to float32 rounding (a misreading of the graph is off by far more).
     */
    private boolean agreesWithRuntime(AffineLogOdds affine, List<StudentFeatures> students) {
        double[] runtime = probabilities(students);
        float[] row = new float[manifest.inputWidth()];
        for (int i = 0; i < students.size(); i++) {
            encode(students.get(i), row, 0);
            double expected = 1 / (1 + Math.exp(-affine.logOdds(row, 0)));
            if (!(Math.abs(expected - runtime[i]) <= 1e-5)) {
                return false;
            }
        }
        return true;
    }

    private double[] logOddsOfInputs(float[] input, int count) {
        float[] output = run(input, count);
        OnnxSpec onnx = manifest.onnx();
        int columns = onnx.outputColumns();
        double[] logOdds = new double[count];
        for (int i = 0; i < count; i++) {
            logOdds[i] = logOdds(output, i * columns, columns, onnx);
        }
        return logOdds;
    }

    private double logOdds(float[] output, int at, int columns, OnnxSpec onnx) {
        double positive = output[at + onnx.positiveIndex()];
        if (Double.isNaN(positive)) {
            throw new PortException("model " + info.version() + " returned NaN");
        }
        Calibration calibration = manifest.calibration();
        boolean mapHere = calibration != null && !calibration.inGraph();
        if (onnx.outputKind() == OutputKind.LOGIT) {
            return mapHere ? calibration.logOddsOf(positive) : positive;
        }
        double others;
        if (columns == 1) {
            others = 1 - positive;
        } else {
            others = 0;
            for (int c = 0; c < columns; c++) {
                others += c == onnx.positiveIndex() ? 0 : output[at + c];
            }
        }
        // A probability that rounds to 0 or 1 in float32 still gets finite log-odds.
        double logOdds = Math.log(Math.max(positive, Float.MIN_VALUE)) - Math.log(Math.max(others, Float.MIN_VALUE));
        return mapHere ? calibration.logOddsOf(logOdds) : logOdds;
    }

    private static FeatureReference reference(FeatureDefinition feature) {
        boolean read = feature.transform().width() > 0;
        boolean numeric = feature.type().isNumeric();
        ReferenceHistogram h = feature.histogram();
        if (h == null) {
            return FeatureReference.unknown(feature.name(), numeric, read);
        }
        return numeric ? FeatureReference.numeric(feature.name(), read, h.edges(), h.counts(), h.missing())
                : FeatureReference.categorical(feature.name(), read, h.categories(), h.counts(), h.missing());
    }

    @Override
    public ProcessedFeatures process(StudentFeatures student) {
        requireValid(student, 0);
        float[] input = new float[manifest.inputWidth()];
        encode(student, input, 0);
        List<String> names = manifest.inputNames();
        List<Double> values = new ArrayList<>(input.length);
        Map<String, Double> normalized = new LinkedHashMap<>();
        for (int i = 0; i < input.length; i++) {
            values.add((double) input[i]);
            normalized.put(names.get(i), (double) input[i]);
        }
        return new ProcessedFeatures(student, normalized, names, values);
    }

    /** Frees the native session; the predictor cannot be used afterwards. */
    @Override
    public void close() {
        closeQuietly(session);
    }

    private double[] probabilitiesOf(float[] input, int count) {
        float[] output = run(input, count);
        OnnxSpec onnx = manifest.onnx();
        int columns = onnx.outputColumns();
        double[] probabilities = new double[count];
        for (int i = 0; i < count; i++) {
            double value = output[i * columns + onnx.positiveIndex()];
            probabilities[i] = probability(value, onnx.outputKind());
        }
        return probabilities;
    }

    /** Rows a client encoded, fed to the session as they are, after checking they are whole rows of finite numbers. */
    private final class GraphInput implements EncodedInput {
        private final ModelInput input = new ModelInput(manifest.onnx().inputName(), manifest.inputNames());

        @Override
        public ModelInput input() {
            return input;
        }

        @Override
        public double[] probabilities(float[] rows) {
            int width = input.width();
            if (rows.length % width != 0) {
                throw new IllegalArgumentException(rows.length + " values do not make whole rows of " + width);
            }
            for (int i = 0; i < rows.length; i++) {
                if (!Float.isFinite(rows[i])) {
                    throw new IllegalArgumentException("row " + i / width + ", column " + input.columns().get(i % width)
                            + ": " + rows[i] + " is not a finite number");
                }
            }
            int count = rows.length / width;
            return count == 0 ? new double[0] : probabilitiesOf(rows.clone(), count);
        }
    }

    private void encode(StudentFeatures student, float[] out, int offset) {
        encoder.encode(student.values(), out, offset);
    }

    private StudentFeatures requireValid(StudentFeatures student, int index) {
        List<Violation> violations = schema.check(Objects.requireNonNull(student, "student"));
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("student " + index + ": " + violations.get(0).message());
        }
        return student;
    }

    private float[] run(float[] input, int count) {
        OnnxSpec onnx = manifest.onnx();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                new long[] {count, manifest.inputWidth()});
                OrtSession.Result result = session.run(Map.of(onnx.inputName(), tensor), outputNames)) {
            OnnxValue value = result.get(onnx.outputName())
                    .orElseThrow(() -> new PortException("model " + info.version() + " returned no output '"
                            + onnx.outputName() + "'"));
            FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
            float[] output = new float[buffer.remaining()];
            buffer.get(output);
            if (output.length != count * onnx.outputColumns()) {
                throw new PortException("model " + info.version() + " returned " + output.length + " values for "
                        + count + " students, expected " + count * onnx.outputColumns());
            }
            return output;
        } catch (OrtException e) {
            throw new PortException("model " + info.version() + " failed to run: " + e.getMessage(), e);
        }
    }

    private double probability(double value, OutputKind kind) {
        if (Double.isNaN(value)) {
            throw new PortException("model " + info.version() + " returned NaN");
        }
        Calibration calibration = manifest.calibration();
        boolean mapHere = calibration != null && !calibration.inGraph();
        if (kind == OutputKind.LOGIT) {
            return mapHere ? calibration.probabilityOf(value) : 1.0 / (1.0 + Math.exp(-value));
        }
        // A float softmax can land a rounding error outside [0, 1]; anything further is a broken model.
        if (value < -1e-6 || value > 1 + 1e-6) {
            throw new PortException("model " + info.version() + " returned " + value + ", not a probability");
        }
        double p = Math.min(1.0, Math.max(0.0, value));
        return mapHere ? calibration.probabilityOf(Math.log(p) - Math.log1p(-p)) : p;
    }

    private static void checkSignature(OrtSession session, BundleManifest manifest, String source) {
        OnnxSpec onnx = manifest.onnx();
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (!inputs.containsKey(onnx.inputName())) {
                throw new ModelLoadException(source, "has no input '" + onnx.inputName() + "' (the manifest's "
                        + "onnx.input.name); its inputs are " + inputs.keySet());
            }
            if (inputs.size() > 1) {
                throw new ModelLoadException(source, "has inputs " + inputs.keySet() + ", but the manifest feeds only '"
                        + onnx.inputName() + "'");
            }
            if (!outputs.containsKey(onnx.outputName())) {
                throw new ModelLoadException(source, "has no output '" + onnx.outputName() + "' (the manifest's "
                        + "onnx.output.name); its outputs are " + outputs.keySet());
            }
            TensorInfo input = tensor(inputs.get(onnx.inputName()), "input", source);
            long[] inputShape = input.getShape();
            if (inputShape.length == 2 && inputShape[1] > 0 && inputShape[1] != manifest.inputWidth()) {
                throw new ModelLoadException(source, "input '" + onnx.inputName() + "' takes " + inputShape[1]
                        + " values per student, but the manifest's " + manifest.features().size() + " features make "
                        + manifest.inputWidth() + " (feature count mismatch)");
            }
            requireShape(inputShape, onnx.inputShape(), "input '" + onnx.inputName() + "'", "onnx.input.shape", source);
            TensorInfo output = tensor(outputs.get(onnx.outputName()), "output", source);
            requireShape(output.getShape(), onnx.outputShape(), "output '" + onnx.outputName() + "'",
                    "onnx.output.shape", source);
        } catch (OrtException e) {
            throw new ModelLoadException(source, "ONNX Runtime cannot describe its inputs and outputs: "
                    + e.getMessage(), e);
        }
    }

    private static TensorInfo tensor(NodeInfo node, String role, String source) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelLoadException(source, role + " '" + node.getName() + "' is not a tensor but "
                    + node.getInfo());
        }
        if (tensor.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException(source, role + " '" + node.getName() + "' holds " + tensor.type
                    + ", but the service exchanges float tensors");
        }
        return tensor;
    }

    private static void requireShape(long[] actual, List<Long> expected, String what, String key, String source) {
        boolean matches = actual.length == expected.size();
        for (int i = 0; matches && i < actual.length; i++) {
            long want = expected.get(i);
            // ONNX Runtime reports a named or unknown dimension as -1.
            matches = want == OnnxSpec.DYNAMIC ? actual[i] < 0 : actual[i] == want;
        }
        if (!matches) {
            throw new ModelLoadException(source, what + " has shape " + shapeText(actual) + ", but the manifest's "
                    + key + " is " + OnnxSpec.shapeText(expected));
        }
    }

    private static String shapeText(long[] shape) {
        return OnnxSpec.shapeText(Arrays.stream(shape).map(d -> d < 0 ? OnnxSpec.DYNAMIC : d).boxed().toList());
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing the caller could act on.
        }
    }
}
