package org.magicsteps.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.usecase.DescribeModel.ModelDescription;
import org.magicsteps.core.usecase.PredictBatch;

import org.magicsteps.http.InferenceProtocolBodies.InferenceRequest;
import org.magicsteps.http.InferenceProtocolBodies.RequestInput;
import org.magicsteps.http.InferenceProtocolBodies.RequestOutput;

/**
 * Reads the tensors of an Open Inference Protocol request into what the core scores, checking
 * every one first: its name, datatype and shape, that its data holds as many elements as its
 * shape says, and that the batch is within {@code MAX_BATCH_SIZE}. Two forms are accepted:
 *
 * <ul>
 *   <li>one input per feature, named as the feature, shape {@code [N]} (or {@code [N, 1]}), as
 *       MLServer's pandas codec sends a data frame's columns: {@code BYTES} for a category,
 *       {@code FP64}, {@code FP32}, {@code INT64} or {@code INT32} for a number, {@code null}
 *       for a value not measured;</li>
 *   <li>the model's own input tensor, named as the ONNX graph's input, {@code [N, width]}
 *       {@code FP32}, encoded as {@code /features/process} shows it.</li>
 * </ul>
 *
 * An optional {@code student_id} input ({@code BYTES} or whole numbers, one per student) names the
 * students in the log. Every problem found is reported at once.
 */
final class InferenceInputs {

    static final String STUDENT_ID = "student_id";
    static final String PROBABILITY = "probability";
    static final String PREDICTION = "prediction";
    static final String CONFIDENCE = "confidence";
    static final List<String> OUTPUTS = List.of(PROBABILITY, PREDICTION, CONFIDENCE);
    static final String ENCODED_DATATYPE = "FP32";

