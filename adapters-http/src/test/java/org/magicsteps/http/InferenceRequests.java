package org.magicsteps.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;

/** Builds Open Inference Protocol requests as MLServer's pandas codec sends a data frame: one input per column. */
final class InferenceRequests {

    private InferenceRequests() {
    }

    /** Valid students of {@code schema}, at random but reproducibly: every number within its range, any category. */
    static List<Map<String, Object>> students(FeatureSchema schema, int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> students = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> student = new LinkedHashMap<>();
            for (FeatureSpec spec : schema.features()) {
                double low = spec.minimum() == null ? 0 : spec.minimum();
                double high = spec.maximum() == null ? low + 10 : spec.maximum();
                student.put(spec.name(), switch (spec.type()) {
                    case INTEGER -> (long) Math.ceil(low) + random.nextInt((int) (Math.floor(high) - Math.ceil(low)) + 1);
                    case FLOAT -> Math.round((low + random.nextDouble() * (high - low)) * 1000) / 1000.0;
                    case CATEGORICAL -> spec.categories().get(random.nextInt(spec.categories().size()));
                });
            }
            students.add(student);
        }
        return students;
    }

    /** The students as a {@code /predict/batch} body. */
    static String batch(List<Map<String, Object>> students) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        ArrayNode list = body.putArray("students");
        students.forEach(s -> list.addObject().set("features", TestServer.JSON.valueToTree(s)));
        return body.toString();
    }

    /** The students as an inference request: one input per feature of {@code schema}, shape [N]. */
    static ObjectNode byFeature(FeatureSchema schema, List<Map<String, Object>> students) {
        ObjectNode request = TestServer.JSON.createObjectNode();
        request.putObject("parameters").put("content_type", "pd");
        ArrayNode inputs = request.putArray("inputs");
        for (FeatureSpec spec : schema.features()) {
            ObjectNode input = inputs.addObject().put("name", spec.name()).put("datatype", switch (spec.type()) {
                case INTEGER -> "INT64";
                case FLOAT -> "FP64";
                case CATEGORICAL -> "BYTES";
            });
            input.putArray("shape").add(students.size());
            ArrayNode data = input.putArray("data");
            students.forEach(s -> data.add(TestServer.JSON.valueToTree(s.get(spec.name()))));
        }
        return request;
    }

    /** The input of {@code request} named {@code name}. */
    static ObjectNode input(ObjectNode request, String name) {
        for (var input : request.get("inputs")) {
            if (input.get("name").asText().equals(name)) {
                return (ObjectNode) input;
            }
        }
        throw new AssertionError("no input " + name);
    }
}
