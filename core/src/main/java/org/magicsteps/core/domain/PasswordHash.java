package org.magicsteps.core.domain;

/**
 * A password hash in its encoded form, with its algorithm, parameters and salt. Its
 * {@link #toString()} hides the value so that it never reaches a log line.
 *
 * @param encoded the encoded hash
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("a password hash must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[hidden]";
    }
}