    /** The protocol's datatypes; anything else is not a datatype at all. */
    private static final Set<String> DATATYPES = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16",
            "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES");
    private static final Set<String> NUMERIC = Set.of("FP64", "FP32", "INT64", "INT32");
    private static final Set<String> WHOLE = Set.of("INT64", "INT32");
    /** Past this many bad elements in one tensor, the rest are counted rather than listed. */
    private static final int LISTED_PER_TENSOR = 5;

    /** What one request asks: the students to score, and the outputs to answer. */
    record Decoded(Inputs inputs, List<String> outputs) {
    }

    /** The students of a request, in one of the two forms. */
    sealed interface Inputs permits ByFeature, EncodedRows {
    }

    /** Students by feature, as {@code /predict/batch} takes them. */
    record ByFeature(List<PredictBatch.Student> students) implements Inputs {
    }

    /** Students already encoded, row-major. */
    record EncodedRows(String tensor, float[] rows, List<String> studentIds) implements Inputs {
    }

    /** An input whose name, datatype and shape are sound, and its elements, flat. */
    private record Tensor(int index, String name, String datatype, List<Long> shape, List<Object> elements) {

        String label() {
            return "inputs[" + index + "] '" + name + "'";
        }

        /** The number of students: the first dimension. */
        long rows() {
            return shape.isEmpty() ? 1 : shape.get(0);
        }
    }

    private final List<Violation> problems = new ArrayList<>();
    private final ModelDescription model;
    private final int maxBatchSize;

    private InferenceInputs(ModelDescription model, int maxBatchSize) {
        this.model = model;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * @throws HttpProblem.Rejected listing every problem of every tensor
     */
    static Decoded decode(InferenceRequest request, ModelDescription model, int maxBatchSize) {
        InferenceInputs reader = new InferenceInputs(model, maxBatchSize);
        Decoded decoded = reader.read(request);
        if (!reader.problems.isEmpty()) {
            throw new HttpProblem.Rejected("body", reader.problems);
        }
        return decoded;
    }

    /**
     * The core's refusal of a decoded request, located in the request's own terms: which input,
     * which row.
     */
    static HttpProblem.Rejected located(ValidationException refused, Inputs inputs) {
        List<Violation> located = new ArrayList<>();
        for (Violation v : refused.violations()) {
            List<Object> at = v.location();
            String where = null;
            if (at.size() >= 4 && "students".equals(at.get(0)) && "features".equals(at.get(2))) {
                where = "input '" + at.get(3) + "', row " + at.get(1);
            } else if (at.size() >= 3 && "students".equals(at.get(0)) && STUDENT_ID.equals(at.get(2))) {
                where = "input '" + STUDENT_ID + "', row " + at.get(1);
            } else if (at.size() >= 2 && "rows".equals(at.get(0)) && inputs instanceof EncodedRows rows) {
                where = "input '" + rows.tensor() + "', row " + at.get(1);
            }
            located.add(where == null ? v : new Violation(at, v.field(), v.value(), v.kind(), where + ": " + v.message()));
        }
        return new HttpProblem.Rejected("body", located);
    }

    private Decoded read(InferenceRequest request) {
        List<String> outputs = outputs(request.outputs());
        List<RequestInput> given = request.inputs();
        if (given == null || given.isEmpty()) {
            problem("inputs: at least one input tensor is required: " + expectedInputs());
            return new Decoded(new ByFeature(List.of()), outputs);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            RequestInput input = given.get(i);
            if (input == null) {
                problem("inputs[" + i + "]: is null, expected a tensor");
                continue;
            }
            if (input.name() != null && !names.add(input.name())) {
                problem("inputs[" + i + "]: a second input named '" + input.name() + "'");
                continue;
            }
            Tensor tensor = tensor(i, input);
            if (tensor != null) {
                tensors.put(tensor.name(), tensor);
            }
        }
        Optional<String> tensorName = model.encodedInput().map(ModelInput::name);
        if (tensorName.isPresent() && names.contains(tensorName.get())) {
            return new Decoded(encodedRows(tensors, names, tensorName.get()), outputs);
        }
        return new Decoded(byFeature(tensors, names), outputs);
    }

    private Inputs byFeature(Map<String, Tensor> tensors, Set<String> names) {
        FeatureSchema schema = model.schema();
        for (String name : names) {
            if (schema.feature(name).isEmpty() && !STUDENT_ID.equals(name)) {
                Tensor tensor = tensors.get(name);
                problem((tensor == null ? "input" : tensor.label()) + ": '" + name + "' is not an input of model '"
                        + model.name() + "'; its inputs are " + expectedInputs());
            }
        }
        for (FeatureSpec spec : schema.features()) {
            if (spec.required() && !names.contains(spec.name())) {
                problem("input '" + spec.name() + "' is missing: model '" + model.name() + "' requires that feature");
            }
        }
        long rows = agreedRows(tensors.values());
        List<String> ids = null;
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (Tensor tensor : tensors.values()) {
            if (STUDENT_ID.equals(tensor.name())) {
                ids = studentIds(tensor);
            } else if (schema.feature(tensor.name()).isPresent()) {
                columns.put(tensor.name(), featureValues(tensor, schema.feature(tensor.name()).get()));
            }
        }
        if (rows < 0 || !problems.isEmpty()) {
            return new ByFeature(List.of());
        }
        List<PredictBatch.Student> batch = new ArrayList<>((int) rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> student = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
                Object value = column.getValue().get(r);
                if (value != null) {
                    student.put(column.getKey(), value);
                }
            }
            batch.add(new PredictBatch.Student(ids == null ? null : ids.get(r), student));
        }
        return new ByFeature(batch);
    }

    private Inputs encodedRows(Map<String, Tensor> tensors, Set<String> names, String tensorName) {
        ModelInput input = model.encodedInput().orElseThrow();
        for (String name : names) {
            if (!name.equals(tensorName) && !STUDENT_ID.equals(name)) {
                problem("input '" + name + "': send either one input per feature or the encoded tensor '"
                        + tensorName + "', not both");
            }
        }
        Tensor tensor = tensors.get(tensorName);
        float[] rows = new float[0];
        if (tensor != null) {
            if (!ENCODED_DATATYPE.equals(tensor.datatype())) {
                problem(tensor.label() + ": datatype " + tensor.datatype() + ", but the model's input takes "
                        + ENCODED_DATATYPE);
            }
            List<Long> shape = tensor.shape();
            if (shape.size() != 2 || shape.get(1) != input.width()) {
                problem(tensor.label() + ": shape " + shape + ", but the model's input is [N, " + input.width() + "]");
            } else if (withinBatch(tensor.label(), shape.get(0))) {
                rows = floats(tensor);
            }
        }
        List<String> ids = null;
        Tensor idTensor = tensors.get(STUDENT_ID);
        if (idTensor != null && tensor != null) {
            boolean column = idTensor.shape().size() == 1 || idTensor.shape().size() == 2 && idTensor.shape().get(1) == 1;
            if (!column || idTensor.rows() != tensor.rows()) {
                problem(idTensor.label() + ": shape " + idTensor.shape() + ", but " + tensor.label() + " holds "
                        + tensor.rows() + " students: send [" + tensor.rows() + "]");
            } else {
                ids = studentIds(idTensor);
            }
        }
        return new EncodedRows(tensorName, rows, ids);
    }

    /** Checks an input on its own: name, datatype, parameters, shape against its data. */
    private Tensor tensor(int index, RequestInput input) {
        String at = "inputs[" + index + "]" + (input.name() == null ? "" : " '" + input.name() + "'");
        int before = problems.size();
        if (input.name() == null || input.name().isBlank()) {
            problem(at + ".name: is required");
        }
        if (input.datatype() == null) {
            problem(at + ".datatype: is required");
        } else if (!DATATYPES.contains(input.datatype())) {
            problem(at + ".datatype: '" + input.datatype() + "' is not an Open Inference Protocol datatype "
                    + "(BOOL, INT8–64, UINT8–64, FP16, FP32, FP64, BYTES)");
        }
        if (input.parameters() != null && input.parameters().containsKey("binary_data_size")) {
            problem(at + ": binary tensor data is not supported; send the elements as JSON in data");
        }
        if (input.shape() == null) {
            problem(at + ".shape: is required");
        } else if (input.shape().stream().anyMatch(d -> d == null || d < 0)) {
            problem(at + ".shape: " + input.shape() + " must be whole numbers of 0 or more");
        }
        if (input.data() == null) {
            problem(at + ".data: is required");
        }
        if (problems.size() > before) {
            return null;
        }
        long expected = elements(input.shape(), at);
        if (expected < 0) {
            return null;
        }
        List<Object> elements = flatten(input.data(), input.shape());
        if (elements == null) {
            problem(at + ".data: is nested, but not as its shape " + input.shape());
            return null;
        }
        if (elements.size() != expected) {
            problem(at + ": shape " + input.shape() + " holds " + expected + " elements, but data has "
                    + elements.size());
            return null;
        }
        return new Tensor(index, input.name(), input.datatype(), List.copyOf(input.shape()), elements);
    }

    /** How many elements a shape holds, or −1 (with a problem) when the count is absurd. */
    private long elements(List<Long> shape, String at) {
        long count = 1;
        for (long dimension : shape) {
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException overflow) {
                problem(at + ".shape: " + shape + " holds more elements than any request can carry");
                return -1;
            }
        }
        return count;
    }

    /** The number of students all these tensors agree on, or −1 (with a problem) when they do not. */
    private long agreedRows(Iterable<Tensor> tensors) {
        long rows = -1;
        Tensor first = null;
        for (Tensor tensor : tensors) {
            boolean column = tensor.shape().size() == 1 || tensor.shape().size() == 2 && tensor.shape().get(1) == 1;
            if (!column) {
                problem(tensor.label() + ": shape " + tensor.shape() + ", but an input per feature is [N] or [N, 1], "
                        + "one element per student");
                return -1;
            }
            if (first == null) {
                first = tensor;
                rows = tensor.rows();
                if (!withinBatch(tensor.label(), rows)) {
                    return -1;
                }
            } else if (tensor.rows() != rows) {
                problem(tensor.label() + ": " + tensor.rows() + " students, but " + first.label() + " has " + rows);
                return -1;
            }
        }
        return rows;
    }

    private boolean withinBatch(String label, long rows) {
        if (rows == 0) {
            problem(label + ": holds no student; a batch needs at least 1");
            return false;
        }
        if (rows > maxBatchSize) {
            problem(label + ": " + rows + " students are above the limit of " + maxBatchSize + " (MAX_BATCH_SIZE)");
            return false;
        }
        return true;
    }

    /** A feature's column: numbers as {@link Double}, words as text, {@code null} for a value not measured. */
    private List<Object> featureValues(Tensor tensor, FeatureSpec spec) {
        boolean numeric = spec.type() != FeatureType.CATEGORICAL;
        if (numeric && !NUMERIC.contains(tensor.datatype())) {
            problem(tensor.label() + ": datatype " + tensor.datatype() + ", but '" + spec.name() + "' is a number: "
                    + "send FP64, FP32, INT64 or INT32");
            return null;
        }
        if (!numeric && !"BYTES".equals(tensor.datatype())) {
            problem(tensor.label() + ": datatype " + tensor.datatype() + ", but '" + spec.name() + "' is a category ("
                    + String.join(", ", spec.categories()) + "): send BYTES");
            return null;
        }
        List<Object> values = new ArrayList<>(tensor.elements().size());
        Elements bad = new Elements(tensor);
        for (int r = 0; r < tensor.elements().size(); r++) {
            Object element = tensor.elements().get(r);
            if (element == null) {
                values.add(null);
            } else if (numeric) {
                Double number = number(element, WHOLE.contains(tensor.datatype()));
                bad.check(number != null, r, element, WHOLE.contains(tensor.datatype()) ? "a whole number" : "a number");
                values.add(number);
            } else {
                bad.check(element instanceof String, r, element, "a string");
                values.add(element instanceof String ? element : null);
            }
        }
        return bad.report() ? values : null;
    }

    private List<String> studentIds(Tensor tensor) {
        boolean text = "BYTES".equals(tensor.datatype());
        if (!text && !WHOLE.contains(tensor.datatype())) {
            problem(tensor.label() + ": datatype " + tensor.datatype() + ", but student ids are BYTES (or INT64, INT32)");
            return null;
        }
        List<String> ids = new ArrayList<>(tensor.elements().size());
        Elements bad = new Elements(tensor);
        for (int r = 0; r < tensor.elements().size(); r++) {
            Object element = tensor.elements().get(r);
            if (element == null) {
                ids.add(null);
            } else if (text) {
                bad.check(element instanceof String, r, element, "a string");
                ids.add(element instanceof String s ? s : null);
            } else {
                Double number = number(element, true);
                bad.check(number != null, r, element, "a whole number");
                ids.add(number == null ? null : Long.toString(number.longValue()));
            }
        }
        return bad.report() ? ids : null;
    }

    private float[] floats(Tensor tensor) {
        float[] rows = new float[tensor.elements().size()];
        Elements bad = new Elements(tensor);
        for (int i = 0; i < rows.length; i++) {
            Object element = tensor.elements().get(i);
            Double number = element == null ? null : number(element, false);
            boolean finite = number != null && Float.isFinite(number.floatValue());
            bad.check(finite, i, element, "a finite number");
            rows[i] = finite ? number.floatValue() : 0f;
        }
        return bad.report() ? rows : new float[0];
    }

    /** A JSON number as a double, or {@code null} when it is not one (or not whole when {@code whole}). */
    private static Double number(Object element, boolean whole) {
        if (!(element instanceof Number n)) {
            return null;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && (!whole || d == Math.rint(d)) ? d : null;
    }

    /** Collects the bad elements of one tensor, listing the first few and counting the rest. */
    private final class Elements {
        private final Tensor tensor;
        private final List<String> listed = new ArrayList<>();
        private int count;

        Elements(Tensor tensor) {
            this.tensor = tensor;
        }

        void check(boolean good, int index, Object element, String expected) {
            if (good) {
                return;
            }
            count++;
            if (listed.size() < LISTED_PER_TENSOR) {
                listed.add("element " + index + " is " + describe(element) + ", not " + expected);
            }
        }

        /** @return whether every element was good */
        boolean report() {
            if (count == 0) {
                return true;
            }
            problem(tensor.label() + " (" + tensor.datatype() + "): " + String.join("; ", listed)
                    + (count > listed.size() ? "; and " + (count - listed.size()) + " more" : ""));
            return false;
        }
    }

    private static String describe(Object element) {
        if (element == null) {
            return "null";
        }
        return element instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\""
                : element instanceof List ? "an array" : element instanceof Map ? "an object" : element.toString();
    }

    /**
     * The elements in row-major order: {@code data} itself when flat, else its nesting, which must
     * follow the shape exactly; {@code null} when it does not.
     */
    private static List<Object> flatten(List<Object> data, List<Long> shape) {
        if (data.stream().noneMatch(e -> e instanceof List)) {
            return data;
        }
        List<Object> out = new ArrayList<>();
        return collect(data, shape, 0, out) ? out : null;
    }

    private static boolean collect(Object node, List<Long> shape, int depth, List<Object> out) {
        if (depth == shape.size()) {
            if (node instanceof List) {
                return false;
            }
            out.add(node);
            return true;
        }
        if (!(node instanceof List<?> list) || list.size() != shape.get(depth)) {
            return false;
        }
        for (Object element : list) {
            if (!collect(element, shape, depth + 1, out)) {
                return false;
            }
        }
        return true;
    }

    private List<String> outputs(List<RequestOutput> requested) {
        if (requested == null || requested.isEmpty()) {
            return OUTPUTS;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            RequestOutput output = requested.get(i);
            if (output == null || output.name() == null) {
                problem("outputs[" + i + "].name: is required");
            } else if (!OUTPUTS.contains(output.name())) {
                problem("outputs[" + i + "].name: '" + output.name() + "' is not an output of model '" + model.name()
                        + "'; its outputs are " + String.join(", ", OUTPUTS));
            } else {
                chosen.add(output.name());
            }
        }
        return List.copyOf(chosen);
    }

    private String expectedInputs() {
        String features = "one per feature (" + String.join(", ", model.schema().names()) + ")";
        return model.encodedInput().map(input -> features + ", or its encoded tensor '" + input.name() + "' [N, "
                + input.width() + "] " + ENCODED_DATATYPE).orElse(features);
    }

    private void problem(String message) {
        problems.add(Violation.of("inputs", null, Kind.INVALID, message));
    }
}
