package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    private final RedisSettings local = RedisSettings.of("localhost", 6379);

    @Test
    void defaultsAreShortTimeoutsAndTheMagicStepsPrefix() {
        assertEquals("magic-steps:features:", local.keyPrefix());
        assertEquals(0, local.database());
        assertNull(local.password());
        assertEquals(Duration.ofSeconds(1), local.connectTimeout());
        assertEquals(Duration.ofSeconds(1), local.commandTimeout());
    }

    @Test
    void theAddressNamesHostPortAndANonZeroDatabase() {
        assertEquals("redis://localhost:6379", local.address());
        assertEquals("redis://localhost:6379/2", local.withDatabase(2).address());
        assertEquals("redis://[::1]:6380", RedisSettings.of("::1", 6380).address());
    }

    @Test
    void anEmptyPasswordMeansNone() {
        assertNull(local.withPassword("").password());
    }

    @Test
    void thePasswordIsNeverShown() {
        RedisSettings secret = local.withPassword("s3cr3t-pa55");

        assertFalse(secret.toString().contains("s3cr3t-pa55"));
        assertTrue(secret.toString().contains("password=****"));
        assertFalse(secret.address().contains("s3cr3t-pa55"));
    }

    @Test
    void eachBadSettingIsRejectedByName() {
        assertMessage("Redis host must not be blank", () -> RedisSettings.of(" ", 6379));
        assertMessage("Redis port must be between 1 and 65535, not 0", () -> RedisSettings.of("h", 0));
        assertMessage("Redis port must be between 1 and 65535, not 65536", () -> RedisSettings.of("h", 65_536));
        assertMessage("Redis database must be 0 or more, not -1", () -> local.withDatabase(-1));
        assertMessage("Redis key prefix must not be empty", () -> local.withKeyPrefix(""));
        assertMessage("Redis connect timeout must be positive, not PT0S",
                () -> local.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        assertMessage("Redis command timeout must be positive, not PT-1S",
                () -> local.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}
