package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.ExplainedPrediction;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.ForwardingPredictor;
import org.magicsteps.core.testing.Students;

/** Explanations through the use cases: validated like predictions, of exactly what was predicted. */
class ExplainStudentsTest {

    /** The test model (p = IPV / 10) with an explainer whose one contribution is its log-odds minus 0. */
    static final class ExplainedPredictor extends ForwardingPredictor {
        final List<List<StudentFeatures>> explained = new ArrayList<>();

        ExplainedPredictor() {
            super(Students.predictor());
        }

        @Override
        public Optional<Explainer> explainer() {
            return Optional.of(students -> {
                explained.add(List.copyOf(students));
                return students.stream().map(s -> {
                    double p = s.number("score_ipv").orElseThrow() / 10;
                    return new Explanation(Explanation.LINEAR, 0, List.of(new Contribution("score_ipv",
                            s.values().get("score_ipv"), Math.log(p / (1 - p)), "IPV")));
                }).toList();
            });
        }
    }

    @Test
    void studentsAreValidatedAsPredictionsAreAndExplainedInOneCall() {
        ExplainedPredictor predictor = new ExplainedPredictor();
        ExplainStudents explain = new ExplainStudents(predictor);
        Map<String, Object> first = Students.rawStudent();
        Map<String, Object> second = Students.rawStudent();
        second.put("score_ipv", 2.5);

        List<Explanation> explanations = explain.execute(List.of(first, second));

        assertEquals(2, explanations.size());
        assertEquals(1, predictor.explained.size(), "one explainer call for the list");
        assertEquals(Math.log(0.25 / 0.75), explanations.get(1).logOdds(), 1e-12);
        Map<String, Object> bad = Students.rawStudent();
        bad.put("fase", 9);
        ValidationException e = assertThrows(ValidationException.class, () -> explain.execute(List.of(first, bad)));
        assertEquals(List.of("students", 1, "features", "fase"), e.violations().get(0).location());
    }

    @Test
    void aModelThatCannotExplainItselfSaysSo() {
        ExplainStudents explain = new ExplainStudents(Students.predictor());
        assertFalse(explain.available());
        assertThrows(UnsupportedOperationException.class, () -> explain.execute(List.of(Students.rawStudent())));
    }

    @Test
    void aStoredStudentIsReadOnceAndItsPredictionAndExplanationAgree() {
        ExplainedPredictor predictor = new ExplainedPredictor();
        InMemoryFeatureStore store = new InMemoryFeatureStore();
        store.put("RA-9", Students.student());
        Clock clock = Clock.fixed(Fixture.NOW, ZoneOffset.UTC);
        InMemoryPredictionLog log = new InMemoryPredictionLog();
        PredictStudent predict = new PredictStudent(predictor, log,
                new ReadThreshold(new InMemorySettingsStore(), predictor, clock, Duration.ZERO), clock);
        PredictStoredStudent stored = new PredictStoredStudent(store, predict);

        ExplainedPrediction answer = stored.executeExplained(null, "ana", "RA-9");

        double p = answer.prediction().probability();
        assertEquals(Math.log(p / (1 - p)), answer.explanation().logOdds(), 1e-12);
        assertEquals(List.of(Students.student()), predictor.explained.get(0));
        assertEquals("RA-9", answer.prediction().studentId());
        assertEquals(1, log.query(org.magicsteps.core.domain.LogQuery.all()).records().size(), "logged once");
        assertThrows(NotFoundException.class, () -> stored.executeExplained(null, "ana", "RA-404"));
        assertThrows(NotFoundException.class, () -> stored.executeExplained("other", "ana", "RA-9"));
        assertTrue(stored.execute("ana", "RA-9").probability() > 0);
    }

    @Test
    void aBatchIsExplainedByTheModelThatPredictedItAndAModelThatCannotExplainPredictsNothing() {
        ExplainedPredictor predictor = new ExplainedPredictor();
        Clock clock = Clock.fixed(Fixture.NOW, ZoneOffset.UTC);
        InMemoryPredictionLog log = new InMemoryPredictionLog();
        ReadThreshold threshold = new ReadThreshold(new InMemorySettingsStore(), predictor, clock, Duration.ZERO);
        PredictBatch batch = new PredictBatch(predictor, log, threshold, clock, 10);
        Map<String, Object> low = Students.rawStudent();
        low.put("score_ipv", 3.0);

        PredictBatch.Explained answer = batch.executeExplained(null, new PredictBatch.Command("ana",
                List.of(new PredictBatch.Student("RA-1", Students.rawStudent()), new PredictBatch.Student("RA-2", low))));

        assertEquals(2, answer.explanations().size());
        for (int i = 0; i < 2; i++) {
            double p = answer.batch().predictions().get(i).probability();
            assertEquals(Math.log(p / (1 - p)), answer.explanations().get(i).logOdds(), 1e-12);
        }
        Predictor mute = Students.predictor();
        PredictStudent cannot = new PredictStudent(mute, log, new ReadThreshold(new InMemorySettingsStore(), mute,
                clock, Duration.ZERO), clock);
        assertThrows(CannotExplainException.class, () -> cannot.executeExplained(null,
                new PredictStudent.Command("ana", "RA-3", Students.rawStudent())));
        assertEquals(2, log.query(org.magicsteps.core.domain.LogQuery.all()).records().size(), "nothing more logged");
    }
}
