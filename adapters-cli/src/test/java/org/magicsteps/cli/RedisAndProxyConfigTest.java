package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.http.HttpSettings;
import org.magicsteps.http.TokenSecret;
import org.magicsteps.redis.RedisSettings;

/** REDIS_URL and its companions, TRUSTED_PROXIES: read, checked, and never shown with a password. */
class RedisAndProxyConfigTest {

    private static final String PASSWORD = "url-password-Qw7";

    private static AppConfig config(Map<String, String> env) {
        return AppConfig.resolve(Map.of(), env, Map.of());
    }

    private static String problems(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> config(env)).getMessage();
    }

    @Test
    void defaultsAreNoRedisNoTtlNoTrustedProxy() {
        AppConfig config = AppConfig.defaults();
        assertNull(config.redisUrl());
        assertFalse(config.redisCluster());
        assertFalse(config.usesRedis());
        assertNull(config.redisSettings());
        assertEquals("magic-steps:", config.redisKeyPrefix());
        assertEquals(0, config.featureTtlSeconds());
        assertTrue(config.trustedProxies().isEmpty());
    }

    @Test
    void aRedisUrlBecomesTheSettingsOfBothStores() {
        AppConfig config = config(Map.of("REDIS_URL", "rediss://:" + PASSWORD + "@cache.internal:6380/2",
                "REDIS_KEY_PREFIX", "school-a:", "FEATURE_TTL_SECONDS", "86400"));
        RedisSettings settings = config.redisSettings();
        assertEquals("rediss://cache.internal:6380/2", settings.address());
        assertEquals("school-a:features:", settings.keyPrefix());
        assertEquals(Duration.ofDays(1), settings.featureTtl());
        assertFalse(config.toString().contains(PASSWORD), config.toString());
        assertTrue(config.toString().contains("redis=rediss://cache.internal:6380/2"), config.toString());
    }

    @Test
    void theOldHostPortAndPasswordStillWork() {
        AppConfig config = config(Map.of("REDIS_HOST", "10.1.2.3", "REDIS_PORT", "6390", "REDIS_PASSWORD", PASSWORD));
        RedisSettings settings = config.redisSettings();
        assertEquals("redis://10.1.2.3:6390", settings.address());
        assertEquals(PASSWORD, settings.password());
        assertEquals(RedisSettings.DEFAULT_KEY_PREFIX, settings.keyPrefix(), "the features stay where they were");
    }

    @Test
    void aClusterAndSentinelAreNamedByTheUrl() {
        assertEquals("redis-cluster://n1:7000,n2:7001", config(Map.of("REDIS_URL", "redis://n1:7000,n2:7001",
                "REDIS_CLUSTER", "true")).redisSettings().address());
        assertEquals("redis-sentinel://s1:26379,s2:26379#mymaster", config(Map.of("REDIS_URL",
                "redis-sentinel://:" + PASSWORD + "@s1:26379,s2:26379#mymaster")).redisSettings().address());
    }

    @Test
    void aTlsCaFileMustBeReadable(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertEquals(ca, config(Map.of("REDIS_URL", "rediss://cache:6380", "REDIS_TLS_CA_FILE", ca.toString()))
                .redisSettings().trustedCertificates());
        assertTrue(problems(Map.of("REDIS_URL", "rediss://cache:6380", "REDIS_TLS_CA_FILE",
                dir.resolve("missing.pem").toString())).contains("REDIS_TLS_CA_FILE: "));
    }

    @Test
    void badRedisSettingsAreRefusedByNameWithoutThePassword() {
        String both = problems(Map.of("REDIS_URL", "redis://cache", "REDIS_HOST", "cache"));
        assertTrue(both.contains("REDIS_URL: give REDIS_URL or REDIS_HOST, not both"), both);
        String scheme = problems(Map.of("REDIS_URL", "http://:" + PASSWORD + "@cache"));
        assertTrue(scheme.contains("REDIS_URL: Redis URL must start with redis://"), scheme);
        assertFalse(scheme.contains(PASSWORD), scheme);
        assertTrue(problems(Map.of("REDIS_CLUSTER", "true")).contains("REDIS_CLUSTER: needs REDIS_URL"));
        assertTrue(problems(Map.of("REDIS_URL", "redis://n1", "REDIS_CLUSTER", "maybe"))
                .contains("REDIS_CLUSTER: 'maybe' is neither true nor false"));
        assertTrue(problems(Map.of("FEATURE_TTL_SECONDS", "-5")).contains("FEATURE_TTL_SECONDS: -5 is not within"));
    }

    @Test
    void trustedProxiesReachTheServerSettings() {
        AppConfig config = config(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"));
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1"), config.trustedProxies().entries());
        HttpSettings http = new Wiring(config).httpSettings(TokenSecret.ofText("qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH"));
        assertEquals(config.trustedProxies(), http.trustedProxies());
        assertNull(http.sharedAttemptLimiter(), "no Redis: this process keeps the allowances");
        String bad = problems(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal"));
        assertTrue(bad.contains("TRUSTED_PROXIES: 'proxy.internal' is not an IP address"), bad);
    }

    @Test
    void withRedisTheAllowancesAreShared() {
        try (Wiring wiring = new Wiring(config(Map.of("REDIS_HOST", "127.0.0.1")), c -> CliTestModel.predictor())) {
            HttpSettings http = wiring.httpSettings(TokenSecret.ofText("qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH"));
            assertTrue(http.sharedAttemptLimiter().toString().contains("keyPrefix=magic-steps:attempts:"),
                    http.sharedAttemptLimiter().toString());
        }
    }
}
