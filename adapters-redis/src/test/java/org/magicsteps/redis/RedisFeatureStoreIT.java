package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.contract.FeatureStoreContract;
import org.magicsteps.core.testing.Students;

/**
 * The port's contract, and what is particular to Redis, against the real Redis on
 * 127.0.0.1:6379. Each store gets a key prefix of its own under one prefix per run, which is
 * deleted at the end.
 */
class RedisFeatureStoreIT extends FeatureStoreContract<RedisFeatureStore> {

    private static final String RUN_PREFIX = "magic-steps-test:" + UUID.randomUUID() + ":";
    private static final AtomicInteger STORES = new AtomicInteger();
    private static LocalRedis redis;

    private final List<RedisFeatureStore> opened = new ArrayList<>();

    @BeforeAll
    static void requireRedis() {
        redis = LocalRedis.connectOrFail();
    }

    @AfterAll
    static void deleteWhatTheRunWrote() {
        if (redis != null) {
            redis.deleteKeysStartingWith(RUN_PREFIX);
            redis.close();
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(RedisFeatureStore::close);
    }

    @Override
    protected RedisFeatureStore newStore() {
        return open(freshPrefix(), Clock.systemUTC());
    }

    @Override
    protected String expectedImplementation() {
        return "redis://" + LocalRedis.HOST + ":" + LocalRedis.PORT;
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    /** A store on a port where nothing listens any more. */
    @Override
    protected Optional<RedisFeatureStore> failedStore() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisFeatureStore store = RedisFeatureStore.create(RedisSettings.of(LocalRedis.HOST, closedPort)
                .withKeyPrefix(freshPrefix()));
        opened.add(store);
        return Optional.of(store);
    }

    private static String freshPrefix() {
        return RUN_PREFIX + STORES.incrementAndGet() + ":";
    }

    private RedisFeatureStore open(String keyPrefix, Clock clock) {
        RedisFeatureStore store = new RedisFeatureStore(LocalRedis.settings(keyPrefix), clock);
        opened.add(store);
        return store;
    }

    @Test
    void aFeatureTtlMakesRedisDropTheStudentsLaterAndWithoutOneTheyStay() {
        String prefix = freshPrefix();
        RedisFeatureStore expiring = new RedisFeatureStore(LocalRedis.settings(prefix)
                .withFeatureTtl(java.time.Duration.ofHours(6)), Clock.systemUTC());
        opened.add(expiring);
        expiring.putAll(Map.of("RA-1", Students.student(), "RA-2", Students.student()));
        for (String id : List.of("RA-1", "RA-2")) {
            long ttl = redis.commands().pttl(prefix + id);
            assertTrue(ttl > java.time.Duration.ofHours(5).toMillis() && ttl <= java.time.Duration.ofHours(6).toMillis(),
                    id + ": PTTL " + ttl);
        }
        expiring.put("RA-1", Students.student());
        assertTrue(redis.commands().pttl(prefix + "RA-1") > java.time.Duration.ofHours(5).toMillis(),
                "writing again starts the TTL again");

        String keeping = freshPrefix();
        open(keeping, Clock.systemUTC()).put("RA-1", Students.student());
        assertEquals(-1L, redis.commands().pttl(keeping + "RA-1"), "no TTL configured: kept for ever");
    }

    @Test
    void findAllReadsAThousandStudentsAtOnce() {
        FeatureStore store = newStore();
        Map<String, StudentFeatures> students = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            students.put("RA-" + i, StudentFeatures.builder().fase(i % 8).scoreInde(i / 7.0).turma("t" + i).build());
        }
        store.putAll(students);
        List<String> asked = new ArrayList<>(students.keySet());
        java.util.Collections.reverse(asked);
        asked.add(500, "RA-missing");

        Map<String, StudentFeatures> found = store.findAll(asked);

        assertEquals(1000, found.size());
        assertEquals(asked.stream().filter(id -> !id.equals("RA-missing")).toList(), List.copyOf(found.keySet()));
        assertEquals(students.get("RA-123"), found.get("RA-123"));
    }

