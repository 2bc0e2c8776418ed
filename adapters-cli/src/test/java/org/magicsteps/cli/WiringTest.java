package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.ComponentHealth;

class WiringTest {

    @TempDir
    Path dir;

    private AppConfig config(Map<String, String> environment) {
        return AppConfig.resolve(Map.of(), environment, Map.of()).withDataDir(dir.resolve("data"));
    }

    private static User user(String name) {
        return new User(name, "", Role.USER, new PasswordHash("$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA"), false,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void theProductionHasherUsesAtLeast600000Iterations() {
        String encoded = new Wiring(config(Map.of())).passwordHasher().hash("senha123".toCharArray()).encoded();
        Matcher m = Pattern.compile("^\\$pbkdf2-sha256\\$i=(\\d+)\\$").matcher(encoded);
        assertTrue(m.find(), "PBKDF2-HMAC-SHA256: " + encoded.substring(0, 20));
        assertTrue(Integer.parseInt(m.group(1)) >= 600_000, m.group(1));
        assertEquals(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, Integer.parseInt(m.group(1)));
    }

    @Test
    void theServerSettingsFollowTheConfiguration() {
        AppConfig config = config(Map.of("PORT", "9100", "HOST", "127.0.0.1",
                "ACCESS_TOKEN_EXPIRE_MINUTES", "12", "REGISTRATION", "admin", "METRICS_TOKEN", "scraper-token-0123456789",
                "MAX_BODY_BYTES", "4096", "LOGIN_ATTEMPTS_PER_USER", "3", "LOGIN_ATTEMPTS_PER_ADDRESS", "7"));
        org.magicsteps.http.HttpSettings settings = new Wiring(config).httpSettings(
                org.magicsteps.http.TokenSecret.ofText("qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH"));
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9100, settings.port());
        assertEquals(java.time.Duration.ofMinutes(12), settings.tokenLifetime());
        try (Wiring wiring = new Wiring(config)) {
            assertEquals(RegistrationPolicy.ADMINS_ONLY, wiring.registerUser().policy());
        }
        assertEquals("scraper-token-0123456789", settings.metricsToken());
        assertEquals(4096, settings.maxRequestBytes());
        assertEquals(3, settings.loginAttemptsPerUser());
        assertEquals(7, settings.loginAttemptsPerAddress());
    }

    @Test
    void theModelIsTheBundledDefaultOrTheOneConfigured() {
        try (Wiring wiring = new Wiring(config(Map.of()))) {
            assertEquals("default", wiring.model().info().name());
        }
        try (Wiring wiring = new Wiring(config(Map.of("MODEL_DIR", "early-warning")))) {
            assertEquals("early-warning", wiring.model().info().name());
        }
        try (Wiring wiring = new Wiring(config(Map.of("MODEL_DIR", "no-such-model")))) {
            ConfigException e = assertThrows(ConfigException.class, wiring::model);
            assertTrue(e.getMessage().contains("'no-such-model' is neither a bundle directory nor a model this jar "
                    + "carries (default, early-warning"), e.getMessage());
        }
    }

    @Test
    void withNoConfigurationTheStoresPersistInSqliteUnderTheDataDirectory() {
        try (Wiring wiring = new Wiring(config(Map.of()), c -> CliTestModel.predictor())) {
            assertSame(wiring.userStore(), wiring.userStore());
            assertSame(wiring.predictionLog(), wiring.predictionLog());
            for (String store : new String[] {"users", "prediction_log", "settings"}) {
                ComponentHealth health = wiring.components().get(store).health();
                assertEquals("sqlite:" + dir.resolve("data").resolve("magic-steps.db").toAbsolutePath(),
                        health.implementation(), store);
                assertTrue(health.persistent(), store);
            }
            assertEquals("in-memory", wiring.components().get("feature_store").health().implementation(),
                    "no Redis unless REDIS_HOST is set");
            assertTrue(wiring.userStore().add(user("ana")));
        }
        try (Wiring again = new Wiring(config(Map.of()), c -> CliTestModel.predictor())) {
            assertTrue(again.userStore().find("ana").isPresent(), "a restart keeps the users");
        }
    }

    @Test
    void mongoUriPutsTheStoresInMongoDbAndRedisHostTheFeatures() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try (Wiring wiring = new Wiring(config(Map.of("MONGO_URI", uri, "MONGO_DB", "wiring_test",
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379")), c -> CliTestModel.predictor())) {
            assertTrue(wiring.userStore().add(user("bia")));
            assertTrue(wiring.components().get("users").health().implementation().startsWith("mongodb://"),
                    wiring.components().get("users").health().implementation());
            assertTrue(wiring.components().get("prediction_log").health().implementation().startsWith("mongodb://"));
            assertEquals("redis://127.0.0.1:6379", wiring.components().get("feature_store").health().implementation());
        } finally {
            mongo.shutdownNow();
        }
    }
}
