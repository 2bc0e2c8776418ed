package org.magicsteps.redis;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterURIUtil;

/**
 * Reads Redis URLs with lettuce's own parser, and shows them without their credentials. Errors
 * never repeat the URL: it may hold a password.
 */
final class RedisUris {

    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");

    /** What a URL names: its first host, its database, and every node as lettuce sees it. */
    record Parsed(String host, int port, int database, List<RedisURI> nodes, boolean sentinel) {
    }

    private RedisUris() {
    }

    /** @throws IllegalArgumentException saying what is wrong, without the URL */
    static Parsed parse(String url, boolean cluster) {
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("Redis URL must start with redis://, rediss:// (TLS) or "
                    + "redis-sentinel://, not " + (colon < 0 ? "something without a scheme" : scheme + "://"));
        }
        boolean sentinel = scheme.endsWith("-sentinel");
        if (cluster && sentinel) {
            throw new IllegalArgumentException("a Redis Cluster is reached by redis:// or rediss:// seed nodes, "
                    + "not through Sentinel");
        }
        String lettuceUrl = scheme + url.substring(colon); // lettuce reads lower-case schemes only
        if (cluster && clusterDatabase(lettuceUrl)) {
            throw new IllegalArgumentException("Redis database must be 0 on a Cluster: drop the database from the URL");
        }
        List<RedisURI> nodes;
        try {
            nodes = cluster ? RedisClusterURIUtil.toRedisURIs(URI.create(lettuceUrl))
                    : List.of(RedisURI.create(lettuceUrl));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Redis URL cannot be read (" + e.getClass().getSimpleName()
                    + "); expected " + scheme + "://[[user]:password@]host[:port]" + (cluster ? "[,host2[:port2]]" : "")
                    + (sentinel ? "[,host2[:port2]][/database]#master" : "[/database]"));
        }
        RedisURI first = nodes.get(0);
        if (sentinel) {
            if (first.getSentinels().isEmpty() || first.getSentinelMasterId() == null) {
                throw new IllegalArgumentException("a redis-sentinel:// URL names its sentinels and, after #, "
                        + "the master, as in redis-sentinel://s1:26379,s2:26379#mymaster");
            }
            RedisURI sentinelNode = first.getSentinels().get(0);
            return new Parsed(sentinelNode.getHost(), sentinelNode.getPort(), first.getDatabase(), nodes, true);
        }
        if (first.getHost() == null || first.getHost().isBlank()) {
            throw new IllegalArgumentException("Redis URL names no host");
        }
        return new Parsed(first.getHost(), first.getPort(), first.getDatabase(), nodes, false);
    }

    /** Whether a Cluster URL names a database other than 0 (lettuce would ignore it silently). */
    private static boolean clusterDatabase(String url) {
        int hosts = url.indexOf("://") + 3;
        int slash = url.indexOf('/', hosts);
        if (slash < 0) {
            return false;
        }
        String path = url.substring(slash + 1);
        int end = path.indexOf('?');
        path = end < 0 ? path : path.substring(0, end);
        return !path.isEmpty() && !path.equals("0");
    }

    /** {@code redis://h:6379/2}, {@code redis-sentinel://s1:26379,s2:26379#master}, {@code redis-cluster://n1:7000,n2:7001}. */
    static String describe(String url, boolean cluster, int database) {
        Parsed parsed = parse(url, cluster);
        RedisURI first = parsed.nodes().get(0);
        String tls = first.isSsl() ? "rediss" : "redis";
        if (parsed.sentinel()) {
            return tls + "-sentinel://" + hosts(first.getSentinels()) + (database == 0 ? "" : "/" + database)
                    + "#" + first.getSentinelMasterId();
        }
        if (cluster) {
            return tls + "-cluster://" + hosts(parsed.nodes());
        }
        return tls + "://" + hosts(parsed.nodes()) + (database == 0 ? "" : "/" + database);
    }

    private static String hosts(List<RedisURI> nodes) {
        return nodes.stream()
                .map(n -> (n.getHost().indexOf(':') >= 0 && !n.getHost().startsWith("[") ? "[" + n.getHost() + "]"
                        : n.getHost()) + ":" + n.getPort())
                .collect(Collectors.joining(","));
    }
}