    @Test
    void numbersReadBackBitForBitAndWordsStayWords() {
        FeatureStore store = newStore();
        StudentFeatures tricky = StudentFeatures.builder()
                .set("sum", 0.1 + 0.2).set("tiny", Double.MIN_VALUE).set("huge", -Double.MAX_VALUE)
                .set("negative_zero", -0.0).set("third", 1.0 / 3).set("big_integer", 9_007_199_254_740_993L)
                .set("looks_numeric", "007").set("exponent_word", "1e5").set("nan_word", "NaN")
                .set("accented", "Topázio").set("with_colon", "a:b").set("empty_word", "")
                .build();

        store.put("RA-9", tricky);

        StudentFeatures back = store.find("RA-9").orElseThrow();
        assertEquals(tricky, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.number("negative_zero").orElseThrow()));
        assertEquals(Optional.of("007"), back.category("looks_numeric"));
        assertEquals(Optional.of("topázio"), back.category("accented"));
    }

    @Test
    void featureNamesThatLookLikeTheEncodingDoNotCollideWithIt() {
        FeatureStore store = newStore();
        StudentFeatures odd = StudentFeatures.builder()
                .set("m:written_at", "yesterday").set("n:x", 1.5).set("s:y", "word").set("n:", 2.0)
                .build();

        store.put("RA-1", odd);

        assertEquals(Optional.of(odd), store.find("RA-1"));
    }

    @Test
    void keepsOneReadableHashPerStudentUnderTheKeyPrefix() {
        String prefix = freshPrefix();
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        FeatureStore store = open(prefix, Clock.fixed(at, ZoneOffset.UTC));

        store.put("RA-7", StudentFeatures.builder().fase(3).scoreInde(7.1).turma("B").build());

        assertEquals("hash", redis.commands().type(prefix + "RA-7"));
        assertEquals(Map.of("m:written_at", "2026-03-01T12:00:00Z", "n:fase", "3.0", "n:score_inde", "7.1", "s:turma", "b"),
                redis.commands().hgetall(prefix + "RA-7"));
    }

    @Test
    void putAllWritesThousandsOfStudentsThatAreListedAcrossManyScanPages() {
        FeatureStore store = newStore();
        Map<String, StudentFeatures> many = new LinkedHashMap<>();
        for (int i = 0; i < 2 * RedisFeatureStore.STUDENTS_PER_SCRIPT + 500; i++) {
            many.put(String.format("RA-%05d", i), StudentFeatures.builder().fase(i % 8).scoreInde(i / 7.0).build());
        }

        store.putAll(many);

        assertEquals(List.copyOf(many.keySet()), store.studentIds());
        assertEquals(Optional.of(many.get("RA-00000")), store.find("RA-00000"));
        assertEquals(Optional.of(many.get("RA-02499")), store.find("RA-02499"));
    }

    @Test
    void listsOnlyItsOwnStudentsEvenWhenThePrefixAndIdsHoldGlobCharacters() {
        FeatureStore globby = open(RUN_PREFIX + "a[1]*?\\:", Clock.systemUTC());
        // Each of these keys matches the prefix read as a glob pattern, not as text.
        FeatureStore neighbour = open(RUN_PREFIX + "a1zz?:", Clock.systemUTC());
        FeatureStore other = open(RUN_PREFIX + "a1-x:", Clock.systemUTC());
        neighbour.put("RA-2", Students.student());
        other.put("RA-3", Students.student());

        globby.putAll(Map.of("RA-*", Students.student(), "RA-[1]", Students.student(), "RA-?", Students.student()));

        assertEquals(List.of("RA-*", "RA-?", "RA-[1]"), globby.studentIds());
        assertEquals(List.of("RA-2"), neighbour.studentIds());
    }

    @Test
    void aBlankIdInABatchWritesNothing() {
        FeatureStore store = newStore();
        Map<String, StudentFeatures> batch = new LinkedHashMap<>();
        batch.put("RA-1", Students.student());
        batch.put(" ", Students.student());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.putAll(batch));

        assertTrue(e.getMessage().contains("studentId"), e.getMessage());
        assertEquals(List.of(), store.studentIds());
    }

    @Test
    void aHashNotWrittenByMagicStepsIsAPortExceptionNamingTheKeyAndField() {
        String prefix = freshPrefix();
        FeatureStore store = open(prefix, Clock.systemUTC());
        redis.commands().hset(prefix + "RA-1", Map.of("turma", "b"));
        redis.commands().hset(prefix + "RA-2", Map.of("n:fase", "three"));

        PortException unknownField = assertThrows(PortException.class, () -> store.find("RA-1"));
        PortException notANumber = assertThrows(PortException.class, () -> store.find("RA-2"));

        assertTrue(unknownField.getMessage().contains(prefix + "RA-1") && unknownField.getMessage().contains("'turma'"),
                unknownField.getMessage());
        assertTrue(notANumber.getMessage().contains("'n:fase' holds 'three'"), notANumber.getMessage());
    }

    @Test
    void aKeyOfAnotherTypeIsAPortException() {
        String prefix = freshPrefix();
        FeatureStore store = open(prefix, Clock.systemUTC());
        redis.commands().set(prefix + "RA-1", "not a hash");

        PortException e = assertThrows(PortException.class, () -> store.find("RA-1"));

        assertTrue(e.getMessage().contains("could not read student 'RA-1'") && e.getMessage().contains("WRONGTYPE"),
                e.getMessage());
    }

    @Test
    void healthIsUpPersistentAndNamesTheServer() {
        ComponentHealth health = newStore().health();

        assertEquals(ComponentHealth.Status.UP, health.status());
        assertEquals("redis://127.0.0.1:6379", health.implementation());
        assertTrue(health.persistent());
    }

    @Test
    void aDatabaseIndexKeepsStoresApartAndShowsInTheAddress() {
        String prefix = freshPrefix();
        RedisFeatureStore inDb0 = open(prefix, Clock.systemUTC());
        RedisFeatureStore inDb1 = new RedisFeatureStore(LocalRedis.settings(prefix).withDatabase(1), Clock.systemUTC());
        opened.add(inDb1);

        inDb1.put("RA-1", Students.student());
        try {
            assertEquals("redis://127.0.0.1:6379/1", inDb1.health().implementation());
            assertEquals(List.of("RA-1"), inDb1.studentIds());
            assertFalse(inDb0.find("RA-1").isPresent());
        } finally {
            redis.commands().select(1);
            redis.commands().del(prefix + "RA-1");
            redis.commands().select(0);
        }
    }
}
