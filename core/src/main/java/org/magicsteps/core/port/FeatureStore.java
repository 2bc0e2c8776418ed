package org.magicsteps.core.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.magicsteps.core.domain.StudentFeatures;

/** The online feature store: the latest known features of each student, by student id. */
public interface FeatureStore {

    /** The features stored for {@code studentId}, if any. */
    Optional<StudentFeatures> find(String studentId);

    /**
     * The features stored for each of {@code studentIds} that has any, in the order asked (an id
     * asked twice appears once); ids with nothing stored are absent. Stores that talk to a server
     * fetch them all in one round trip.
     *
     * @throws PortException when the store cannot be reached
     */
    Map<String, StudentFeatures> findAll(Collection<String> studentIds);

    /** Stores (or replaces) the features of {@code studentId}. */
    void put(String studentId, StudentFeatures features);

    /** Stores (or replaces) the features of many students at once. */
    default void putAll(Map<String, StudentFeatures> byStudentId) {
        byStudentId.forEach(this::put);
    }

    /** The ids of every student with stored features, sorted. */
    List<String> studentIds();
}
