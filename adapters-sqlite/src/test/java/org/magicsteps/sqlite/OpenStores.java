package org.magicsteps.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stores a test opened, closed after it. */
final class OpenStores implements AutoCloseable {

    private final List<SqliteStores> open = new ArrayList<>();

    SqliteStores open(Path file) {
        SqliteStores stores = SqliteStores.open(file);
        open.add(stores);
        return stores;
    }

    /** A store on {@code file}, already closed: what a store that cannot work looks like. */
    SqliteStores closed(Path file) {
        SqliteStores stores = open(file);
        stores.close();
        return stores;
    }

    @Override
    public void close() {
        open.forEach(SqliteStores::close);
        open.clear();
    }
}
