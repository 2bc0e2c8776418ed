package org.magicsteps.core.port;

import org.magicsteps.core.domain.PasswordHash;

/** Turns passwords into slow, salted hashes and checks passwords against them. */
public interface PasswordHasher {

    PasswordHash hash(char[] password);

    /** Whether {@code password} is the one {@code hash} was made from; takes as long either way. */
    boolean matches(char[] password, PasswordHash hash);
}
