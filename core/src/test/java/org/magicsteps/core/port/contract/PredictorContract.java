package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.Predictor;

/**
 * What every {@link Predictor} does, whatever runs the model. The students are made from the
 * predictor's own schema: each feature at its minimum, its maximum and between, every category
 * in turn, so the same tests fit any model.
 */
public abstract class PredictorContract<P extends Predictor> {

    /** How many students the tests score; the schema's bounds are among them. */
    private static final int STUDENTS = 7;

    /** A loaded predictor; closed after each test when it is {@link AutoCloseable}. */
    protected abstract P newPredictor();

    private P predictor;

    @BeforeEach
    void loadPredictor() {
        predictor = newPredictor();
    }

    @AfterEach
    void closePredictor() throws Exception {
        if (predictor instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void describesItselfAndTheFeaturesItAccepts() {
        ModelInfo info = predictor.info();
        FeatureSchema schema = predictor.schema();

        assertFalse(info.name().isBlank());
        assertFalse(info.version().isBlank());
        assertFalse(schema.features().isEmpty());
        for (StudentFeatures student : validStudents()) {
            assertEquals(List.of(), schema.check(student), "the students of these tests are valid: " + student);
        }
    }

    @Test
    void givesOneProbabilityPerStudentInOrder() {
        List<StudentFeatures> students = validStudents();

        double[] probabilities = predictor.probabilities(students);

        assertEquals(students.size(), probabilities.length);
        for (double p : probabilities) {
            assertTrue(p >= 0.0 && p <= 1.0, "a probability: " + p);
        }
        List<StudentFeatures> reversed = new ArrayList<>(students);
        Collections.reverse(reversed);
        double[] backwards = predictor.probabilities(reversed);
        for (int i = 0; i < students.size(); i++) {
            assertEquals(probabilities[i], backwards[students.size() - 1 - i], 0.0, "student " + i);
        }
    }

    @Test
    void aBatchScoresEachStudentAsScoringItAloneDoes() {
        List<StudentFeatures> students = validStudents();

        double[] together = predictor.probabilities(students);

        for (int i = 0; i < students.size(); i++) {
            double alone = predictor.probabilities(List.of(students.get(i)))[0];
            assertEquals(alone, together[i], 1e-6, "student " + i);
        }
    }

    @Test
    void theSameStudentsGetTheSameProbabilities() {
        List<StudentFeatures> students = validStudents();

        assertArrayEquals(predictor.probabilities(students), predictor.probabilities(students), 0.0);
    }

    @Test
    void anEmptyListGetsNoProbabilities() {
        assertEquals(0, predictor.probabilities(List.of()).length);
    }

    @Test
    void aStudentTheSchemaRefusesIsAnIllegalArgumentNamingTheFeature() {
        List<StudentFeatures> students = new ArrayList<>(validStudents());
        Invalid invalid = invalidStudent();
        students.add(2, invalid.student());

        IllegalArgumentException scoring = assertThrows(IllegalArgumentException.class,
                () -> predictor.probabilities(students));
        IllegalArgumentException processing = assertThrows(IllegalArgumentException.class,
                () -> predictor.process(invalid.student()));

        assertTrue(scoring.getMessage().contains(invalid.feature()), scoring.getMessage());
        assertTrue(processing.getMessage().contains(invalid.feature()), processing.getMessage());
    }

    @Test
    void processingShowsTheInputTheModelSees() {
        for (StudentFeatures student : validStudents()) {
            ProcessedFeatures processed = predictor.process(student);

            assertEquals(student, processed.raw());
            assertEquals(predictor.info().inputDimension(), processed.modelInput().size(),
                    "as wide as the model says its input is");
            assertEquals(processed.inputNames().size(), processed.modelInput().size());
            processed.modelInput().forEach(value -> assertNotNull(value));
        }
    }

    @Test
    void manyThreadsMayScoreAtOnce() throws Exception {
        List<StudentFeatures> students = validStudents();
        double[] expected = predictor.probabilities(students);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<double[]>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                // Half score the batch, half one student at a time, at once.
                calls.add(i % 2 == 0 ? () -> predictor.probabilities(students) : () -> {
                    double[] one = new double[students.size()];
                    for (int s = 0; s < one.length; s++) {
                        one[s] = predictor.probabilities(List.of(students.get(s)))[0];
                    }
                    return one;
                });
            }
            for (Future<double[]> result : pool.invokeAll(calls)) {
                assertArrayEquals(expected, result.get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Valid students of the predictor's schema: the bounds and values between, every category. */
    private List<StudentFeatures> validStudents() {
        List<StudentFeatures> students = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (FeatureSpec spec : predictor.schema().features()) {
                values.put(spec.name(), valueOf(spec, s));
            }
            students.add(new StudentFeatures(values));
        }
        return students;
    }

    private static Object valueOf(FeatureSpec spec, int s) {
        if (!spec.type().isNumeric()) {
            return spec.categories().get(s % spec.categories().size());
        }
        double low = spec.minimum() != null ? spec.minimum() : spec.maximum() != null ? spec.maximum() - 10 : 0;
        double high = spec.maximum() != null ? spec.maximum() : low + 10;
        double value = low + (high - low) * s / (STUDENTS - 1);
        return spec.type() == FeatureType.INTEGER
                ? Math.max(Math.ceil(low), Math.min(Math.floor(high), Math.rint(value))) : value;
    }

    /** A student who breaks one rule of the schema, and the feature at fault. */
    private record Invalid(StudentFeatures student, String feature) {
    }

    private Invalid invalidStudent() {
        StudentFeatures valid = validStudents().get(0);
        for (FeatureSpec spec : predictor.schema().features()) {
            if (spec.type().isNumeric() && spec.maximum() != null) {
                Map<String, Object> values = new LinkedHashMap<>(valid.values());
                values.put(spec.name(), spec.maximum() + 1);
                return new Invalid(new StudentFeatures(values), spec.name());
            }
        }
        for (FeatureSpec spec : predictor.schema().features()) {
            if (spec.required()) {
                return new Invalid(valid.without(spec.name()), spec.name());
            }
        }
        throw new AssertionError("a schema with no bound and no required feature accepts anything");
    }
}
