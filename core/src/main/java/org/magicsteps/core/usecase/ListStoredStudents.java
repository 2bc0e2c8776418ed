package org.magicsteps.core.usecase;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PortException;

/** The ids of the students the online feature store holds. */
public final class ListStoredStudents {

    private final FeatureStore featureStore;

    public ListStoredStudents(FeatureStore featureStore) {
        this.featureStore = Objects.requireNonNull(featureStore, "featureStore");
    }

    /** @throws PortException when the store cannot be reached */
    public List<String> execute() {
        return featureStore.studentIds();
    }
}
