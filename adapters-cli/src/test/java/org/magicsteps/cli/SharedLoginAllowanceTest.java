package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.TokenSecret;

/**
 * Two servers, each wired as {@code serve} wires it, on the real Redis of 127.0.0.1:6379 under a
 * key prefix of this run: an attacker who spreads guesses over both replicas gets one allowance,
 * not two, per username and per address.
 */
class SharedLoginAllowanceTest {

    private static final TokenSecret SECRET = TokenSecret.ofText("shared-allowance-test-secret-0123456789abcdef");

    @TempDir
    Path dir;

    private final String prefix = "magic-steps-test:" + UUID.randomUUID() + ":";
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stopAndClean() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*")).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            redis.shutdown();
        }
    }

    private int replica(String name, Map<String, String> limits) {
        Map<String, String> env = new java.util.HashMap<>(limits);
        env.putAll(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379", "REDIS_KEY_PREFIX", prefix,
                "HOST", "127.0.0.1", "PORT", "0"));
        AppConfig config = AppConfig.resolve(Map.of(), env, Map.of()).withDataDir(dir.resolve(name));
        Wiring wiring = new Wiring(config, c -> CliTestModel.predictor());
        MagicStepsServer server = wiring.startServer(SECRET);
        opened.add(wiring);
        opened.add(0, server);
        return server.port();
    }

    private int login(int port, String username) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=wrong-guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 429) {
            assertNotNull(r.headers().firstValue("Retry-After").orElse(null));
        }
        return r.statusCode();
    }

    @Test
    void guessesSpreadOverTwoReplicasDrawOnOneAllowancePerUsername() throws Exception {
        Map<String, String> limits = Map.of("LOGIN_ATTEMPTS_PER_USER", "4", "LOGIN_ATTEMPTS_PER_ADDRESS", "1000");
        int a = replica("a", limits);
        int b = replica("b", limits);
        assertEquals(401, login(a, "ana"));
        assertEquals(401, login(b, "ana"));
        assertEquals(401, login(a, "ana"));
        assertEquals(401, login(b, "ana"));
        assertEquals(429, login(a, "ana"), "four guesses in all, two on each replica");
        assertEquals(429, login(b, "ana"));
        assertEquals(401, login(b, "bia"), "another username has its own allowance");
    }

    @Test
    void aSprayOverTwoReplicasDrawsOnOneAllowancePerAddress() throws Exception {
        Map<String, String> limits = Map.of("LOGIN_ATTEMPTS_PER_USER", "1000", "LOGIN_ATTEMPTS_PER_ADDRESS", "3");
        int a = replica("a", limits);
        int b = replica("b", limits);
        assertEquals(401, login(a, "u1"));
        assertEquals(401, login(b, "u2"));
        assertEquals(401, login(a, "u3"));
        assertEquals(429, login(b, "u4"), "three attempts from this address in all");
        assertEquals(429, login(a, "u5"));
    }
}
