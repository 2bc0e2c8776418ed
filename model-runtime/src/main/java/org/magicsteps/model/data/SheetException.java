package org.magicsteps.model.data;

/**
 * A sheet cannot be read as a whole: the file is missing or unreadable, the named sheet does not
 * exist, the header is unusable, or required columns are missing. The message names the file
 * and the problem. (A single bad row is not an exception: see {@link SheetRow#problems()}.)
 */
public class SheetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SheetException(String message) {
        super(message);
    }

    public SheetException(String message, Throwable cause) {
        super(message, cause);
    }
}
