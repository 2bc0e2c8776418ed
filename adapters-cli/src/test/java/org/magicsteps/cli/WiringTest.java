package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.memory.Pbkdf2PasswordHasher;

class WiringTest {

    @Test
    void theProductionHasherUsesAtLeast600000Iterations() {
        String encoded = new Wiring(AppConfig.defaults()).passwordHasher().hash("senha123".toCharArray()).encoded();
        Matcher m = Pattern.compile("^\\$pbkdf2-sha256\\$i=(\\d+)\\$").matcher(encoded);
        assertTrue(m.find(), "PBKDF2-HMAC-SHA256: " + encoded.substring(0, 20));
        assertTrue(Integer.parseInt(m.group(1)) >= 600_000, m.group(1));
        assertEquals(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, Integer.parseInt(m.group(1)));
    }

    @Test
    void onThisBranchTheModelIsNotWiredAndSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Wiring(AppConfig.defaults()).model());
        assertEquals("the model module is not wired yet", e.getMessage());
    }

    @Test
    void eachStoreIsBuiltOnceAndSharedAndIsInMemoryForNow() {
        Wiring wiring = new Wiring(AppConfig.defaults(), c -> CliTestModel.predictor());
        assertSame(wiring.userStore(), wiring.userStore());
        assertSame(wiring.predictionLog(), wiring.predictionLog());
        wiring.components().forEach((name, health) -> {
            assertEquals("in-memory", health.get().implementation(), name);
            assertEquals(false, health.get().persistent(), name);
        });
    }
}
