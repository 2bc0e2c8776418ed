package org.magicsteps.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import org.magicsteps.core.port.PortException;

/**
 * One shared lettuce connection, opened on first use rather than at start-up, so that the
 * application starts (and reports the store DOWN) while Redis is away, and uses it once it is
 * back without a restart.
 *
 * <p>Once open, lettuce reconnects on its own; meanwhile commands are rejected at once instead
 * of queued, so a request fails fast rather than waiting for the timeout. Before the first
 * connection, a failed attempt is remembered for {@link #RETRY_AFTER_FAILURE}, so a burst of
 * requests against a dead host does not become a burst of connection attempts, each waiting
 * for the connect timeout.
 */
final class LazyConnection implements AutoCloseable {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(500);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final String address;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    /** Connecting is a TCP connect, then a handshake (HELLO, AUTH, SELECT) of a few commands. */
    private final long waitMillis;

    private final Object lock = new Object();
    private CompletableFuture<StatefulRedisConnection<String, String>> attempt;
    private long failedAtNanos;
    private boolean closed;

    LazyConnection(RedisSettings settings) {
        this.address = settings.address();
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(settings.host())
                .withPort(settings.port())
                .withDatabase(settings.database())
                .withTimeout(settings.commandTimeout());
        if (settings.password() != null) {
            builder.withPassword(settings.password().toCharArray());
        }
        this.uri = builder.build();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        this.waitMillis = settings.connectTimeout().plus(settings.commandTimeout().multipliedBy(3)).toMillis();
    }

    /**
     * Synchronous commands on the shared connection; thread-safe.
     *
     * @throws PortException when no connection can be opened
     * @throws IllegalStateException after {@link #close()}
     */
    RedisCommands<String, String> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = currentAttempt();
        try {
            return current.get(waitMillis, TimeUnit.MILLISECONDS).sync();
        } catch (ExecutionException e) {
            throw new PortException("cannot connect to Redis at " + address + ": " + describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new PortException("Redis at " + address + " did not accept a connection within " + waitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while connecting to Redis at " + address, e);
        }
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> currentAttempt() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Redis feature store at " + address + " is closed");
            }
            boolean retry = attempt == null
                    || attempt.isCompletedExceptionally() && System.nanoTime() - failedAtNanos >= RETRY_AFTER_FAILURE.toNanos();
            if (retry) {
                CompletableFuture<StatefulRedisConnection<String, String>> fresh =
                        client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
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
