package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.testing.Students;

class LoadFeaturesTest {

    private final InMemoryFeatureStore store = new InMemoryFeatureStore();

    private static StudentRow row(int line, String id, Object... changes) {
        Map<String, Object> features = new LinkedHashMap<>(Students.rawStudent());
        for (int i = 0; i < changes.length; i += 2) {
            features.put((String) changes[i], changes[i + 1]);
        }
        return new StudentRow(line, id, features, List.of());
    }

    private LoadFeatures.FeatureLoad load(List<StudentRow> rows, OnError onError, List<RowResult> seen) {
        return new LoadFeatures(Students.originalSchema(), store).execute(
                new LoadFeatures.Command(new InMemoryRowSource("pede.csv", "PEDE 2022", rows), onError), seen::add);
    }

    private final List<StudentRow> sheet = List.of(
            row(2, "RA-1", "idade", 12),
            row(3, "RA-2", "idade", 45),
            row(4, null),
            row(5, "RA-1", "idade", 14),
            row(6, "RA-3", "nome", "Aluno-3"));

    @Test
    void underFailOneBadRowStoresNothingAndEveryReasonIsGiven() {
        List<RowResult> seen = new ArrayList<>();

        LoadFeatures.FeatureLoad load = load(sheet, OnError.FAIL, seen);

        assertEquals(0, load.stored());
        assertEquals(List.of(), store.studentIds());
        assertEquals(List.of(List.of(), List.of("idade: 45 is above the maximum 21"),
                List.of("no student id: the RA (or student_id) cell is empty"),
                List.of("RA-1 appears again (first on line 2); which row is right is not for this command to guess"),
                List.of()), seen.stream().map(r -> r.reasons().stream().map(Violation::message).toList()).toList());
        assertEquals(3, load.summary().rejected());
        assertEquals(1, load.summary().flagged(), "RA-3's unknown column 'nome' is named");
    }

    @Test
    void underSkipTheValidRowsAreStored() {
        LoadFeatures.FeatureLoad load = load(sheet, OnError.SKIP, new ArrayList<>());

        assertEquals(2, load.stored());
        assertEquals(List.of("RA-1", "RA-3"), store.studentIds());
        assertEquals(12.0, store.find("RA-1").orElseThrow().number("idade").orElseThrow(), "the first RA-1 is kept");
        assertTrue(store.find("RA-3").orElseThrow().values().keySet().stream().noneMatch("nome"::equals));
    }

    @Test
    void aLargeSheetIsStoredInBatches() {
        List<Integer> batches = new ArrayList<>();
        FeatureStore counting = new FeatureStore() {
            @Override
            public Optional<StudentFeatures> find(String studentId) {
                return store.find(studentId);
            }

            @Override
            public void put(String studentId, StudentFeatures features) {
                putAll(Map.of(studentId, features));
            }

            @Override
            public void putAll(Map<String, StudentFeatures> byStudentId) {
                batches.add(byStudentId.size());
                store.putAll(byStudentId);
            }

            @Override
            public Map<String, StudentFeatures> findAll(java.util.Collection<String> studentIds) {
                return store.findAll(studentIds);
            }

            @Override
            public List<String> studentIds() {
                return store.studentIds();
            }
        };
        List<StudentRow> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(row(i + 2, "RA-" + i));
        }

        LoadFeatures.FeatureLoad load = new LoadFeatures(Students.originalSchema(), counting).execute(
                new LoadFeatures.Command(new InMemoryRowSource("big.csv", "canonical names", rows), OnError.FAIL),
                r -> { });

        assertEquals(2500, load.stored());
        assertEquals(List.of(1000, 1000, 500), batches);
        assertEquals(2500, counting.studentIds().size());
    }
}
