package org.magicsteps.core.domain;

import java.util.Optional;

/**
 * Who may register users through the service ({@code REGISTRATION}). Whatever the policy, only an
 * admin makes an admin; the operator at the command line, who holds the store itself, is not
 * bound by it (that is how the first admin is made).
 */
public enum RegistrationPolicy {
    /** Anybody may register themselves as a user, as in the original service. */
    OPEN("open"),
    /** Only a signed-in admin may register anybody. */
    ADMINS_ONLY("admin");

    private final String label;

    RegistrationPolicy(String label) {
        this.label = label;
    }

    /**
     * Whether {@code registrar} may register a user with {@code role}.
     *
     * @param registrar the signed-in caller, or empty for somebody registering themselves
     */
    public boolean allows(Optional<Actor> registrar, Role role) {
        boolean byAdmin = registrar.map(Actor::isAdmin).orElse(false);
        return byAdmin || (this == OPEN && role == Role.USER);
    }

    /** {@code open} or {@code admin}, as {@code REGISTRATION} spells it. */
    public String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException when {@code text} is neither {@code open} nor {@code admin}
     */
    public static RegistrationPolicy parse(String text) {
        for (RegistrationPolicy policy : values()) {
            if (policy.label.equalsIgnoreCase(text.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("must be 'open' or 'admin', not '" + text + "'");
    }
}
