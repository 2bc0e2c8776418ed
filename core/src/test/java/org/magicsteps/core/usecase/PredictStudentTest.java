package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.testing.Students;

class PredictStudentTest {

    private final Fixture fx = new Fixture();

    @Test
    void predictsAndLogsWhoAskedAndTheFeatures() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_ipv", 8.7);

        Prediction p = fx.predictStudent.execute(new PredictStudent.Command("ana", "RA-7", raw));

        assertEquals(0.87, p.probability(), 1e-12);
        assertEquals(1, p.predictedClass());
        assertEquals(Confidence.ALTA, p.confidence());
        assertEquals("RA-7", p.studentId());
        assertEquals("1.0.0", p.modelVersion());
        assertEquals(0.5, p.threshold().value());
        assertEquals(Fixture.NOW, p.timestamp());
        PredictionRecord logged = fx.log.query(LogQuery.all()).records().get(0);
        assertEquals(p, logged.prediction());
        assertEquals("ana", logged.user());
        assertEquals(8.7, logged.features().number("score_ipv").getAsDouble());
        assertEquals(null, logged.batchId());
    }

    @Test
    void invalidFeaturesAreAllReportedUnderFeaturesAndNothingIsScoredOrLogged() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_inde", 11.2);
        raw.put("fase", 9);

        ValidationException e = assertThrows(ValidationException.class,
                () -> fx.predictStudent.execute(new PredictStudent.Command("ana", null, raw)));

        assertEquals(2, e.violations().size());
        Violation inde = e.violations().stream().filter(v -> v.field().equals("score_inde")).findFirst().orElseThrow();
        assertEquals(List.of("features", "score_inde"), inde.location());
        assertEquals("score_inde: 11.2 is above the maximum 9.5", inde.message());
        assertEquals(List.of(), fx.predictor.batchSizes);
        assertEquals(List.of(), fx.log.appendSizes);
    }

    @Test
    void missingFeaturesAndABlankStudentIdAreViolations() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> fx.predictStudent.execute(new PredictStudent.Command("ana", " ", null)));

        assertEquals(List.of(List.of("student_id"), List.of("features")),
                e.violations().stream().map(Violation::location).toList());
    }

    @Test
    void usesTheThresholdAnAdminSet() {
        fx.changeThreshold.execute(new Actor("boss", Role.ADMIN), 0.9);
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_ipv", 8.7);

        Prediction p = fx.predictStudent.execute(new PredictStudent.Command("ana", null, raw));

        assertEquals(0, p.predictedClass());
        assertEquals(0.9, p.threshold().value());
        assertEquals(Confidence.BAIXA, p.confidence());
    }

    @Test
    void embeddersCanPassBuiltFeatures() {
        Prediction p = fx.predictStudent.execute(PredictStudent.Command.of("app", null, Students.student()));

        assertEquals(0.73, p.probability(), 1e-12);
        assertTrue(fx.log.inner.size() == 1);
    }

    @Test
    void theAnswerNamesIgnoredNamesAndTheLogKeepsOnlyTheFeatures() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("nome", "Aluno-1");

        Prediction p = fx.predictStudent.execute(new PredictStudent.Command("ana", "RA-7", raw));

        assertEquals(List.of("nome: is not a feature of this model; ignored"),
                p.warnings().stream().map(org.magicsteps.core.domain.FeatureWarning::message).toList());
        PredictionRecord logged = fx.log.query(LogQuery.all()).records().get(0);
        assertEquals(List.of(), logged.prediction().warnings());
        assertEquals(p.withWarnings(List.of()), logged.prediction());
        assertEquals(Students.student().without("score_ipv").values().keySet().size() + 1,
                logged.features().values().size(), "'nome' is not logged as a feature");
    }
}
