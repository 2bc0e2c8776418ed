package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.contract.FeatureStoreContract;
import org.magicsteps.core.testing.Students;

/**
 * The feature store and the login allowances on a Redis Cluster of three masters, the test's own
 * (made with {@code redis-cli --cluster create}): students spread over many hash slots, so writes,
 * reads and SCAN all cross nodes.
 */
class RedisClusterIT extends FeatureStoreContract<RedisFeatureStore> {

    private static final List<RedisServerProcess> NODES = new ArrayList<>();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Files.createTempDirectory("magic-steps-redis-cluster");
        for (int i = 0; i < 3; i++) {
            NODES.add(RedisServerProcess.start(dir, true, port -> List.of("--port", Integer.toString(port),
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "5000")));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        NODES.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process process = new ProcessBuilder(create).redirectErrorStream(true)
                .redirectOutput(dir.resolve("create.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
        }
        awaitClusterOk(dir);
    }

    /** Polls each node until all agree the cluster is ok (slots assigned, nodes met). */
    private static void awaitClusterOk(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (RedisServerProcess node : NODES) {
                Path out = dir.resolve("info-" + node.port() + ".txt");
                Process info = new ProcessBuilder("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                info.waitFor(10, TimeUnit.SECONDS);
                allOk &= Files.readString(out).contains("cluster_state:ok");
            }
            if (allOk) {
                return;
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        fail("the cluster did not become ok within 30 s");
    }

    @AfterAll
    static void stop() {
        NODES.forEach(RedisServerProcess::close);
        NODES.clear();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static RedisSettings settings() {
        return RedisSettings.fromUrl("redis://127.0.0.1:" + NODES.get(0).port() + ",127.0.0.1:" + NODES.get(1).port(),
                true).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    private RedisFeatureStore open() {
        RedisFeatureStore store = RedisFeatureStore.create(settings().withKeyPrefix("cluster:" + UUID.randomUUID() + ":"));
        opened.add(store);
        return store;
    }

    @Override
    protected String expectedImplementation() {
        return "redis-cluster://127.0.0.1:" + NODES.get(0).port() + ",127.0.0.1:" + NODES.get(1).port();
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
        return open();
    }

    @Test
    void aBatchOverManySlotsIsWrittenReadAndListedWhole() {
        RedisFeatureStore store = open();
        Map<String, StudentFeatures> students = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            students.put("RA-" + i, StudentFeatures.builder().fase(i % 8).scoreInde(i / 10.0).turma("t" + i).build());
        }
        store.putAll(students);

        assertEquals(300, store.studentIds().size(), "SCAN visits every node");
        assertEquals(students, store.findAll(List.copyOf(students.keySet())));
    }

    @Test
    void healthNamesTheSeedsAndTheLoginAllowancesWork() {
        ComponentHealth health = open().health();
        assertEquals(ComponentHealth.Status.UP, health.status(), health.toString());
        assertTrue(health.implementation().startsWith("redis-cluster://127.0.0.1:"), health.implementation());
        RedisAttemptLimiter limiter = RedisAttemptLimiter.create(settings(), "cluster-attempts:");
        opened.add(limiter);
        Allowance one = new Allowance(1, Duration.ofMinutes(1));
        for (int i = 0; i < 20; i++) {
            String key = "user:" + UUID.randomUUID();
            assertEquals(Duration.ZERO, limiter.tryAcquire(key, one));
            assertFalse(limiter.tryAcquire(key, one).isZero());
        }
    }
}
