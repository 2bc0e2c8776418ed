package org.magicsteps.core.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.Predictor;

/**
 * Says why the model gives each student its probability. Nothing is logged: the prediction it
 * explains is (by {@link PredictStudent} or {@link PredictBatch}), and the same features give the
 * same explanation every time.
 */
public final class ExplainStudents {

    private final Predictor predictor;
    private final Optional<Explainer> explainer;

    public ExplainStudents(Predictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.explainer = predictor.explainer();
    }

    /** The name of the model explained. */
    public String modelName() {
        return predictor.info().name();
    }

    /** Whether the model can explain its predictions. */
    public boolean available() {
        return explainer.isPresent();
    }

    /**
     * @param students each student's raw features by name, as {@link PredictStudent} takes them
     * @throws ValidationException listing every violation, located under {@code students, <index>, features}
     * @throws UnsupportedOperationException when the model cannot explain itself ({@link #available()})
     */
    public List<Explanation> execute(List<? extends Map<String, ?>> students) {
        Explainer explain = explainer.orElseThrow(() -> new UnsupportedOperationException("the model "
                + predictor.info().name() + " cannot explain its predictions"));
        List<Violation> violations = new ArrayList<>();
        List<StudentFeatures> parsed = new ArrayList<>(students.size());
        for (int i = 0; i < students.size(); i++) {
            var result = predictor.schema().parse(students.get(i));
            int index = i;
            result.violations().forEach(v -> violations.add(v.under("students", index, "features")));
            parsed.add(result.value());
        }
        ValidationException.throwIfAny(violations);
        return explainFeatures(explain, parsed);
    }

    /**
     * The explanations of students already validated.
     *
     * @throws IllegalArgumentException when a student does not pass the model's schema
     * @throws UnsupportedOperationException when the model cannot explain itself
     */
    public List<Explanation> explain(List<StudentFeatures> students) {
        return explainFeatures(explainer.orElseThrow(() -> new UnsupportedOperationException("the model "
                + predictor.info().name() + " cannot explain its predictions")), students);
    }

    private static List<Explanation> explainFeatures(Explainer explain, List<StudentFeatures> students) {
        if (students.isEmpty()) {
            return List.of();
        }
        return explain.explain(students);
    }
}
