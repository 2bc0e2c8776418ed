package org.magicsteps.model.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.EmbeddedModel;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.TestGraphs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-student latency and batch-of-500 throughput of {@link OnnxPredictor} on the original
 * network ({@code ../shared/models/seed-mlp}), or on a synthetic 18-feature bundle when that is
 * absent. Not a test: run it as model-runtime/README.md says.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class OnnxPredictorBenchmark {

    private static final int BATCH = 500;

    private OnnxPredictor predictor;
    private EmbeddedModel embedded;
    private List<StudentFeatures> one;
    private List<StudentFeatures> batch;
    private Map<String, Object> raw;

    @Setup(Level.Trial)
    public void open() {
        ModelBundle bundle = seed().map(ModelBundle::load)
                .orElseGet(() -> TestGraphs.pedeBundle(new float[] {0.5f, -0.3f, 0.2f, 1.1f, 0.4f, 0.6f, -0.2f, 0.9f,
                    1.5f, -0.4f, -0.8f, 0.1f, 0.05f, 0.3f, 0.7f, 0.02f, -0.6f, 0.25f}, -2f));
        System.out.println("# bundle: " + bundle.origin() + " (" + bundle.manifest().name() + " "
                + bundle.manifest().version() + ")");
        predictor = OnnxPredictor.open(bundle);
        embedded = EmbeddedModel.open(bundle);
        raw = TestGraphs.student();
        one = List.of(predictor.schema().parse(raw).orThrow());
        Random random = new Random(7);
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            Map<String, Object> student = TestGraphs.student();
            student.put("score_ipv", 2.5 + random.nextDouble() * 7.5);
            student.put("score_inde", 3.0 + random.nextDouble() * 6.5);
            student.put("nota_cg", 1 + random.nextInt(862));
            student.put("turma", String.valueOf("abcdefghijklmnopqrstuvyz".charAt(random.nextInt(24))));
            batch.add(predictor.schema().parse(student).orThrow());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        embedded.close();
        predictor.close();
    }

    /** One student, one ONNX Runtime run: the latency of {@code POST /predict}'s model call. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] singleStudent() {
        return predictor.probabilities(one);
    }

    /** One student through the whole embedding path: parse, validate, infer, threshold, confidence. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Prediction singleStudentEmbedded() {
        return embedded.predict("s-1", raw);
    }

    /** 500 students in one run; multiply ops/s by 500 for students per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double[] batchOf500() {
        return predictor.probabilities(batch);
    }

    private static java.util.Optional<Path> seed() {
        String root = System.getProperty("magicsteps.repoRoot");
        if (root == null) {
            return java.util.Optional.empty();
        }
        Path seed = Path.of(root, "..", "shared", "models", "seed-mlp").normalize();
        return Files.isDirectory(seed) ? java.util.Optional.of(seed) : java.util.Optional.empty();
    }
}
