package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.testing.Students;

class PredictStoredStudentsTest {

    private final Fixture fx = new Fixture();
    private final List<Collection<String>> reads = new ArrayList<>();
    private final InMemoryFeatureStore memory = new InMemoryFeatureStore();
    private final PredictStoredStudents predict = new PredictStoredStudents(new CountingReads(memory, reads),
            fx.predictor, fx.log, fx.readThreshold, fx.clock, 5);

    @Test
    void oneStoreReadOneModelCallOneAppendAndTheUnknownReportedById() {
        memory.putAll(Map.of("RA-1", Students.student(), "RA-2", Students.student()));

        PredictStoredStudents.Result result = predict.execute("ana", List.of("RA-2", "RA-404", "RA-1"));

        assertEquals(List.of("RA-2", "RA-1"), result.batch().predictions().stream().map(p -> p.studentId()).toList());
        assertEquals(List.of(new PredictStoredStudents.Miss("RA-404", "no features stored for student 'RA-404'")),
                result.misses());
        assertEquals(1, reads.size(), "one read for the whole batch");
        assertEquals(List.of(2), fx.predictor.batchSizes);
        assertEquals(List.of(2), fx.log.appendSizes);
        List<PredictionRecord> logged = fx.log.query(LogQuery.all()).records();
        assertTrue(logged.stream().allMatch(r -> r.batchId().equals(result.batch().batchId()) && r.user().equals("ana")));
    }

    @Test
    void storedFeaturesTheModelRefusesAreAMissNotAFailure() {
        memory.put("RA-1", Students.student());
        memory.put("RA-OLD", Students.student().without("idade"));

        PredictStoredStudents.Result result = predict.execute("ana", List.of("RA-OLD", "RA-1"));

        assertEquals(1, result.batch().predictions().size());
        assertEquals("RA-OLD", result.misses().get(0).studentId());
        assertTrue(result.misses().get(0).reason().contains("idade"), result.misses().get(0).reason());
    }

    @Test
    void nobodyFoundIsAnEmptyAnswerWithNothingLogged() {
        PredictStoredStudents.Result result = predict.execute("ana", List.of("RA-8", "RA-9"));

        assertNull(result.batch());
        assertEquals(2, result.misses().size());
        assertEquals(List.of(), fx.log.appendSizes);
        assertEquals(List.of(), fx.predictor.batchSizes);
    }

    @Test
    void badListsAreRefusedBeforeTheStoreIsAsked() {
        assertEquals(List.of("student_ids"), refused(null).get(0));
        assertEquals(List.of("student_ids"), refused(List.of()).get(0));
        assertEquals(List.of("student_ids"), refused(List.of("a", "b", "c", "d", "e", "f")).get(0));
        assertEquals(List.of(List.of("student_ids", 1), List.of("student_ids", 2), List.of("student_ids", 3)),
                refused(Arrays.asList("RA-1", " ", "x".repeat(129), "RA-1")));
        assertEquals(List.of(), reads);
    }

    private List<List<Object>> refused(List<String> ids) {
        ValidationException e = assertThrows(ValidationException.class, () -> predict.execute("ana", ids));
        return e.violations().stream().map(v -> v.location()).toList();
    }

    /** Remembers each findAll. */
    private record CountingReads(InMemoryFeatureStore store, List<Collection<String>> reads)
            implements org.magicsteps.core.port.FeatureStore {

        @Override
        public java.util.Optional<StudentFeatures> find(String studentId) {
            throw new AssertionError("a batch is read with findAll");
        }

        @Override
        public Map<String, StudentFeatures> findAll(Collection<String> studentIds) {
            reads.add(List.copyOf(studentIds));
            return store.findAll(studentIds);
        }

        @Override
        public void put(String studentId, StudentFeatures features) {
            store.put(studentId, features);
        }

        @Override
        public List<String> studentIds() {
            return store.studentIds();
        }
    }
}
