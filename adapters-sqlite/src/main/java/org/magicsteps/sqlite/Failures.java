package org.magicsteps.sqlite;

import java.sql.SQLException;

import org.magicsteps.core.port.PortException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Driver errors as {@link PortException}s that name the file, what was being done, and the problem. */
final class Failures {

    private Failures() {
    }

    static PortException wrap(SqliteFile file, String what, SQLException e) {
        return new PortException(file + ": " + what + " failed: " + describe(file, e), e);
    }

    /** The driver's message (which names the SQLite result code), with a hint for the usual causes. */
    static String describe(SqliteFile file, SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof SQLiteException sqlite)) {
            return message;
        }
        String hint = switch (primary(sqlite.getResultCode())) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "another process held the file's lock for more than "
                    + file.busyTimeout().toMillis() + " ms";
            case SQLITE_READONLY -> "the file or its directory is not writable";
            case SQLITE_IOERR -> "the disk could not be read or written";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "the file is damaged or is not a SQLite database";
            case SQLITE_FULL -> "the disk is full";
            case SQLITE_CANTOPEN -> "the file cannot be opened (check the path and its permissions)";
            case SQLITE_PERM, SQLITE_AUTH -> "permission denied";
            default -> null;
        };
        return hint == null ? message : message + " (" + hint + ")";
    }

    /**
     * The primary result code of {@code code}: the driver reports extended codes
     * ({@code SQLITE_IOERR_FSYNC}), whose low byte is the primary one.
     */
    static SQLiteErrorCode primary(SQLiteErrorCode code) {
        return SQLiteErrorCode.getErrorCode(code.code & 0xff);
    }
}
