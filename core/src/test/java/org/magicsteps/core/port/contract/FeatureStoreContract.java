package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.testing.Students;

/** What every {@link FeatureStore} does. */
public abstract class FeatureStoreContract<S extends FeatureStore & HealthReporting> extends HealthContract<S> {

    /** A new, empty store. */
    protected abstract S newStore();

    private S store;

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void storedFeaturesReadBackExactly() {
        StudentFeatures student = Students.student();

        store.put("RA-1", student);

        assertEquals(Optional.of(student), store.find("RA-1"));
    }

    @Test
    void anUnknownStudentIsAbsent() {
        assertEquals(Optional.empty(), store.find("RA-404"));
    }

    @Test
    void puttingAgainReplacesTheFeatures() {
        store.put("RA-1", Students.student());
        StudentFeatures newer = StudentFeatures.builder().fase(4).scoreInde(8.123456789).genero("menino").build();

        store.put("RA-1", newer);

        assertEquals(Optional.of(newer), store.find("RA-1"));
    }

    @Test
    void listsEveryStudentIdSorted() {
        store.putAll(Map.of("RA-3", Students.student(), "RA-1", Students.student(), "RA-2", Students.student()));

        assertEquals(List.of("RA-1", "RA-2", "RA-3"), store.studentIds());
    }

    @Test
    void findsManyStudentsAtOnceInTheOrderAskedLeavingOutTheUnknown() {
        StudentFeatures first = Students.student();
        StudentFeatures second = StudentFeatures.builder().fase(4).scoreInde(8.25).genero("menino").build();
        store.putAll(Map.of("RA-1", first, "RA-2", second));

        Map<String, StudentFeatures> found = store.findAll(List.of("RA-2", "RA-404", "RA-1", "RA-2"));

        assertEquals(List.of("RA-2", "RA-1"), List.copyOf(found.keySet()));
        assertEquals(second, found.get("RA-2"));
        assertEquals(first, found.get("RA-1"));
        assertEquals(Map.of(), store.findAll(List.of()));
        assertEquals(Map.of(), store.findAll(List.of("RA-404")));
    }

    @Override
    protected S usedStore() {
        store.put("RA-1", Students.student());
        return store;
    }
}
