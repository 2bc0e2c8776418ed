package org.magicsteps.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.magicsteps.core.port.AttemptLimiter;

/**
 * How the server listens and guards its routes.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param tokenSecret signs and verifies access tokens
 * @param tokenLifetime how long an access token is valid
 * @param issuer the {@code iss} of the tokens this server issues and accepts
 * @param audience the {@code aud} of the tokens this server issues and accepts
 * @param metricsToken the bearer token {@code /metrics} asks for, or {@code null} for an open {@code /metrics}
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param loginAttemptsPerUser {@code /token} attempts allowed per username within {@code loginWindow}
 * @param loginAttemptsPerAddress {@code /token} attempts allowed per client address within {@code loginWindow}
 * @param loginWindow the window of the two limits above
 * @param activeUserCacheTtl how long "this user exists and is enabled" is remembered; a disabled user's
 *     tokens stop working at most this long after the change
 * @param clock issues tokens and refills this process's login allowances; tests move it
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} decides the client's address
 *     (for the login limits); nobody by default
 * @param sharedAttemptLimiter where the login allowances live when every replica must share them
 *     (Redis), or {@code null} for this process's own; while it fails, this process's own stand in
 * @param maxSheetBytes the largest sheet {@code POST /sheets/score} accepts (413 beyond it); a sheet
 *     is a file, larger than any JSON body
 */
public record HttpSettings(
        String host,
        int port,
        TokenSecret tokenSecret,
        Duration tokenLifetime,
        String issuer,
        String audience,
        String metricsToken,
        long maxRequestBytes,
        int loginAttemptsPerUser,
        int loginAttemptsPerAddress,
        Duration loginWindow,
        Duration activeUserCacheTtl,
        Clock clock,
        TrustedProxies trustedProxies,
        AttemptLimiter sharedAttemptLimiter,
        long maxSheetBytes) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8000;
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(30);
    public static final String DEFAULT_ISSUER = "magic-steps";
    public static final String DEFAULT_AUDIENCE = "magic-steps-api";
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    /** 5 MiB: the NGO's sheets of 700 to 1,100 students are 130 to 310 KB. */
    public static final long DEFAULT_MAX_SHEET_BYTES = 5 * 1024 * 1024;
    /** The shortest {@code METRICS_TOKEN} accepted: it is a password for scrapers. */
    public static final int MIN_METRICS_TOKEN_LENGTH = 16;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(activeUserCacheTtl, "activeUserCacheTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0–65535, got " + port);
        }
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, got " + tokenLifetime);
        }
        if (metricsToken != null && metricsToken.length() < MIN_METRICS_TOKEN_LENGTH) {
            throw new IllegalArgumentException("METRICS_TOKEN must have at least " + MIN_METRICS_TOKEN_LENGTH
                    + " characters");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + maxRequestBytes);
        }
        if (loginAttemptsPerUser < 1 || loginAttemptsPerAddress < 1) {
            throw new IllegalArgumentException("login attempt limits must be at least 1");
        }
        if (maxSheetBytes < 1024) {
            throw new IllegalArgumentException("maxSheetBytes must be at least 1024, got " + maxSheetBytes);
        }
    }

    /**
     * The defaults: port 8000 on every interface, 30-minute tokens, open metrics. (Who may register
     * is the core's {@code RegisterUser}'s policy.)
     */
    public static HttpSettings defaults(TokenSecret tokenSecret) {
        return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, tokenSecret, DEFAULT_TOKEN_LIFETIME, DEFAULT_ISSUER,
                DEFAULT_AUDIENCE, null, DEFAULT_MAX_REQUEST_BYTES, 10, 60,
                Duration.ofMinutes(1), Duration.ofSeconds(5), Clock.systemUTC(), TrustedProxies.none(), null,
                DEFAULT_MAX_SHEET_BYTES);
    }

    public HttpSettings withAddress(String newHost, int newPort) {
        return new HttpSettings(newHost, newPort, tokenSecret, tokenLifetime, issuer, audience,
                metricsToken, maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow,
                activeUserCacheTtl, clock,
                trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    /** The same settings with another signing key: tokens signed with the old one stop working. */
    public HttpSettings withTokenSecret(TokenSecret secret) {
        return new HttpSettings(host, port, secret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl,
                clock, trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withTokenLifetime(Duration lifetime) {
        return new HttpSettings(host, port, tokenSecret, lifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl,
                clock, trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withMetricsToken(String token) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, token,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl,
                clock, trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withMaxRequestBytes(long bytes) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                bytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl, clock,
                trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withLoginLimits(int perUser, int perAddress, Duration window) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, perUser, perAddress, window, activeUserCacheTtl, clock,
                trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withActiveUserCacheTtl(Duration ttl) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, ttl, clock,
                trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withClock(Clock newClock) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl,
                newClock, trustedProxies, sharedAttemptLimiter, maxSheetBytes);
    }

    public HttpSettings withTrustedProxies(TrustedProxies proxies) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl, clock,
                proxies, sharedAttemptLimiter, maxSheetBytes);
    }

    /** The same settings with login allowances shared through {@code limiter}; {@code null}: this process's own. */
    public HttpSettings withSharedAttemptLimiter(AttemptLimiter limiter) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl, clock,
                trustedProxies, limiter, maxSheetBytes);
    }

    /** The same settings with another limit on an uploaded sheet's size. */
    public HttpSettings withMaxSheetBytes(long bytes) {
        return new HttpSettings(host, port, tokenSecret, tokenLifetime, issuer, audience, metricsToken,
                maxRequestBytes, loginAttemptsPerUser, loginAttemptsPerAddress, loginWindow, activeUserCacheTtl, clock,
                trustedProxies, sharedAttemptLimiter, bytes);
    }

    @Override
    public String toString() {
        return "HttpSettings[" + host + ":" + port + ", tokenLifetime=" + tokenLifetime + ", metrics="
                + (metricsToken == null ? "open" : "token") + ", trustedProxies=" + trustedProxies + ", loginAllowances=" + (sharedAttemptLimiter == null ? "this process" : "shared") + "]";
    }
}
