package org.magicsteps.core.memory;

import java.util.Optional;

import org.magicsteps.core.port.contract.SettingsStoreContract;

class InMemorySettingsStoreTest extends SettingsStoreContract<InMemorySettingsStore> {

    @Override
    protected InMemorySettingsStore newStore() {
        return new InMemorySettingsStore();
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
    protected Optional<InMemorySettingsStore> failedStore() {
        return Optional.empty();
    }
}
