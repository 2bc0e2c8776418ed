package org.magicsteps.cli;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, never a secret. */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }

    ConfigException(List<String> problems) {
        super("configuration refused:\n  - " + String.join("\n  - ", problems));
    }
}
