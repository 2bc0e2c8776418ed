package org.magicsteps.core.memory;

import java.util.Optional;

import org.magicsteps.core.port.contract.FeatureStoreContract;

class InMemoryFeatureStoreTest extends FeatureStoreContract<InMemoryFeatureStore> {

    @Override
    protected InMemoryFeatureStore newStore() {
        return new InMemoryFeatureStore();
    }

    @Override
    protected String expectedImplementation() {
        return "in-memory";
    }

    @Override
    protected boolean expectedPersistent() {
        return false;
    }

    @Override
    protected Optional<InMemoryFeatureStore> failedStore() {
        return Optional.empty();
    }
}
