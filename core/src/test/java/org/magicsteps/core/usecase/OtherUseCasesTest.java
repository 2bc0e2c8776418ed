package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.testing.Students;

class OtherUseCasesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aUserReadsOnlyTheirOwnRecordsAndAnAdminReadsAll() {
        InMemoryPredictionLog log = new InMemoryPredictionLog();
        log.append(List.of(Students.record("1", "ana", "RA-1", T0, null), Students.record("2", "bia", "RA-1", T0, null)));
        QueryPredictionLog query = new QueryPredictionLog(log);

        LogPage anas = query.execute(new Actor("ana", Role.USER), LogQuery.all());
        LogPage all = query.execute(new Actor("boss", Role.ADMIN), LogQuery.all());
        LogPage bias = query.execute(new Actor("boss", Role.ADMIN), LogQuery.all().forUser("bia"));

        assertEquals(List.of("1"), anas.records().stream().map(PredictionRecord::predictionId).toList());
        assertEquals(2, all.records().size());
        assertEquals(List.of("2"), bias.records().stream().map(PredictionRecord::predictionId).toList());
        assertThrows(AccessDeniedException.class,
                () -> query.execute(new Actor("ana", Role.USER), LogQuery.all().forUser("bia")));
        assertEquals(1, query.execute(new Actor("ana", Role.USER), LogQuery.all().forUser("ana")).records().size());
    }

    @Test
    void aStoredStudentIsPredictedFromTheFeatureStore() {
        Fixture fx = new Fixture();
        InMemoryFeatureStore store = new InMemoryFeatureStore();
        store.put("RA-9", Students.student());
        PredictStoredStudent predictStored = new PredictStoredStudent(store, fx.predictStudent);

        assertEquals("RA-9", predictStored.execute("ana", "RA-9").studentId());
        assertEquals(0.73, fx.log.query(LogQuery.all()).records().get(0).prediction().probability(), 1e-12);
        assertThrows(NotFoundException.class, () -> predictStored.execute("ana", "RA-404"));
        assertEquals(List.of("RA-9"), new ListStoredStudents(store).execute());
    }

    @Test
    void storedFeaturesThatNoLongerFitTheModelAreAViolationNotACrash() {
        Fixture fx = new Fixture();
        InMemoryFeatureStore store = new InMemoryFeatureStore();
        store.put("RA-1", Students.student().without("idade"));

        ValidationException e = assertThrows(ValidationException.class,
                () -> new PredictStoredStudent(store, fx.predictStudent).execute("ana", "RA-1"));
        assertEquals(List.of("features", "idade"), e.violations().get(0).location());
    }

    @Test
    void processingShowsTheModelInputOrValidates() {
        ProcessFeatures process = new ProcessFeatures(Students.predictor());

        ProcessedFeatures processed = process.execute(Students.rawStudent());

        assertEquals(18, processed.modelInput().size());
        assertEquals(1.0, processed.normalized().get("turma"), "index of 'b'");
        Map<String, Object> bad = Students.rawStudent();
        bad.put("idade", 99);
        ValidationException e = assertThrows(ValidationException.class, () -> process.execute(bad));
        assertEquals(List.of("features", "idade"), e.violations().get(0).location());
        assertThrows(ValidationException.class, () -> process.execute(null));
    }

    @Test
    void theModelIsDescribedWithTheThresholdInForce() {
        Fixture fx = new Fixture();
        fx.changeThreshold.execute(new Actor("boss", Role.ADMIN), 0.42);

        DescribeModel.ModelDescription d = new DescribeModel(fx.predictor, fx.readThreshold).execute();

        assertEquals("test-model", d.info().name());
        assertEquals(18, d.schema().features().size());
        assertEquals(0.42, d.threshold().threshold().value());
    }
}
