package org.magicsteps.core.memory;

import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.contract.SettingsStoreContract;

class InMemorySettingsStoreTest extends SettingsStoreContract {

    @Override
    protected SettingsStore newStore() {
        return new InMemorySettingsStore();
    }
}
