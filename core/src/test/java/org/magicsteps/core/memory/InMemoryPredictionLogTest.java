package org.magicsteps.core.memory;

import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.contract.PredictionLogContract;

class InMemoryPredictionLogTest extends PredictionLogContract {

    @Override
    protected PredictionLog newLog() {
        return new InMemoryPredictionLog();
    }
}
