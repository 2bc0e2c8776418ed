package org.magicsteps.sqlite;

import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;

/** One open store file: its writer, its readers, and how healthy it is. Shared by the three adapters. */
final class Database implements AutoCloseable {

    private final SqliteFile file;
    private final SingleWriter writer;
    private final Readers readers;
    private final Dictionaries dictionaries;

    Database(SqliteFile file, SingleWriter writer, Readers readers, Dictionaries dictionaries) {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
        this.dictionaries = dictionaries;
    }

    /** The shared values prediction records point to; the writer's and the readers'. */
    Dictionaries dictionaries() {
        return dictionaries;
    }

    SqliteFile file() {
        return file;
    }

    SingleWriter writer() {
        return writer;
    }

    Readers readers() {
        return readers;
    }

    /**
     * {@code sqlite:<path>}, persistent; UP while the file can be read and the last write
     * succeeded, else DOWN with the reason. Cheap: a header read and two file sizes, never a count
     * of the log.
     */
    ComponentHealth health(Map<String, Object> extraDetails) {
        Map<String, Object> details = new LinkedHashMap<>();
        SqliteFile.Sizes sizes = file.sizes();
        details.put("database_bytes", sizes.databaseBytes());
        details.put("wal_bytes", sizes.walBytes());
        details.put("synchronous", file.durability().name());
        details.putAll(extraDetails);
        String problem = null;
        if (writer.isClosed()) {
            problem = "closed";
        } else {
            try {
                int version = readers.read("checking health", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        return Schema.number(statement, "PRAGMA user_version");
                    }
                });
                details.put("schema_version", version);
                if (!writer.working()) {
                    problem = writer.lastError() != null ? writer.lastError() : "the writer thread has stopped";
                }
            } catch (PortException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            details.put("error", problem);
        }
        return new ComponentHealth(file.implementation(), true,
                problem == null ? ComponentHealth.Status.UP : ComponentHealth.Status.DOWN, details);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            readers.close();
        }
    }
}
