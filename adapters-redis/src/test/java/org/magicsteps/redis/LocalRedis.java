package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A plain lettuce connection to the Redis the tests use (127.0.0.1:6379, which CI starts), to
 * look at and tamper with what the store wrote, and to delete the keys of a test run.
 */
final class LocalRedis implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private LocalRedis(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    /** Connects, or fails the test class: CI guarantees a Redis, so a missing one is an error. */
    static LocalRedis connectOrFail() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(HOST).withPort(PORT)
                .withTimeout(Duration.ofSeconds(2)).build());
        try {
            return new LocalRedis(client, client.connect());
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            return fail("these tests need a Redis on " + HOST + ":" + PORT + " and none answers (" + e.getMessage()
                    + "); start one with `redis-server --daemonize yes` (CI's .ci/run does)");
        }
    }

    /** A store on this Redis whose keys all start with {@code keyPrefix}. */
    static RedisSettings settings(String keyPrefix) {
        return RedisSettings.of(HOST, PORT).withKeyPrefix(keyPrefix);
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    void deleteKeysStartingWith(String prefix) {
        List<String> keys = new ArrayList<>();
        // Test prefixes hold no glob characters, so the pattern matches exactly them.
        ScanIterator.scan(commands(), ScanArgs.Builder.matches(prefix + "*").limit(1000)).forEachRemaining(keys::add);
        for (int from = 0; from < keys.size(); from += 1000) {
            commands().unlink(keys.subList(from, Math.min(from + 1000, keys.size())).toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
