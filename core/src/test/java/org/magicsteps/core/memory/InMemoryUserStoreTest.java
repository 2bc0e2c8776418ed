package org.magicsteps.core.memory;

import java.util.Optional;

import org.magicsteps.core.port.contract.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract<InMemoryUserStore> {

    @Override
    protected InMemoryUserStore newStore() {
        return new InMemoryUserStore();
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
    protected Optional<InMemoryUserStore> failedStore() {
        return Optional.empty();
    }
}
