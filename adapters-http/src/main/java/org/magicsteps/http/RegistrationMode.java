package org.magicsteps.http;

import java.util.Locale;

/** Who may call {@code POST /register}. */
public enum RegistrationMode {
    /** Anybody, as in the original service. */
    OPEN,
    /** Only an admin with a valid token. */
    ADMIN;

    /**
     * @throws IllegalArgumentException when {@code text} is neither {@code open} nor {@code admin}
     */
    public static RegistrationMode parse(String text) {
        for (RegistrationMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be 'open' or 'admin', not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
