package org.magicsteps.sqlite;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.contract.PredictionLogContract;

class SqlitePredictionLogTest extends PredictionLogContract {

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void closeStores() {
        stores.close();
    }

    @Override
    protected PredictionLog newLog() {
        return stores.open(dir.resolve("store.db")).predictionLog();
    }
}
