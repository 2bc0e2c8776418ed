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
        SQLiteErrorCode code = sqlite.getResultCode();
        String hint = switch (code.code & 0xff) {
            case 5, 6 -> "another process held the file's lock for more than "
                    + file.busyTimeout().toMillis() + " ms";                            // BUSY, LOCKED
            case 8 -> "the file or its directory is not writable";                        // READONLY
            case 10 -> "the disk could not be read or written";                           // IOERR
            case 11, 26 -> "the file is damaged or is not a SQLite database";             // CORRUPT, NOTADB
            case 13 -> "the disk is full";                                                // FULL
            case 14 -> "the file cannot be opened (check the path and its permissions)";  // CANTOPEN
            case 3, 23 -> "permission denied";                                            // PERM, AUTH
            default -> null;
        };
        return hint == null ? message : message + " (" + hint + ")";
    }
}
