package org.magicsteps.model.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.TestGraphs;

/**
 * The predictor's cost in CPU time of the calling thread, which other processes on a shared
 * machine disturb far less than the wall-clock rates JMH reports (they take turns on the cores,
 * and a thread's CPU time counts only its own turns). For comparing two versions of the code on a
 * busy machine; the targets are checked with {@link OnnxPredictorBenchmark} on a quiet one:
 *
 * <pre>mvn -B -q -pl model-runtime -am -Pbench test-compile -Djmh.args=-h  # compiles; then
 * java -cp "$(cat cp.txt)" org.magicsteps.model.bench.PredictorCpuCost [bundle-dir]</pre>
 */
public final class PredictorCpuCost {

    private PredictorCpuCost() {
    }

    public static void main(String[] args) {
        ModelBundle bundle = args.length > 0 ? ModelBundle.load(Path.of(args[0]))
                : TestGraphs.pedeBundle(new float[18], 0f);
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            Random random = new Random(7);
            List<StudentFeatures> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Map<String, Object> student = TestGraphs.student();
                student.put("score_inde", 3.0 + random.nextDouble() * 6.5);
                student.put("nota_cg", 1 + random.nextInt(862));
                batch.add(predictor.schema().parse(student).orThrow());
            }
            List<StudentFeatures> one = List.of(batch.get(0));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 5; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 2_000; i++) {
                    predictor.probabilities(batch);
                }
                double perBatch = (threads.getCurrentThreadCpuTime() - start) / 1e3 / 2_000;
                start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 50_000; i++) {
                    predictor.probabilities(one);
                }
                double perOne = (threads.getCurrentThreadCpuTime() - start) / 1e3 / 50_000;
                System.out.printf(Locale.ROOT, "%s: batch of 500 %.0f µs of CPU (%.2f M students/s a core),"
                        + " one student %.1f µs%n", bundle.manifest().name(), perBatch, 500 / perBatch, perOne);
            }
        }
    }
}
