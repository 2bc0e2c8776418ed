package org.magicsteps.core.memory;

import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.contract.FeatureStoreContract;

class InMemoryFeatureStoreTest extends FeatureStoreContract {

    @Override
    protected FeatureStore newStore() {
        return new InMemoryFeatureStore();
    }
}
