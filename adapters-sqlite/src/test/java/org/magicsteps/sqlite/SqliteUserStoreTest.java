package org.magicsteps.sqlite;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.contract.UserStoreContract;

class SqliteUserStoreTest extends UserStoreContract<SqliteUserStore> {

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void closeStores() {
        stores.close();
    }

    private Path file() {
        return dir.resolve("store.db");
    }

    @Override
    protected SqliteUserStore newStore() {
        return stores.open(file()).users();
    }

    @Override
    protected String expectedImplementation() {
        return "sqlite:" + file().toAbsolutePath();
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    @Override
    protected Optional<SqliteUserStore> failedStore() {
        return Optional.of(stores.closed(dir.resolve("closed.db")).users());
    }
}
