package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** Something done with a connection: a read on a reader, a change inside the writer's transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
