package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.testing.Students;

class PredictBatchTest {

    private final Fixture fx = new Fixture();

    private static PredictBatch.Student student(String id, double ipv) {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_ipv", ipv);
        return new PredictBatch.Student(id, raw);
    }

    @Test
    void theWholeBatchIsOneModelCallAndOneLogAppend() {
        List<PredictBatch.Student> students = List.of(student("RA-1", 3.0), student("RA-2", 9.0), student(null, 6.0));

        BatchPrediction batch = fx.predictBatch.execute(new PredictBatch.Command("ana", students));

        assertEquals(List.of(3), fx.predictor.batchSizes);
        assertEquals(List.of(3), fx.log.appendSizes);
        assertEquals(List.of(0.3, 0.9, 0.6),
                batch.predictions().stream().map(p -> Math.round(p.probability() * 10) / 10.0).toList());
        assertEquals(List.of("RA-1", "RA-2"), batch.predictions().stream().map(Prediction::studentId).limit(2).toList());
        Set<String> batchIds = fx.log.query(LogQuery.all()).records().stream().map(PredictionRecord::batchId)
                .collect(Collectors.toSet());
        assertEquals(Set.of(batch.batchId()), batchIds);
        assertEquals(3, batch.predictions().stream().map(Prediction::predictionId).distinct().count());
        assertEquals(Fixture.NOW, batch.timestamp());
    }

    @Test
    void everyViolationOfEveryStudentIsReportedWithItsIndex() {
        PredictBatch.Student bad = student("RA-2", 11.0);
        PredictBatch.Student worse = new PredictBatch.Student("RA-3", Map.of("fase", 99));
        List<PredictBatch.Student> students = new ArrayList<>(List.of(student("RA-1", 5.0), bad, worse));
        students.add(null);

        ValidationException e = assertThrows(ValidationException.class,
                () -> fx.predictBatch.execute(new PredictBatch.Command("ana", students)));

        assertEquals(List.of("students", 1, "features", "score_ipv"), e.violations().get(0).location());
        Set<Object> indexes = e.violations().stream().map(v -> v.location().get(1)).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3), indexes);
        assertEquals(18, e.violations().stream().filter(v -> v.location().get(1).equals(2)).count(),
                "fase out of range and 17 missing");
        assertEquals(List.of(), fx.predictor.batchSizes, "nothing scored when any student is invalid");
        assertEquals(List.of(), fx.log.appendSizes);
    }

    @Test
    void anEmptyBatchOrOneAboveTheLimitIsRefusedNamingTheLimit() {
        ValidationException empty = assertThrows(ValidationException.class,
                () -> fx.predictBatch.execute(new PredictBatch.Command("ana", List.of())));
        assertEquals(Kind.TOO_SHORT, empty.violations().get(0).kind());

        List<PredictBatch.Student> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(student("RA-" + i, 5.0));
        }
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> fx.predictBatch.execute(new PredictBatch.Command("ana", six)));
        Violation v = tooMany.violations().get(0);
        assertEquals(List.of("students"), v.location());
        assertEquals("students: a batch of 6 students is above the limit of 5", v.message());
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new PredictBatch(fx.predictor, fx.log, fx.readThreshold, Clock.systemUTC(), 0));
        assertEquals(PredictBatch.DEFAULT_MAX_BATCH_SIZE, 500);
    }
}
