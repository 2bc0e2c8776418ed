package org.magicsteps.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.TrainedValues;
import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.ForwardingPredictor;
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

    /** The model as served: it explains itself and carries a training reference, unless built without. */
    final Predictor predictor;

    TestModel() {
        this(INFO, true);
    }

    /** The same stand-in describing itself with {@code info} (a model card, say). */
    TestModel(ModelInfo info) {
        this(info, true);
    }

    /** @param explains whether the model can explain its predictions */
    TestModel(ModelInfo info, boolean explains) {
        this.predictor = new Served(new FunctionPredictor(info, SCHEMA, this::probability), explains);
    }

    /**
     * The function model with what a bundle adds: an exact explanation (the log-odds is
     * {@code ln(inde / (10 − inde))}, all of it {@code score_inde}'s, the base value 0 at inde = 5),
     * and a training reference: {@code score_inde} in five bins (10, 20, 40, 20, 10 rows), {@code genero}
     * 60/40, {@code turma} ignored, the rest unknown.
     */
    private static final class Served extends ForwardingPredictor {
        private final boolean explains;

        Served(Predictor inner, boolean explains) {
            super(inner);
            this.explains = explains;
        }





        @Override
        public Optional<Explainer> explainer() {
            if (!explains) {
                return Optional.empty();
            }
            return Optional.of(students -> students.stream().map(s -> {
                double inde = s.number("score_inde").orElseThrow();
                double logOdds = Math.log(inde / (10 - inde));
                List<Contribution> contributions = new ArrayList<>();
                for (String name : SCHEMA.names()) {
                    double c = name.equals("score_inde") ? logOdds : 0;
                    contributions.add(new Contribution(name, s.values().get(name), c,
                            name + (c > 0 ? ": aumenta a chance" : c < 0 ? ": reduz a chance" : ": quase não muda a chance")));
                }
                return new Explanation(Explanation.LINEAR, 0, contributions);
            }).toList());
        }

        @Override
        public List<FeatureReference> trainingReference() {
            List<FeatureReference> references = new ArrayList<>();
            for (String name : SCHEMA.names()) {
                references.add(switch (name) {
                    case "score_inde" -> FeatureReference.numeric(name, true, List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0),
                            List.of(10L, 20L, 40L, 20L, 10L), 0L);
                    case "genero" -> FeatureReference.categorical(name, true, List.of("menina", "menino"),
                            List.of(60L, 40L), 0L);
                    case "turma" -> FeatureReference.categorical(name, false, List.of("a", "b", "c", "d"),
                            List.of(25L, 25L, 25L, 25L), 0L);
                    default -> FeatureReference.unknown(name, SCHEMA.feature(name).orElseThrow().type().isNumeric(),
                            true);
                });
            }
            return references;
        }
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
