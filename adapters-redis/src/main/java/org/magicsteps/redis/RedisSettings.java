package org.magicsteps.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Redis of the feature store and the shared login allowances lives, and how long it may
 * wait for it.
 *
 * <pre>{@code
 * RedisSettings settings = RedisSettings.of("localhost", 6379)   // REDIS_HOST, REDIS_PORT
 *     .withPassword(System.getenv("REDIS_PASSWORD"))           // null or "" means none
 *     .withDatabase(0);
 * RedisSettings tls = RedisSettings.fromUrl("rediss://:secret@redis.internal:6380/0")  // REDIS_URL
 *     .withTrustedCertificates(Path.of("/etc/ssl/redis-ca.pem"));                      // REDIS_TLS_CA_FILE
 * RedisSettings sentinel = RedisSettings.fromUrl("redis-sentinel://s1:26379,s2:26379/0#mymaster");
 * RedisSettings cluster = RedisSettings.fromUrl("redis://n1:7000,n2:7001", true);            // REDIS_CLUSTER=true
 * }</pre>
 *
 * @param host the Redis host name or address; with a URL, the first host it names
 * @param port the Redis port, 1 to 65535; with a URL, the first host's
 * @param password the password of Redis's {@code default} user (or of the URL's user), or {@code null}
 *     for none or for the URL's own; {@link #toString()} never shows it
 * @param database the logical database index, 0 or more (always 0 on a Cluster)
 * @param keyPrefix what every feature key starts with; stores with different prefixes never see
 *     each other's students
 * @param connectTimeout how long to wait for a TCP connection
 * @param commandTimeout how long to wait for the answer to one command
 * @param url a {@code redis://}, {@code rediss://} (TLS) or {@code redis-sentinel://} URL as lettuce reads
 *     them, or {@code null} when {@code host} and {@code port} say it all; may hold a password, so it
 *     is never shown
 * @param cluster whether the URL's hosts are seed nodes of a Redis Cluster
 * @param featureTtl how long stored features live before Redis drops them, or {@code null} for ever
 * @param trustedCertificates a PEM file of the certificates that sign the server's (TLS), or {@code null}
 *     for the JVM's trust store
 */
public record RedisSettings(String host, int port, String password, int database, String keyPrefix,
                            Duration connectTimeout, Duration commandTimeout, String url, boolean cluster,
                            Duration featureTtl, Path trustedCertificates) {

    public static final String DEFAULT_KEY_PREFIX = "magic-steps:features:";
    /** Short, so that a request never waits long on a Redis that is gone. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException naming the setting, when one is out of range or the URL
     *     cannot be read (the message never repeats the URL, which may hold a password)
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
        if (featureTtl != null) {
            requirePositive("feature TTL", featureTtl);
        }
        if (cluster && url == null) {
            url = "redis://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        if (url != null) {
            RedisUris.parse(url, cluster); // refuses a URL lettuce cannot use, now rather than at first use
        }
        if (cluster && database != 0) {
            throw new IllegalArgumentException("Redis database must be 0 on a Cluster, not " + database);
        }
    }

    /** Settings for {@code host:port} with no password, database 0, the default prefix and timeouts. */
    public static RedisSettings of(String host, int port) {
        return new RedisSettings(host, port, null, 0, DEFAULT_KEY_PREFIX, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT, null, false, null, null);
    }

    /**
     * Settings for a Redis URL: {@code redis://[[user]:password@]host[:port][/database]},
     * {@code rediss://...} for TLS, {@code redis-sentinel://[[user]:password@]host[:port][,host2[:port2]][/database]#master}.
     * For a Cluster, give its seed nodes as {@code redis://host1:port1,host2:port2} and add
     * {@link #withCluster(boolean)}.
     *
     * @throws IllegalArgumentException when lettuce cannot read the URL
     */
    public static RedisSettings fromUrl(String url) {
        return fromUrl(url, false);
    }

    /**
     * Settings for a Redis URL, as {@link #fromUrl(String)}; with {@code cluster}, the URL lists the
     * seed nodes of a Redis Cluster: {@code redis://host1:port1,host2:port2} ({@code rediss://} for TLS).
     *
     * @throws IllegalArgumentException when lettuce cannot read the URL
     */
    public static RedisSettings fromUrl(String url, boolean cluster) {
        Objects.requireNonNull(url, "url");
        RedisUris.Parsed parsed = RedisUris.parse(url.trim(), cluster);
        return new RedisSettings(parsed.host(), parsed.port(), null, parsed.database(), DEFAULT_KEY_PREFIX,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, url.trim(), cluster, null, null);
    }

    /** The same settings with {@code password}; {@code null} or empty means none (or the URL's). */
    public RedisSettings withPassword(String password) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, featureTtl, trustedCertificates);
    }

    public RedisSettings withDatabase(int database) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, featureTtl, trustedCertificates);
    }

    public RedisSettings withKeyPrefix(String keyPrefix) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, featureTtl, trustedCertificates);
    }

    public RedisSettings withTimeouts(Duration connectTimeout, Duration commandTimeout) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, featureTtl, trustedCertificates);
    }

    /**
     * The same settings on a Redis Cluster ({@code true}): the URL's hosts (or {@code host:port}) are
     * seed nodes, and lettuce follows the cluster's topology from there.
     */
    public RedisSettings withCluster(boolean onCluster) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                onCluster, featureTtl, trustedCertificates);
    }

    /** The same settings with stored features expiring {@code ttl} after they are written; {@code null}: never. */
    public RedisSettings withFeatureTtl(Duration ttl) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, ttl, trustedCertificates);
    }

    /** The same settings trusting the certificates of a PEM file for TLS; {@code null}: the JVM's trust store. */
    public RedisSettings withTrustedCertificates(Path pemFile) {
        return new RedisSettings(host, port, password, database, keyPrefix, connectTimeout, commandTimeout, url,
                cluster, featureTtl, pemFile);
    }

    /**
     * Where Redis is, never with a password: {@code redis://host:port} (plus {@code /database} when
     * it is not 0), {@code rediss://...} for TLS, {@code redis-sentinel://s1:26379,s2:26379#master},
     * {@code redis-cluster://n1:7000,n2:7001}.
     */
    public String address() {
        if (url != null) {
            return RedisUris.describe(url, cluster, database);
        }
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "redis://" + hostPart + ":" + port + (database == 0 ? "" : "/" + database);
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + ", password=" + (password == null ? "none" : "****")
                + ", keyPrefix=" + keyPrefix + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + (featureTtl == null ? "" : ", featureTtl=" + featureTtl)
                + (trustedCertificates == null ? "" : ", trustedCertificates=" + trustedCertificates) + "]";
    }

    private static void requirePositive(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Redis " + name + " must be positive, not " + timeout);
        }
    }
}
