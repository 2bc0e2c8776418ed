package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.core.domain.RegistrationPolicy;

class AppConfigTest {

    @Test
    void defaultsMatchTheOriginalService() {
        AppConfig config = AppConfig.defaults();
        assertEquals(8000, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals(30, config.tokenExpireMinutes());
        assertNull(config.secretKey());
        assertNull(config.mongoUri());
        assertEquals("magic_steps", config.mongoDb());
        assertNull(config.redisHost(), "no Redis unless one is configured");
        assertEquals(6379, config.redisPort());
        assertEquals(RegistrationPolicy.OPEN, config.registration());
        assertEquals(500, config.maxBatchSize());
        assertEquals(1024 * 1024, config.maxBodyBytes());
        assertEquals(Path.of("data"), config.dataDir());
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsDotEnv(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), """
                # the original's template
                PORT=7000
                REDIS_HOST=redis.internal
                MONGO_DB="from_dotenv"
                ACCESS_TOKEN_EXPIRE_MINUTES=15
                """);
        Map<String, String> env = Map.of("PORT", "7100", "MONGO_DB", "from_env");
        Map<String, String> flags = new java.util.HashMap<>();
        flags.put("PORT", "7200");
        flags.put("HOST", null);
        AppConfig config = AppConfig.resolve(flags, env, DotEnvFile.read(dir));
        assertEquals(7200, config.port());
        assertEquals("from_env", config.mongoDb());
        assertEquals("redis.internal", config.redisHost());
        assertEquals(15, config.tokenExpireMinutes());
        assertEquals("0.0.0.0", config.host(), "a flag not given does not hide the lower sources");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.resolve(Map.of(),
                Map.of("PORT", "eighty", "REDIS_PORT", "70000", "REGISTRATION", "closed", "METRICS_TOKEN", "short"),
                Map.of()));
        assertTrue(e.getMessage().contains("PORT: 'eighty' is not a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("REDIS_PORT: 70000 is not within 1–65535"), e.getMessage());
        assertTrue(e.getMessage().contains("REGISTRATION: must be 'open' or 'admin', not 'closed'"), e.getMessage());
        assertTrue(e.getMessage().contains("METRICS_TOKEN: must have at least 16 characters"), e.getMessage());
    }

    @Test
    void theLogKeepsEverythingUnlessARetentionIsGiven() {
        assertNull(AppConfig.defaults().logRetentionDays());
        assertEquals(90, AppConfig.resolve(Map.of(), Map.of("LOG_RETENTION_DAYS", "90"), Map.of()).logRetentionDays());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> AppConfig.resolve(Map.of(), Map.of("LOG_RETENTION_DAYS", "0"), Map.of()));
        assertTrue(zero.getMessage().contains("LOG_RETENTION_DAYS: 0 is not within 1–36500"), zero.getMessage());
        ConfigException words = assertThrows(ConfigException.class,
                () -> AppConfig.resolve(Map.of(), Map.of("LOG_RETENTION_DAYS", "a year"), Map.of()));
        assertTrue(words.getMessage().contains("LOG_RETENTION_DAYS: 'a year' is not a whole number"), words.getMessage());
    }

    @Test
    void toStringHidesSecrets() {
        AppConfig config = AppConfig.resolve(Map.of(), Map.of("SECRET_KEY", "a-very-long-and-secret-value-0123456789",
                "MONGO_URI", "mongodb://app:hunter2@db:27017/x", "METRICS_TOKEN", "scraper-token-0123456789"), Map.of());
        String text = config.toString();
        assertFalse(text.contains("a-very-long"), text);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("scraper-token"), text);
        assertTrue(text.contains("mongodb://app:***@db:27017/x"), text);
    }

    @Test
    void aBrokenDotEnvIsRefusedWithoutQuotingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "PORT=1\nexport SECRET_KEY supersecret-value-0123456789\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DotEnvFile.read(dir));
        assertFalse(e.getMessage().contains("supersecret"), e.getMessage());
    }
}
