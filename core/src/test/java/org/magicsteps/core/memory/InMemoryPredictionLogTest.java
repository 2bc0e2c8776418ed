package org.magicsteps.core.memory;

import java.util.Optional;

import org.magicsteps.core.port.contract.PredictionLogContract;

class InMemoryPredictionLogTest extends PredictionLogContract<InMemoryPredictionLog> {

    @Override
    protected InMemoryPredictionLog newLog() {
        return new InMemoryPredictionLog();
    }

    @Override
    protected Visibility visibility() {
        return Visibility.AT_ONCE;
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
    protected Optional<InMemoryPredictionLog> failedStore() {
        return Optional.empty();
    }
}
