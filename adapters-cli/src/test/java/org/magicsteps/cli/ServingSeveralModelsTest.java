package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.Shared;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.SheetRow;

/**
 * The server as {@code serve} runs it, with the bundled ONNX models: every model answers the Open
 * Inference Protocol exactly as {@code /predict/batch} answers for the same students (by feature,
 * and by the encoded tensor), and models are loaded while requests keep coming.
 */
class ServingSeveralModelsTest {

    private static final List<String> CARRIED = List.of("default", "early-warning", "early-warning-strict");
    private static final int CHUNK = 500;

    @TempDir
    static Path dir;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = new RunningServer(dir.resolve("data"), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyCarriedModelIsServedAndListedTheDefaultFirst() {
        JsonNode models = server.get("/models", server.user).json();
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.get("name").asText()));
        assertEquals(CARRIED, names);
        assertEquals(org.magicsteps.model.ModelBundle.bundled("early-warning").orElseThrow().manifest().threshold().value(),
                models.get(1).get("threshold").asDouble(), 1e-12, "early-warning's own threshold");

        JsonNode metadata = server.get("/v2/models/default", null).json();
        JsonNode tensor = null;
        for (JsonNode input : metadata.get("inputs")) {
            if (input.get("name").asText().equals("input")) {
                tensor = input;
            }
        }
        int width = org.magicsteps.model.ModelBundle.bundledDefault().orElseThrow().manifest().inputWidth();
        assertEquals("{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1," + width + "]", tensor.toString()
                .substring(0, tensor.toString().indexOf(",\"parameters\"")));
    }

    @Test
    void theProtocolAnswersAsTheBatchRouteOnGeneratedStudentsForEveryModel() throws IOException {
        Path sheet = LabelledSheets.write(dir.resolve("generated.csv"), 120, 42, false);
        for (String model : CARRIED) {
            assertSameAnswers(model, rows(sheet, model), true);
        }
    }

    @Test
    void theProtocolAnswersAsTheBatchRouteOnEverySharedStudentOf2022() {
        Path sheet = Shared.require("data/pede2022.xlsx");
        for (String model : CARRIED) {
            List<Map<String, Object>> students = rows(sheet, model);
            assertEquals(688, students.size());
            assertSameAnswers(model, students, true);
        }
    }

    /**
     * Scores the students with /predict/batch, then with /v2/models/NAME/infer by feature (equal to
     * the last digit: the same code path) and, when {@code encoded}, by the tensor /features/process
     * shows (equal within float32 rounding).
     */
    private static void assertSameAnswers(String model, List<Map<String, Object>> students, boolean encoded) {
        FeatureSchema schema = schema(model);
        for (int from = 0; from < students.size(); from += CHUNK) {
            List<Map<String, Object>> chunk = students.subList(from, Math.min(students.size(), from + CHUNK));
            RunningServer.Response batch = server.post("/predict/batch?model=" + model, batchBody(chunk), server.user);
            assertEquals(200, batch.status(), batch.body());
            RunningServer.Response inferred = server.post("/v2/models/" + model + "/infer",
                    byFeature(schema, chunk).toString(), server.user);
            assertEquals(200, inferred.status(), inferred.body());
            JsonNode outputs = inferred.json().get("outputs");
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode expected = batch.json().get("predictions").get(i);
                String who = model + ", student " + (from + i);
                assertEquals(expected.get("probability").asDouble(), outputs.get(0).get("data").get(i).asDouble(), 0.0,
                        who);
                assertEquals(expected.get("prediction").asInt(), outputs.get(1).get("data").get(i).asInt(), who);
                assertEquals(expected.get("confidence").asText(), outputs.get(2).get("data").get(i).asText(), who);
            }
            if (encoded) {
                JsonNode byTensor = server.post("/v2/models/" + model + "/infer", encodedBody(model, chunk).toString(),
                        server.user).json();
                for (int i = 0; i < chunk.size(); i++) {
                    assertEquals(batch.json().get("predictions").get(i).get("probability").asDouble(),
                            byTensor.get("outputs").get(0).get("data").get(i).asDouble(), 1e-6,
                            model + ", encoded student " + (from + i));
                }
            }
        }
    }

    @Test
    void loadsUnderConcurrentRequestsFailNoRequestAndABrokenBundleIsRefused() throws Exception {
        Path a = ModelBundle.bundled("early-warning").orElseThrow().save(dir.resolve("bundles/a"));
        Path b = ModelBundle.bundled("early-warning-strict").orElseThrow().save(dir.resolve("bundles/b"));
        String versionA = ModelBundle.bundled("early-warning").orElseThrow().manifest().version();
        String versionB = ModelBundle.bundled("early-warning-strict").orElseThrow().manifest().version();
        assertEquals(200, load("live", a).status());
        List<Map<String, Object>> students = rows(LabelledSheets.write(dir.resolve("live.csv"), 20, 7, false),
                "early-warning-strict");
        String infer = byFeature(schema("early-warning-strict"), students.subList(0, 10)).toString();
        String predict = "{\"features\": " + RunningServer.JSON.valueToTree(students.get(0)) + "}";
        int threads = 4;
        int requests = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                go.await();
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    RunningServer.Response r = (i + thread) % 2 == 0
                            ? server.post("/predict?model=live", predict, server.user)
                            : server.post("/v2/models/live/infer", infer, server.user);
                    seen.add(r.status() == 200 ? r.json().get("model_version").asText() : r.status() + " " + r.body());
                }
                return seen;
            }));
        }
        go.countDown();
        for (int i = 0; i < 10; i++) {
            RunningServer.Response r = load("live", i % 2 == 0 ? b : a);
            assertEquals(200, r.status(), r.body());
        }
        Set<String> seen = new HashSet<>();
        int answered = 0;
        for (Future<List<String>> client : clients) {
            for (String outcome : client.get(120, TimeUnit.SECONDS)) {
                assertTrue(outcome.equals(versionA) || outcome.equals(versionB), "a failed request: " + outcome);
                seen.add(outcome);
                answered++;
            }
        }
        pool.shutdown();
        assertEquals(threads * requests, answered, "every request answered");

        Files.write(b.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
        RunningServer.Response broken = load("live", b);
        assertEquals(400, broken.status(), broken.body());
        assertTrue(broken.json().get("error").asText().contains("model.onnx: ONNX Runtime cannot load it"), broken.body());
        RunningServer.Response still = server.post("/predict?model=live", predict, server.user);
        assertEquals(200, still.status(), still.body());
        assertEquals(versionA, still.json().get("model_version").asText(), "the old model keeps answering");
        Files.writeString(a.resolve(ModelBundle.MANIFEST_FILE), "{\"format_version\": 1}");
        RunningServer.Response badManifest = load("live", a);
        assertEquals(400, badManifest.status());
        assertTrue(badManifest.json().get("error").asText().contains("manifest.json"), badManifest.body());
        assertEquals(200, server.post("/v2/models/live/infer", infer, server.user).status());
    }

    private static RunningServer.Response load(String name, Path bundle) {
        return server.post("/v2/repository/models/" + name + "/load",
                "{\"parameters\": {\"bundle\": " + RunningServer.JSON.valueToTree(bundle.toString()) + "}}", server.admin);
    }

    private static FeatureSchema schema(String model) {
        return ModelBundle.bundled(model).orElseThrow().manifest().schema();
    }

    /** The sheet's students, as read (once per sheet), each with the features {@code model} takes. */
    private static List<Map<String, Object>> rows(Path sheet, String model) {
        List<Map<String, Object>> all = READ.computeIfAbsent(sheet, file -> {
            try (PedeSheet open = PedeSheetReader.forSchema(schema("default")).open(file, null)) {
                return open.readAll().stream().map(SheetRow::features).toList();
            }
        });
        List<String> taken = schema(model).names();
        return all.stream().map(student -> {
            Map<String, Object> features = new java.util.LinkedHashMap<>(student);
            features.keySet().retainAll(taken);
            return (Map<String, Object>) features;
        }).toList();
    }

    private static final Map<Path, List<Map<String, Object>>> READ = new java.util.concurrent.ConcurrentHashMap<>();

    private static String batchBody(List<Map<String, Object>> students) {
        ObjectNode body = RunningServer.JSON.createObjectNode();
        ArrayNode list = body.putArray("students");
        students.forEach(s -> list.addObject().set("features", RunningServer.JSON.valueToTree(s)));
        return body.toString();
    }

    /** As MLServer's pandas codec sends a data frame: one input per feature, null for a value not measured. */
    private static ObjectNode byFeature(FeatureSchema schema, List<Map<String, Object>> students) {
        ObjectNode request = RunningServer.JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        for (FeatureSpec spec : schema.features()) {
            if (students.stream().noneMatch(s -> s.containsKey(spec.name()))) {
                continue;
            }
            ObjectNode input = inputs.addObject().put("name", spec.name()).put("datatype",
                    spec.type().isNumeric() ? "FP64" : "BYTES");
            input.putArray("shape").add(students.size());
            ArrayNode data = input.putArray("data");
            for (Map<String, Object> student : students) {
                Object value = student.get(spec.name());
                if (value == null) {
                    data.addNull();
                } else if (spec.type().isNumeric()) {
                    data.add(value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim()));
                } else {
                    data.add(value.toString());
                }
            }
        }
        return request;
    }

    /**
     * The students as the model's own tensor: each row as {@code /features/process} shows it,
     * encoded here by the same bundle (asking the server 688 times would only slow the test).
     */
    private static ObjectNode encodedBody(String model, List<Map<String, Object>> students) {
        ModelBundle bundle = ModelBundle.bundled(model).orElseThrow();
        ArrayNode rows = RunningServer.JSON.createArrayNode();
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            for (Map<String, Object> student : students) {
                predictor.process(predictor.schema().parse(student).orThrow()).modelInput().forEach(
                        v -> rows.add(v.floatValue()));
            }
        }
        ObjectNode request = RunningServer.JSON.createObjectNode();
        ObjectNode tensor = request.putArray("inputs").addObject().put("name", "input").put("datatype", "FP32");
        tensor.putArray("shape").add(students.size()).add(bundle.manifest().inputWidth());
        tensor.set("data", rows);
        return request;
    }
}
