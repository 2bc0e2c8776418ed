package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;

class OnnxPredictorTest {

    private static final float[] WEIGHTS = {0.5f, -0.3f, 0.2f, 1.1f, 0.4f, 0.6f, -0.2f, 0.9f, 1.5f, -0.4f, -0.8f, 0.1f,
        0.05f, 0.3f, 0.7f, 0.02f, -0.6f, 0.25f};
    private static final float BIAS = -2.0f;

    private static OnnxPredictor predictor;

    @BeforeAll
    static void open() {
        predictor = OnnxPredictor.open(TestGraphs.pedeBundle(WEIGHTS, BIAS));
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    /** What the bundle must compute, written out by hand: sigmoid(w · scaled + b). */
    private static double expected(Map<String, Object> raw) {
        StudentFeatures s = predictor.schema().parse(raw).orThrow();
        double[] scaled = {
            s.number("fase").getAsDouble() / 7, (s.number("idade").getAsDouble() - 7) / 14,
            (s.number("ano_ingresso").getAsDouble() - 2016) / 6, (s.number("score_inde").getAsDouble() - 3.032) / (9.442 - 3.032),
            s.number("score_iaa").getAsDouble() / 10, s.number("score_ieg").getAsDouble() / 10,
            (s.number("score_ips").getAsDouble() - 2.5) / 7.5, s.number("score_ida").getAsDouble() / 9.9,
            (s.number("score_ipv").getAsDouble() - 2.5) / 7.5, (s.number("score_ian").getAsDouble() - 2.5) / 7.5,
            (s.number("nota_cg").getAsDouble() - 1) / 861, (s.number("nota_cf").getAsDouble() - 1) / 191,
            (s.number("nota_ct").getAsDouble() - 1) / 17, (s.number("num_avaliacoes").getAsDouble() - 2) / 2,
            (s.number("defasagem").getAsDouble() + 5) / 7,
            "abcdefghijklmnopqrstuvyz".indexOf(s.category("turma").orElseThrow()),
            List.of("menina", "menino").indexOf(s.category("genero").orElseThrow()),
            List.of("ametista", "quartzo", "topázio", "ágata").indexOf(s.category("pedra_modal").orElseThrow())};
        double z = BIAS;
        for (int i = 0; i < scaled.length; i++) {
            z += WEIGHTS[i] * (float) scaled[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static Map<String, Object> student(Object... overrides) {
        Map<String, Object> raw = TestGraphs.student();
        for (int i = 0; i < overrides.length; i += 2) {
            raw.put((String) overrides[i], overrides[i + 1]);
        }
        return raw;
    }

    @Test
    void aBatchIsScoredAsEachStudentAlone() {
        List<Map<String, Object>> raws = List.of(student(), student("score_ipv", 9.1, "fase", 7),
                student("turma", "w"), student("genero", "menino", "pedra_modal", "Ágata"), student("defasagem", 2));
        List<StudentFeatures> students = raws.stream().map(r -> predictor.schema().parse(r).orThrow()).toList();
        double[] batch = predictor.probabilities(students);
        for (int i = 0; i < raws.size(); i++) {
            assertEquals(expected(raws.get(i)), batch[i], 1e-6, "student " + i);
            assertEquals(batch[i], predictor.probabilities(List.of(students.get(i)))[0], 1e-7);
        }
        assertEquals(0, predictor.probabilities(List.of()).length);
    }

    @Test
    void anUnknownClassLetterIsEncodedAsTheUnknownCode() {
        ProcessedFeatures processed = predictor.process(predictor.schema().parse(student("turma", "W")).orThrow());
        assertEquals(-1.0, processed.normalized().get("turma"));
        assertEquals(18, processed.modelInput().size());
        assertEquals(predictor.bundle().manifest().inputNames(), processed.inputNames());
        assertEquals((3.0 - 0) / 7, processed.normalized().get("fase"), 1e-6);
    }

    @Test
    void aStudentOutsideTheSchemaIsRefusedNamingTheFeature() {
        StudentFeatures outOfRange = new StudentFeatures(student("score_inde", 11.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> predictor.probabilities(List.of(predictor.schema().parse(student()).orThrow(), outOfRange)));
        assertTrue(e.getMessage().contains("student 1: score_inde: 11.2 is above the maximum 10"), e.getMessage());
        StudentFeatures missing = predictor.schema().parse(student()).orThrow().without("nota_cg");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> predictor.process(missing)).getMessage()
                .contains("nota_cg: is required but missing"));
    }

    @Test
    void oneSessionServesManyThreadsAtOnce() throws Exception {
        List<StudentFeatures> students = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            students.add(predictor.schema().parse(student("nota_cg", 1 + i * 13, "score_iaa", i % 11)).orThrow());
        }
        double[] reference = predictor.probabilities(students);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> predictor.probabilities(students)));
            }
            for (Future<double[]> answer : answers) {
                assertArrayEquals(reference, answer.get(), 0.0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLogitShapedBatchByOneWorksLikeAFlatOne() {
        BundleManifest flat = TestGraphs.pedeManifest("column", "column-1", 18);
        OnnxSpec column = new OnnxSpec("model.onnx", "input", List.of(-1L, 18L), "logit", List.of(-1L, 1L),
                OutputKind.LOGIT, 0);
        BundleManifest manifest = new BundleManifest(1, flat.name(), flat.version(), flat.createdAt(), flat.modelClass(),
                flat.parameterCount(), column, flat.threshold(), flat.features(), flat.training(), flat.metrics());
        try (OnnxPredictor columnPredictor = OnnxPredictor.open(
                ModelBundle.of(manifest, TestGraphs.logistic(WEIGHTS, BIAS, "input", "logit", false)))) {
            StudentFeatures s = predictor.schema().parse(student()).orThrow();
            assertEquals(predictor.probabilities(List.of(s))[0], columnPredictor.probabilities(List.of(s))[0], 1e-7);
        }
    }

    @Test
    void itDescribesItselfFromTheManifest() {
        assertEquals("synthetic-1", predictor.info().version());
        assertEquals(18, predictor.info().inputDimension());
        assertEquals(0.5, predictor.info().defaultThreshold().value());
        assertEquals(18, predictor.schema().features().size());
        assertTrue(predictor.schema().feature("turma").orElseThrow().acceptsUnknownCategory());
    }
}
