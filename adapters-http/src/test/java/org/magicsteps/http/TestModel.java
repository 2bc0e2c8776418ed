package org.magicsteps.http;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.TrainedValues;
import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.testing.Students;

/**
 * A stand-in for the trained model: the original's 18 features with plausible PEDE ranges, and a
 * probability that follows {@code score_inde} (p = score_inde / 10), so tests can pick the answer.
 * {@link #failure} makes the next scoring calls throw, to exercise the error paths.
 */
final class TestModel {

    static final String VERSION = "test-1";

    /** The permissive schema; the model "was trained" on students who joined in 2016–2022, so later years are flagged. */
    static final FeatureSchema SCHEMA = new FeatureSchema(Students.permissiveSchema().features().stream()
            .map(f -> f.name().equals("ano_ingresso") ? f.withTrained(TrainedValues.range(2016, 2022, 2021.0)) : f)
            .toList());

    /** Four held-out students: p 0.9 and 0.6 reached the PV, 0.7 and 0.2 did not. */
    static final HeldOutEvaluation HELD_OUT = HeldOutEvaluation.of("four test students",
            new boolean[] {true, false, true, false}, new double[] {0.9, 0.7, 0.6, 0.2});

    static final ModelInfo INFO = new ModelInfo("magic-steps-test", VERSION, "FunctionPredictor", 18, 0,
            new Threshold(0.5), Instant.parse("2024-05-01T12:00:00Z"), Map.of("auc", 0.9), null, HELD_OUT);

    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Runs inside every scoring call when set, to hold a request in flight. */
    final AtomicReference<Runnable> slowdown = new AtomicReference<>();

    final FunctionPredictor predictor;

    TestModel() {
        this(INFO);
    }

    /** The same stand-in describing itself with {@code info} (a model card, say). */
    TestModel(ModelInfo info) {
        predictor = new FunctionPredictor(info, SCHEMA, this::probability);
    }

    private double probability(StudentFeatures student) {
        Runnable slow = slowdown.get();
        if (slow != null) {
            slow.run();
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return student.number("score_inde").orElseThrow() / 10.0;
    }

    /** A valid student, as JSON, whose probability is {@code scoreInde / 10}. */
    static String studentJson(double scoreInde) {
        return """
                {"fase": 3, "idade": 12, "ano_ingresso": 2020, "score_inde": %s, "score_iaa": 8.3,
                 "score_ieg": 7.9, "score_ips": 6.9, "score_ida": 6.2, "score_ipv": 7.3, "score_ian": 10,
                 "nota_cg": 350, "nota_cf": 70, "nota_ct": 10, "num_avaliacoes": 4, "defasagem": -1,
                 "turma": "B", "genero": "Menina", "pedra_modal": "Ametista"}""".formatted(scoreInde);
    }
}
