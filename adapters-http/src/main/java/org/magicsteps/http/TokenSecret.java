package org.magicsteps.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key that signs and verifies access tokens (HMAC-SHA256). HS256 is only as strong as its key,
 * so a key shorter than 256 bits is refused. The key never appears in {@link #toString()}.
 */
public final class TokenSecret {

    /** 256 bits, the length RFC 7518 requires for an HS256 key. */
    public static final int MIN_BYTES = 32;

    private final byte[] key;

    private TokenSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a token secret needs at least " + MIN_BYTES + " bytes (256 bits), got "
                    + key.length);
        }
        this.key = key.clone();
    }

    /**
     * The secret as configured text ({@code SECRET_KEY}); its UTF-8 bytes are the key, as the
     * original service used it.
     *
     * @throws IllegalArgumentException when the text is shorter than 256 bits
     */
    public static TokenSecret ofText(String text) {
        return new TokenSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenSecret s && java.security.MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "TokenSecret[hidden]";
    }
}
