package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.contract.FeatureStoreContract;

/**
 * The feature store and the login allowances over TLS ({@code rediss://}), on a redis-server of the
 * test's own that listens only on a TLS port, with a self-signed certificate for 127.0.0.1 made by
 * {@code openssl} here, and a password: the port's contract, and a certificate not trusted refused.
 */
class RedisTlsIT extends FeatureStoreContract<RedisFeatureStore> {

    private static final String PASSWORD = "tls-test-password-7f3a";
    private static Path dir;
    private static Path certificate;
    private static RedisServerProcess server;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startTlsRedis() throws Exception {
        dir = Files.createTempDirectory("magic-steps-redis-tls");
        certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            fail("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log")));
        }
        server = RedisServerProcess.start(dir, false, port -> List.of("--port", "0", "--tls-port",
                Integer.toString(port), "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no", "--requirepass", PASSWORD));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private RedisSettings settings(String prefix) {
        return RedisSettings.fromUrl("rediss://:" + PASSWORD + "@127.0.0.1:" + server.port() + "/0")
                .withKeyPrefix(prefix).withTrustedCertificates(certificate)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Override
    protected String expectedImplementation() {
        return "rediss://127.0.0.1:" + server.port();
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    /** How an unreachable Redis is reported is RedisFeatureStoreIT's test; this one is about the topology. */
    @Override
    protected Optional<RedisFeatureStore> failedStore() {
        return Optional.empty();
    }

    @Override
    protected RedisFeatureStore newStore() {
        RedisFeatureStore store = RedisFeatureStore.create(settings("tls:" + java.util.UUID.randomUUID() + ":"));
        opened.add(store);
        return store;
    }

    @Test
    void healthShowsTlsAndNeverThePassword() {
        RedisFeatureStore store = (RedisFeatureStore) newStore();
        ComponentHealth health = store.health();
        assertEquals(ComponentHealth.Status.UP, health.status(), health.toString());
        assertEquals("rediss://127.0.0.1:" + server.port(), health.implementation());
        assertFalse(health.toString().contains(PASSWORD));
        assertFalse(store.toString().contains(PASSWORD));
    }

    @Test
    void theLoginAllowancesWorkOverTlsToo() {
        RedisAttemptLimiter limiter = RedisAttemptLimiter.create(settings("unused:"), "tls-attempts:");
        opened.add(limiter);
        Allowance one = new Allowance(1, Duration.ofMinutes(1));
        String key = "user:" + java.util.UUID.randomUUID();
        assertEquals(Duration.ZERO, limiter.tryAcquire(key, one));
        assertTrue(limiter.tryAcquire(key, one).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aCertificateNobodyTrustsIsRefused() {
        RedisFeatureStore untrusting = RedisFeatureStore.create(settings("tls-untrusted:").withTrustedCertificates(null));
        opened.add(untrusting);
        PortException e = assertThrows(PortException.class, () -> untrusting.find("RA-1"));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals(ComponentHealth.Status.DOWN, untrusting.health().status());
    }

    @Test
    void plainTextToATlsPortGetsNowhere() {
        RedisFeatureStore plain = RedisFeatureStore.create(RedisSettings.fromUrl("redis://:" + PASSWORD
                + "@127.0.0.1:" + server.port()).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));
        opened.add(plain);
        assertThrows(PortException.class, () -> plain.find("RA-1"));
    }
}
