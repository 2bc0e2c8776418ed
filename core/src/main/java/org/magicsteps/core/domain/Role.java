package org.magicsteps.core.domain;

import java.util.Locale;

/** What a user may do. */
public enum Role {
    /** Predicts, and reads their own log records. */
    USER,
    /** Also changes the threshold and reads everyone's records. */
    ADMIN;

    /** {@code user} or {@code admin}, as tokens and stores carry it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException when {@code label} names no role
     */
    public static Role fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "'");
    }
}
