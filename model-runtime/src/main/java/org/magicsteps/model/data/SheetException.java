package org.magicsteps.model.data;

import org.magicsteps.core.port.PortException;

/**
 * A sheet cannot be read as a whole: the file is missing or unreadable, the named sheet does not
 * exist, the header is unusable, or required columns are missing. The message names the file
 * and the problem. (A single bad row is not an exception: see {@link SheetRow#problems()}.) It is
 * a {@link PortException}, as what the core's use cases see of a {@code RowSource} that fails.
 */
public class SheetException extends PortException {

    private static final long serialVersionUID = 1L;

    public SheetException(String message) {
        super(message);
    }

    public SheetException(String message, Throwable cause) {
        super(message, cause);
    }
}
