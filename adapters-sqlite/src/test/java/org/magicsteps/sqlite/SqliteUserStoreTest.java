package org.magicsteps.sqlite;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.port.contract.UserStoreContract;

class SqliteUserStoreTest extends UserStoreContract {

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void closeStores() {
        stores.close();
    }

    @Override
    protected UserStore newStore() {
        return stores.open(dir.resolve("store.db")).users();
    }
}
