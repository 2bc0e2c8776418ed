package org.magicsteps.model.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.Explainer;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one explanation costs: the bundled early-warning model (a calibrated ridge, explained
 * exactly), the bundled default model (boosted stumps), the strict early warning (boosted trees) and the original network
 * ({@code ../shared/models/seed-mlp}), both by Kernel SHAP over 16 background students and 256
 * coalitions (4,096 model rows a student). Each call explains a different student of a fixed set of
 * 64, as requests would. Not a test: run it as model-runtime/README.md says, e.g.
 * {@code -Djmh.args="ExplainerBenchmark"}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExplainerBenchmark {

    private static final int STUDENTS = 64;

    /**
     * {@code early-warning} (linear, exact), {@code default} (boosted stumps),
     * {@code early-warning-strict} (300 boosted trees) or {@code seed-mlp} (the last three by Kernel SHAP).
     */
    @Param({"early-warning", "default", "early-warning-strict", "seed-mlp"})
    public String model;

    private OnnxPredictor predictor;
    private Explainer explainer;
    private List<List<StudentFeatures>> students;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        ModelBundle bundle = model.equals("seed-mlp") ? ModelBundle.load(seed())
                : ModelBundle.bundled(model).orElseThrow(() -> new IllegalStateException("no bundled " + model));
        predictor = OnnxPredictor.open(bundle);
        explainer = predictor.explainer().orElseThrow();
        System.out.println("# " + bundle.manifest().name() + ": " + predictor.explanationMethod());
        Random random = new Random(11);
        students = new ArrayList<>(STUDENTS);
        while (students.size() < STUDENTS) {
            Map<String, Object> student = TestGraphs.student();
            student.put("score_ipv", 2.5 + random.nextDouble() * 7.5);
            student.put("score_inde", 5.5 + random.nextDouble() * 3);
            student.put("score_ieg", 4 + random.nextDouble() * 6);
            student.put("nota_cg", 1 + random.nextInt(700));
            student.put("fase", random.nextInt(8));
            StudentFeatures parsed = predictor.schema().parse(student).orThrow();
            // The early-warning graph clips its log-odds at ±16, and a clipped student is explained by Kernel
            // SHAP: the students are kept within the clip, so that this measures the exact path.
            if (Math.abs(predictor.logOdds(List.of(parsed))[0]) < 15) {
                students.add(List.of(parsed));
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        predictor.close();
    }

    /** One student's explanation, as {@code explain=true} on {@code POST /predict} adds it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Explanation oneStudent() {
        next = (next + 1) % STUDENTS;
        return explainer.explain(students.get(next)).get(0);
    }

    private static Path seed() {
        Path seed = Path.of(System.getProperty("magicsteps.repoRoot", ".."), "..", "shared", "models", "seed-mlp")
                .normalize();
        if (!Files.isDirectory(seed)) {
            throw new IllegalStateException(seed + " is absent: the seed-mlp benchmark needs the original model");
        }
        return seed;
    }
}
