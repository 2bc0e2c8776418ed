package org.magicsteps.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import org.magicsteps.core.port.PortException;

/**
 * One shared lettuce connection (to a single Redis, through Sentinel, or to a Cluster), opened on
 * first use rather than at start-up, so that the application starts (and reports the store DOWN)
 * while Redis is away, and uses it once it is back without a restart.
 *
 * <p>Once open, lettuce reconnects on its own; meanwhile commands are rejected at once instead
 * of queued, so a request fails fast rather than waiting for the timeout. Before the first
 * connection, a failed attempt is remembered for {@link #RETRY_AFTER_FAILURE}, so a burst of
 * requests against a dead host does not become a burst of connection attempts, each waiting
 * for the connect timeout.
 *
 * @param <V> the type of values, as the codec reads them
 */
final class LazyConnection<V> implements AutoCloseable {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(500);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final String address;
    private final RedisCodec<String, V> codec;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    /** The single node's address, or null on a Cluster (whose client knows its seeds). */
    private final RedisURI uri;
    /** Connecting is a TCP connect, then a handshake (HELLO, AUTH, SELECT) of a few commands. */
    private final long waitMillis;

    private final Object lock = new Object();
    private CompletableFuture<? extends StatefulConnection<String, V>> attempt;
    private long failedAtNanos;
    private boolean closed;

    LazyConnection(RedisSettings settings, RedisCodec<String, V> codec) {
        this.address = settings.address();
        this.codec = codec;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        SslOptions ssl = settings.trustedCertificates() == null ? null
                : SslOptions.builder().jdkSslProvider().trustManager(settings.trustedCertificates().toFile()).build();
        List<RedisURI> nodes = nodes(settings);
        if (settings.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, nodes);
            // Not REJECT_COMMANDS: a Cluster opens each node's connection on first use, and commands
            // sent meanwhile would be rejected; a node that is lost costs the command timeout instead.
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .socketOptions(socket)
                    .timeoutOptions(timeouts)
                    // Follows failovers and resharding: MOVED/ASK and lost nodes refresh the topology.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                            .build());
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            cluster.setOptions(options.build());
            this.client = cluster;
            this.uri = null;
        } else {
            RedisClient single = RedisClient.create(resources);
            ClientOptions.Builder options = ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket)
                    .timeoutOptions(timeouts);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            single.setOptions(options.build());
            this.client = single;
            this.uri = nodes.get(0);
        }
        this.waitMillis = settings.connectTimeout().plus(settings.commandTimeout().multipliedBy(3)).toMillis();
    }

    /**
     * The nodes to connect to, with the configured password, database and timeout. A URL is parsed
     * afresh and its {@link RedisURI}s changed in place: lettuce's builder would drop the sentinels.
     */
    private static List<RedisURI> nodes(RedisSettings settings) {
        List<RedisURI> nodes = settings.url() == null
                ? List.of(RedisURI.builder().withHost(settings.host()).withPort(settings.port()).build())
                : RedisUris.parse(settings.url(), settings.cluster()).nodes();
        for (RedisURI node : nodes) {
            node.setTimeout(settings.commandTimeout());
            if (!settings.cluster()) {
                node.setDatabase(settings.database());
            }
            if (settings.password() != null) {
                // REDIS_PASSWORD is the default user's; an ACL user and password go in the URL.
                node.setAuthentication(settings.password().toCharArray());
            }
        }
        return new ArrayList<>(nodes);
    }

    /**
     * Synchronous commands on the shared connection; thread-safe.
     *
     * @throws PortException when no connection can be opened
     * @throws IllegalStateException after {@link #close()}
     */
    RedisClusterCommands<String, V> sync() {
        StatefulConnection<String, V> connection = connection();
        if (connection instanceof StatefulRedisClusterConnection<String, V> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<String, V>) connection).sync();
    }

    /**
     * Asynchronous commands on the shared connection: several sent one after the other go out
     * without waiting for each other's answers (pipelined); thread-safe.
     *
     * @throws PortException when no connection can be opened
     * @throws IllegalStateException after {@link #close()}
     */
    RedisClusterAsyncCommands<String, V> async() {
        StatefulConnection<String, V> connection = connection();
        if (connection instanceof StatefulRedisClusterConnection<String, V> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, V>) connection).async();
    }

    /** Whether this is a Cluster, where one command may only touch keys of one hash slot. */
    boolean cluster() {
        return uri == null;
    }

    /** How long to wait for a batch of pipelined answers: the handshake's worth, as for one command. */
    long waitMillis() {
        return waitMillis;
    }

    String address() {
        return address;
    }

    private StatefulConnection<String, V> connection() {
        CompletableFuture<? extends StatefulConnection<String, V>> current = currentAttempt();
        try {
            return current.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PortException("cannot connect to Redis at " + address + ": " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new PortException("Redis at " + address + " did not accept a connection within " + waitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while connecting to Redis at " + address, e);
        }
    }

    private CompletableFuture<? extends StatefulConnection<String, V>> currentAttempt() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Redis store at " + address + " is closed");
            }
            boolean retry = attempt == null
                    || attempt.isCompletedExceptionally() && System.nanoTime() - failedAtNanos >= RETRY_AFTER_FAILURE.toNanos();
            if (retry) {
                // A Cluster client connects asynchronously only once it knows the topology: load it first.
                CompletableFuture<? extends StatefulConnection<String, V>> fresh = client instanceof RedisClusterClient c
                        ? c.refreshPartitionsAsync().toCompletableFuture().thenCompose(loaded -> c.connectAsync(codec))
                        : ((RedisClient) client).connectAsync(codec, uri).toCompletableFuture();
                fresh.whenComplete((connection, failure) -> {
                    if (failure != null) {
                        synchronized (lock) {
                            failedAtNanos = System.nanoTime();
                        }
                    }
                });
                attempt = fresh;
            }
            return attempt;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Closes the connection too; no quiet period, as nothing else uses these resources.
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The innermost message of a failure: the one that says what actually went wrong. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
