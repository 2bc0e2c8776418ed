package org.magicsteps.core.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.Predictor;

/**
 * A {@link Predictor} computed by a Java function: for tests, and for an embedding application
 * that has its own rule. Numeric features go to the model as they are; a categorical one as the
 * index of its category (−1 when unknown or absent).
 */
public final class FunctionPredictor implements Predictor {

    private final ModelInfo info;
    private final FeatureSchema schema;
    private final ToDoubleFunction<StudentFeatures> probability;

    /**
     * @param probability must return a value in [0, 1] for every valid student
     */
    public FunctionPredictor(ModelInfo info, FeatureSchema schema, ToDoubleFunction<StudentFeatures> probability) {
        this.info = Objects.requireNonNull(info, "info");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.probability = Objects.requireNonNull(probability, "probability");
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public double[] probabilities(List<StudentFeatures> students) {
        double[] out = new double[students.size()];
        for (int i = 0; i < out.length; i++) {
            StudentFeatures student = requireValid(students.get(i));
            double p = probability.applyAsDouble(student);
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalStateException("the predictor's function returned " + p + ", not a probability");
            }
            out[i] = p;
        }
        return out;
    }

    @Override
    public ProcessedFeatures process(StudentFeatures student) {
        requireValid(student);
        Map<String, Double> normalized = new LinkedHashMap<>();
        for (FeatureSpec spec : schema.features()) {
            normalized.put(spec.name(), spec.type().isNumeric()
                    ? student.number(spec.name()).orElse(Double.NaN)
                    : student.category(spec.name()).map(c -> (double) spec.categories().indexOf(c)).orElse(-1.0));
        }
        return new ProcessedFeatures(student, normalized, new ArrayList<>(normalized.keySet()),
                new ArrayList<>(normalized.values()));
    }

    private StudentFeatures requireValid(StudentFeatures student) {
        List<Violation> violations = schema.check(student);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(violations.get(0).message());
        }
        return student;
    }
}
