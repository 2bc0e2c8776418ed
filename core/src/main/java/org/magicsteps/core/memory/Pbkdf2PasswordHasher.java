package org.magicsteps.core.memory;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.port.PasswordHasher;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, with a 16-byte random salt and, by default, 600,000
 * iterations (OWASP's figure for this algorithm). Encoded as
 * {@code $pbkdf2-sha256$i=ITERATIONS$SALT$HASH} with Base64 parts, so a hash made with other
 * parameters still verifies.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    /** The fewest iterations a hasher for real passwords may use. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String PREFIX = "$pbkdf2-sha256$i=";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public Pbkdf2PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * A hasher with another iteration count. Fewer than {@link #DEFAULT_ITERATIONS} is only for
     * tests, where speed matters more than resistance to cracking.
     *
     * @throws IllegalArgumentException when {@code iterations} is below 1,000
     */
    public Pbkdf2PasswordHasher(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("PBKDF2 needs at least 1,000 iterations, got " + iterations);
        }
        this.iterations = iterations;
    }

    @Override
    public PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
    }

    @Override
    public boolean matches(char[] password, PasswordHash hash) {
        String encoded = hash.encoded();
        if (!encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            return MessageDigest.isEqual(expected, derive(password, salt, rounds));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PBKDF2-HMAC-SHA256 (" + iterations + " iterations)";
    }

}
