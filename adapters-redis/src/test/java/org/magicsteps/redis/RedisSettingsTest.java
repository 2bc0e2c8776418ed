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

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} is shown as {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "redis://cache.internal                              | redis://cache.internal:6379",
        "redis://:s3cr3t@cache.internal:6380/2               | redis://cache.internal:6380/2",
        "redis://app:s3cr3t@cache.internal:6380              | redis://cache.internal:6380",
        "rediss://:s3cr3t@cache.internal:6380/0              | rediss://cache.internal:6380",
        "REDIS://cache.internal                               | redis://cache.internal:6379",
        "redis://[::1]:6390                                  | redis://[::1]:6390",
        "redis-sentinel://:s3cr3t@s1:26379,s2:26380/1#mymaster | redis-sentinel://s1:26379,s2:26380/1#mymaster",
        "rediss-sentinel://s1#mymaster                        | rediss-sentinel://s1:26379#mymaster",
    })
    void aUrlIsReadByLettuceAndShownWithoutItsPassword(String url, String shown) {
        RedisSettings settings = RedisSettings.fromUrl(url);
        assertEquals(shown, settings.address());
        assertFalse(settings.address().contains("s3cr3t"));
        assertFalse(settings.toString().contains("s3cr3t"));
    }

    @Test
    void aUrlGivesTheFirstHostItsPortAndItsDatabase() {
        RedisSettings settings = RedisSettings.fromUrl("redis://:pw@db.internal:6385/3");
        assertEquals("db.internal", settings.host());
        assertEquals(6385, settings.port());
        assertEquals(3, settings.database());
        assertEquals("redis://db.internal:6385/4", settings.withDatabase(4).address());
        RedisSettings sentinel = RedisSettings.fromUrl("redis-sentinel://s1:26379,s2:26380#mymaster");
        assertEquals("s1", sentinel.host());
        assertEquals(26379, sentinel.port());
    }

    @Test
    void aClusterIsGivenBySeedNodes() {
        RedisSettings cluster = RedisSettings.fromUrl("redis://:s3cr3t@n1:7000,n2:7001,n3", true);
        assertTrue(cluster.cluster());
        assertEquals("redis-cluster://n1:7000,n2:7001,n3:6379", cluster.address());
        assertFalse(cluster.toString().contains("s3cr3t"));
        assertEquals("rediss-cluster://n1:7000", RedisSettings.fromUrl("rediss://n1:7000", true).address());
        assertEquals("redis-cluster://h:6379", RedisSettings.of("h", 6379).withCluster(true).address());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://s3cr3t@cache:6379", "cache.internal:6379",
        "redis-socket:///tmp/redis.sock", "redis-sentinel://:s3cr3t@s1:26379", "redis://:s3cr3t@"})
    void aUrlThatCannotBeUsedIsRefusedWithoutRepeatingIt(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisSettings.fromUrl(url));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Redis URL") || e.getMessage().contains("redis-sentinel://"), e.getMessage());
    }

    @Test
    void aClusterRefusesSentinelAndADatabase() {
        assertThrows(IllegalArgumentException.class, () -> RedisSettings.fromUrl("redis-sentinel://s1#m", true));
        assertMessage("Redis database must be 0 on a Cluster: drop the database from the URL",
                () -> RedisSettings.fromUrl("redis://n1:7000/2", true));
        assertMessage("Redis database must be 0 on a Cluster, not 2", () -> RedisSettings.of("h", 1).withDatabase(2)
                .withCluster(true));
    }

    @Test
    void aFeatureTtlMustBePositive() {
        assertEquals(Duration.ofDays(30), local.withFeatureTtl(Duration.ofDays(30)).featureTtl());
        assertNull(local.withFeatureTtl(null).featureTtl());
        assertMessage("Redis feature TTL must be positive, not PT0S", () -> local.withFeatureTtl(Duration.ZERO));
    }
}
