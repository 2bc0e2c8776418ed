package org.magicsteps.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PortException;

/**
 * The online feature store on Redis: one hash per student under {@code <keyPrefix><studentId>},
 * laid out as {@link FeatureHash} describes. Safe for concurrent use; {@link #close()} it when done.
 *
 * <p>Every write replaces whole hashes inside one Lua script, so a reader sees a student's old
 * features or new ones, never a mix, and {@link #putAll} costs one round trip per
 * {@value #STUDENTS_PER_SCRIPT} students. (MULTI/EXEC would need a connection of its own, as a
 * transaction is the state of a connection and this one is shared.)
 */
public final class RedisFeatureStore implements FeatureStore, HealthReporting, AutoCloseable {

    /** Keeps each script short, as Redis serves nothing else while one runs. */
    static final int STUDENTS_PER_SCRIPT = 1000;
    private static final long KEYS_PER_SCAN = 1000;

    /**
     * KEYS: the hashes to replace. ARGV: the time to live in milliseconds (0: for ever), then for
     * each key in turn the number of field-value pairs, then the pairs. HSET gets them in slices of
     * 400 pairs, to stay within Lua's stack.
     */
    private static final String REPLACE_HASHES = """
            local ttl = tonumber(ARGV[1])
            local a = 2
            for k = 1, #KEYS do
              local first, last = a + 1, a + 2 * tonumber(ARGV[a])
              redis.call('DEL', KEYS[k])
              while first <= last do
                local upto = math.min(first + 799, last)
                redis.call('HSET', KEYS[k], unpack(ARGV, first, upto))
                first = upto + 1
              end
              if ttl > 0 then
                redis.call('PEXPIRE', KEYS[k], ttl)
              end
              a = last + 1
            end
            return #KEYS
            """;

    private final RedisSettings settings;
    private final LazyConnection<String> redis;
    private final Clock clock;

    RedisFeatureStore(RedisSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redis = new LazyConnection<>(settings, StringCodec.UTF8);
    }

    /**
     * A store on the Redis that {@code settings} describe. Does not connect yet: the first call
     * does, and a Redis that is down makes calls fail (and {@link #health()} say DOWN) until it
     * is back, with no restart needed.
     */
    public static RedisFeatureStore create(RedisSettings settings) {
        return new RedisFeatureStore(settings, Clock.systemUTC());
    }

