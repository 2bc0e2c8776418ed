package org.magicsteps.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Redis feature store lives and how long it may wait for it.
 *
 * <pre>{@code
 * RedisSettings settings = RedisSettings.of("localhost", 6379)
 *     .withPassword(System.getenv("REDIS_PASSWORD"))   // null or "" means none
 *     .withDatabase(0);
 * }</pre>
 *
 * @param host the Redis host name or address
 * @param port the Redis port, 1 to 65535
 * @param password the password of Redis's {@code default} user, or {@code null} for none;
 *     {@link #toString()} never shows it
 * @param database the logical database index, 0 or more
 * @param keyPrefix what every key of the store starts with; stores with different prefixes
 *     never see each other's students
 * @param connectTimeout how long to wait for a TCP connection
 * @param commandTimeout how long to wait for the answer to one command
 */
public record RedisSettings(String host, int port, String password, int database, String keyPrefix,
                            Duration connectTimeout, Duration commandTimeout) {

    public static final String DEFAULT_KEY_PREFIX = "magic-steps:features:";
    /** Short, so that a request never waits long on a Redis that is gone. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException naming the setting, when one is out of range
     */
    public RedisSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Redis host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Redis port must be between 1 and 65535, not " + port);
        }
        // An empty REDIS_PASSWORD in a .env file means "no password", as it does for redis-cli.
        password = password == null || password.isEmpty() ? null : password;
        if (database < 0) {
            throw new IllegalArgumentException("Redis database must be 0 or more, not " + database);
        }
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("Redis key prefix must not be empty");
        }
        requirePositive("connect timeout", connectTimeout);
        requirePositive("command timeout", commandTimeout);
    }

    /** Settings for {@code host:port} with no password, database 0, the default prefix and timeouts. */
    public static RedisSettings of(String host, int port) {
        return new RedisSettings(host, port, null, 0, DEFAULT_KEY_PREFIX, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT);
    }

    /** The same settings with {@code password}; {@code null} or empty means none. */
    public RedisSettings withPassword(String password) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    public RedisSettings withDatabase(int database) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    public RedisSettings withKeyPrefix(String keyPrefix) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    public RedisSettings withTimeouts(Duration connectTimeout, Duration commandTimeout) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    /** {@code redis://host:port}, with {@code /database} when it is not 0; never the password. */
    public String address() {
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "redis://" + hostPart + ":" + port + (database == 0 ? "" : "/" + database);
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + ", password=" + (password == null ? "none" : "****")
                + ", keyPrefix=" + keyPrefix + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + "]";
    }

    private static void requirePositive(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Redis " + name + " must be positive, not " + timeout);
        }
    }
}
