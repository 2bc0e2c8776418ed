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
    void theServerSettingsFollowTheConfiguration() {
        AppConfig config = AppConfig.resolve(java.util.Map.of(), java.util.Map.of("PORT", "9100", "HOST", "127.0.0.1",
                "ACCESS_TOKEN_EXPIRE_MINUTES", "12", "REGISTRATION", "admin", "METRICS_TOKEN", "scraper-token-0123456789",
                "MAX_BODY_BYTES", "4096", "LOGIN_ATTEMPTS_PER_USER", "3", "LOGIN_ATTEMPTS_PER_ADDRESS", "7"),
                java.util.Map.of());
        org.magicsteps.http.HttpSettings settings = new Wiring(config).httpSettings(
                org.magicsteps.http.TokenSecret.ofText("qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH"));
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9100, settings.port());
        assertEquals(java.time.Duration.ofMinutes(12), settings.tokenLifetime());
        assertEquals(org.magicsteps.http.RegistrationMode.ADMIN, settings.registration());
        assertEquals("scraper-token-0123456789", settings.metricsToken());
        assertEquals(4096, settings.maxRequestBytes());
        assertEquals(3, settings.loginAttemptsPerUser());
        assertEquals(7, settings.loginAttemptsPerAddress());
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
