package org.magicsteps.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.PasswordHash;

class Pbkdf2PasswordHasherTest {

    @Test
    void theDefaultIsSlowAndSalted() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher();

        PasswordHash first = hasher.hash("senha123".toCharArray());
        PasswordHash second = hasher.hash("senha123".toCharArray());

        int iterations = Integer.parseInt(first.encoded().split("\\$")[2].substring(2));
        assertTrue(iterations >= 600_000, "iterations: " + iterations);
        assertNotEquals(first, second, "a fresh salt each time");
        assertTrue(hasher.matches("senha123".toCharArray(), first));
        assertTrue(hasher.matches("senha123".toCharArray(), second));
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        PasswordHash fast = new Pbkdf2PasswordHasher(1_000).hash("senha123".toCharArray());

        assertTrue(new Pbkdf2PasswordHasher().matches("senha123".toCharArray(), fast));
        assertFalse(new Pbkdf2PasswordHasher().matches("senha1234".toCharArray(), fast));
    }

    @Test
    void aMalformedHashMatchesNothing() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

        assertFalse(hasher.matches("x".toCharArray(), new PasswordHash("plain-text")));
        assertFalse(hasher.matches("x".toCharArray(), new PasswordHash("$pbkdf2-sha256$i=abc$x$y")));
        assertFalse(hasher.matches("x".toCharArray(), new PasswordHash("$pbkdf2-sha256$i=1000$!!$??")));
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pbkdf2PasswordHasher(999));
        assertEquals(600_000, Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }
}