    /** @throws PortException when Redis cannot be reached or the student's hash is not ours */
    @Override
    public Optional<StudentFeatures> find(String studentId) {
        Objects.requireNonNull(studentId, "studentId");
        String key = settings.keyPrefix() + studentId;
        Map<String, String> fields = call("read student '" + studentId + "'", redis -> redis.hgetall(key));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(key, fields));
    }

    private static StudentFeatures decode(String key, Map<String, String> fields) {
        try {
            return FeatureHash.decode(fields);
        } catch (IllegalArgumentException e) {
            throw new PortException("Redis key '" + key + "' does not hold features written by Magic Steps: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every student's hash asked for at once: the HGETALLs go out back to back on the shared
     * connection without waiting for each other (pipelined), so the whole batch costs one round
     * trip, not one per student. On a Cluster, lettuce sends each to its node, all at once.
     *
     * @throws PortException when Redis cannot be reached, or a hash is not ours
     */
    @Override
    public Map<String, StudentFeatures> findAll(Collection<String> studentIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(studentIds));
        if (ids.isEmpty()) {
            return Map.of();
        }
        String what = "read " + ids.size() + " students";
        List<Map<String, String>> hashes = call(what, ignored -> {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
            for (String id : ids) {
                reads.add(async.hgetall(settings.keyPrefix() + id));
            }
            return awaitAll(what, reads);
        });
        Map<String, StudentFeatures> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!hashes.get(i).isEmpty()) {
                found.put(ids.get(i), decode(settings.keyPrefix() + ids.get(i), hashes.get(i)));
            }
        }
        return found;
    }

    /** Waits for every answer together, within one command timeout's worth plus the handshake's. */
    private <T> List<T> awaitAll(String what, List<RedisFuture<T>> futures) {
        CompletableFuture<?>[] all = futures.stream().map(RedisFuture::toCompletableFuture)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(redis.waitMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PortException("Redis at " + settings.address() + " could not " + what + ": "
                    + LazyConnection.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new PortException("Redis at " + settings.address() + " did not answer within " + redis.waitMillis()
                    + " ms (" + what + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while waiting for Redis at " + settings.address(), e);
        }
        List<T> results = new ArrayList<>(futures.size());
        for (CompletableFuture<?> future : all) {
            @SuppressWarnings("unchecked")
            T result = (T) future.join();
            results.add(result);
        }
        return results;
    }

    /**
     * @throws IllegalArgumentException when {@code studentId} is blank
     * @throws PortException when Redis cannot be reached
     */
    @Override
    public void put(String studentId, StudentFeatures features) {
        putAll(Map.of(requireId(studentId), Objects.requireNonNull(features, "features")));
    }

    /**
     * Writes every student, or none when an id is blank.
     *
     * @throws IllegalArgumentException when an id is blank
     * @throws PortException when Redis cannot be reached; students of earlier scripts may be written
     */
    @Override
    public void putAll(Map<String, StudentFeatures> byStudentId) {
        Instant writtenAt = clock.instant();
        List<String> keys = new ArrayList<>(byStudentId.size());
        List<Map<String, String>> hashes = new ArrayList<>(byStudentId.size());
        byStudentId.forEach((studentId, features) -> {
            keys.add(settings.keyPrefix() + requireId(studentId));
            hashes.add(FeatureHash.encode(Objects.requireNonNull(features, "features of " + studentId), writtenAt));
        });
        if (redis.cluster()) {
            replaceBySlot(keys, hashes);
            return;
        }
        for (int from = 0; from < keys.size(); from += STUDENTS_PER_SCRIPT) {
            int to = Math.min(from + STUDENTS_PER_SCRIPT, keys.size());
            replaceHashes(keys.subList(from, to), hashes.subList(from, to));
        }
    }

    /**
     * On a Cluster a script may only touch keys of one hash slot: one script per slot, all sent at
     * once and awaited together.
     */
    private void replaceBySlot(List<String> keys, List<Map<String, String>> hashes) {
        Map<Integer, List<Integer>> bySlot = new java.util.TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            bySlot.computeIfAbsent(SlotHash.getSlot(keys.get(i)), slot -> new ArrayList<>()).add(i);
        }
        List<RedisFuture<Long>> writes = new ArrayList<>(bySlot.size());
        String what = "write " + keys.size() + " students";
        call(what, ignored -> {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            for (List<Integer> slot : bySlot.values()) {
                List<String> slotKeys = new ArrayList<>(slot.size());
                List<Map<String, String>> slotHashes = new ArrayList<>(slot.size());
                slot.forEach(i -> {
                    slotKeys.add(keys.get(i));
                    slotHashes.add(hashes.get(i));
                });
                writes.add(async.eval(REPLACE_HASHES, ScriptOutputType.INTEGER, slotKeys.toArray(String[]::new),
                        scriptArgs(slotHashes)));
            }
            return awaitAll(what, writes);
        });
    }

    /** The script's ARGV: the TTL in milliseconds (0: none), then each hash's size and pairs. */
    private String[] scriptArgs(List<Map<String, String>> hashes) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(settings.featureTtl() == null ? 0 : settings.featureTtl().toMillis()));
        for (Map<String, String> hash : hashes) {
            args.add(Integer.toString(hash.size()));
            hash.forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
        }
        return args.toArray(String[]::new);
    }

    private void replaceHashes(List<String> keys, List<Map<String, String>> hashes) {
        String[] args = scriptArgs(hashes);
        String what = keys.size() == 1 ? "write student '" + keys.get(0).substring(settings.keyPrefix().length()) + "'"
                : "write " + keys.size() + " students";
        call(what, commands -> commands.<Long>eval(REPLACE_HASHES, ScriptOutputType.INTEGER,
                keys.toArray(String[]::new), args));
    }

    /** Found with SCAN, page by page, so that Redis is never blocked as KEYS would block it. */
    @Override
    public List<String> studentIds() {
        String prefix = settings.keyPrefix();
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(KEYS_PER_SCAN);
        return call("list students", redis -> {
            TreeSet<String> ids = new TreeSet<>(); // SCAN may return a key twice
            ScanIterator.scan(redis, args).forEachRemaining(key -> ids.add(key.substring(prefix.length())));
            return List.copyOf(ids);
        });
    }

    /** UP when Redis answers a PING in time, else DOWN with the reason; never throws for Redis. */
    @Override
    public ComponentHealth health() {
        try {
            redis.sync().ping();
            return new ComponentHealth(settings.address(), true, ComponentHealth.Status.UP,
                    Map.of("key_prefix", settings.keyPrefix()));
        } catch (PortException | RedisException e) {
            String reason = e instanceof PortException ? e.getMessage() : LazyConnection.describe(e);
            return new ComponentHealth(settings.address(), true, ComponentHealth.Status.DOWN,
                    Map.of("key_prefix", settings.keyPrefix(), "error", reason));
        }
    }

    /** Closes the connection and its threads; later calls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisFeatureStore[" + settings.address() + ", keyPrefix=" + settings.keyPrefix() + "]";
    }

    private <T> T call(String action, Function<RedisClusterCommands<String, String>, T> command) {
        RedisClusterCommands<String, String> commands = redis.sync();
        try {
            return command.apply(commands);
        } catch (RedisException e) {
            throw new PortException("Redis at " + settings.address() + " could not " + action + ": "
                    + LazyConnection.describe(e), e);
        }
    }

    private static String requireId(String studentId) {
        if (studentId == null || studentId.isBlank()) {
            throw new IllegalArgumentException("studentId must not be blank");
        }
        return studentId;
    }

    /** The prefix as a SCAN pattern that matches only itself. */
    static String globEscape(String literal) {
        StringBuilder pattern = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }
}
