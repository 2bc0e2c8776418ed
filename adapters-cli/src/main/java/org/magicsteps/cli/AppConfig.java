package org.magicsteps.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.ScoreUploadedSheet;
import org.magicsteps.http.HttpSettings;
import org.magicsteps.http.TrustedProxies;

/**
 * The whole configuration, typed. Each value comes from a command-line flag, else an environment
 * variable, else the {@code .env} file of the working directory, else its default; the names are
 * the original service's where it had one ({@code SECRET_KEY}, {@code PORT}, ...).
 *
 * @param host {@code HOST}, default {@code 0.0.0.0}
 * @param port {@code PORT}, default 8000; 0 picks a free port
 * @param secretKey {@code SECRET_KEY}, or {@code null} to use (or create) the one under {@code dataDir}
 * @param tokenExpireMinutes {@code ACCESS_TOKEN_EXPIRE_MINUTES}, default 30
 * @param mongoUri {@code MONGO_URI}, or {@code null} for the embedded store
 * @param mongoDb {@code MONGO_DB}, default {@code magic_steps}
 * @param redisHost {@code REDIS_HOST}, or {@code null} (the default) for an in-memory feature store: a
 *     Redis is used only when one is configured, so that a first run needs none
 * @param redisPort {@code REDIS_PORT}, default 6379
 * @param redisPassword {@code REDIS_PASSWORD}, or {@code null} for none
 * @param registration {@code REGISTRATION}: {@code open} (default) or {@code admin}
 * @param maxBatchSize {@code MAX_BATCH_SIZE}, default 500
 * @param maxBodyBytes {@code MAX_BODY_BYTES}, default 1 MiB
 * @param metricsToken {@code METRICS_TOKEN}, or {@code null} for an open {@code /metrics}
 * @param loginAttemptsPerUser {@code LOGIN_ATTEMPTS_PER_USER} per minute, default 10
 * @param loginAttemptsPerAddress {@code LOGIN_ATTEMPTS_PER_ADDRESS} per minute, default 60
 * @param dataDir {@code DATA_DIR}, default {@code ./data}: the generated secret and the embedded store
 * @param modelDir {@code MODEL_DIR}, or {@code null} for the bundled model: the default model, the one
 *     every route uses unless {@code ?model=} names another
 * @param redisUrl {@code REDIS_URL}: {@code redis://}, {@code rediss://} (TLS), {@code redis-sentinel://}, or a
 *     Cluster's seed nodes with {@code REDIS_CLUSTER}; instead of {@code REDIS_HOST}. May hold a password, so
 *     it is never shown
 * @param redisCluster {@code REDIS_CLUSTER}: {@code true} when {@code REDIS_URL} (or {@code REDIS_HOST}) names
 *     seed nodes of a Redis Cluster; default {@code false}
 * @param redisTlsCaFile {@code REDIS_TLS_CA_FILE}: a PEM file of the certificates to trust for {@code rediss://},
 *     or {@code null} for the JVM's trust store
 * @param redisKeyPrefix {@code REDIS_KEY_PREFIX}, default {@code magic-steps:}: features live under
 *     {@code <prefix>features:}, login allowances under {@code <prefix>attempts:}
 * @param featureTtlSeconds {@code FEATURE_TTL_SECONDS}: how long Redis keeps a student's features after they
 *     are written; 0 (the default) for ever
 * @param trustedProxies {@code TRUSTED_PROXIES}: addresses and CIDR blocks of the reverse proxies whose
 *     {@code X-Forwarded-For} is believed; none by default
 * @param models {@code MODELS}: more models to serve besides the default and the bundled ones, each a
 *     bundle directory or a bundled model's name; empty by default
 * @param modelWatchDir {@code MODEL_WATCH_DIR} ({@code serve --watch}): a directory whose bundle
 *     directories are served, and loaded again when they change; {@code null} for none
 * @param logRetentionDays {@code LOG_RETENTION_DAYS}: prediction records older than this many days
 *     are deleted in the background; {@code null} (the default) keeps every record
 * @param maxSheetBytes {@code MAX_SHEET_BYTES}, default 5 MiB: the largest sheet {@code POST /sheets/score}
 *     (the staff page's upload) accepts
 * @param maxSheetRows {@code MAX_SHEET_ROWS}, default 5,000: the most rows such a sheet may have
 */
public record AppConfig(
        String host,
        int port,
        String secretKey,
        int tokenExpireMinutes,
        String mongoUri,
        String mongoDb,
        String redisHost,
        int redisPort,
        String redisPassword,
        RegistrationPolicy registration,
        int maxBatchSize,
        long maxBodyBytes,
        String metricsToken,
        int loginAttemptsPerUser,
        int loginAttemptsPerAddress,
        Path dataDir,
        Path modelDir,
        String redisUrl,
        boolean redisCluster,
        Path redisTlsCaFile,
        String redisKeyPrefix,
        long featureTtlSeconds,
        TrustedProxies trustedProxies,
        List<String> models,
        Path modelWatchDir,
        Integer logRetentionDays,
        long maxSheetBytes,
        int maxSheetRows) {

    static final String HOST = "HOST";
    static final String PORT = "PORT";
    static final String SECRET_KEY = "SECRET_KEY";
    static final String ACCESS_TOKEN_EXPIRE_MINUTES = "ACCESS_TOKEN_EXPIRE_MINUTES";
    static final String MONGO_URI = "MONGO_URI";
    static final String MONGO_DB = "MONGO_DB";
    static final String REDIS_HOST = "REDIS_HOST";
    static final String REDIS_PORT = "REDIS_PORT";
    static final String REDIS_PASSWORD = "REDIS_PASSWORD";
    static final String REGISTRATION = "REGISTRATION";
    static final String MAX_BATCH_SIZE = "MAX_BATCH_SIZE";
    static final String MAX_BODY_BYTES = "MAX_BODY_BYTES";
    static final String MAX_SHEET_BYTES = "MAX_SHEET_BYTES";
    static final String MAX_SHEET_ROWS = "MAX_SHEET_ROWS";
    static final String METRICS_TOKEN = "METRICS_TOKEN";
    static final String LOGIN_ATTEMPTS_PER_USER = "LOGIN_ATTEMPTS_PER_USER";
    static final String LOGIN_ATTEMPTS_PER_ADDRESS = "LOGIN_ATTEMPTS_PER_ADDRESS";
    static final String DATA_DIR = "DATA_DIR";
    static final String MODEL_DIR = "MODEL_DIR";
    static final String REDIS_URL = "REDIS_URL";
    static final String REDIS_CLUSTER = "REDIS_CLUSTER";
    static final String REDIS_TLS_CA_FILE = "REDIS_TLS_CA_FILE";
    static final String REDIS_KEY_PREFIX = "REDIS_KEY_PREFIX";
    static final String FEATURE_TTL_SECONDS = "FEATURE_TTL_SECONDS";
    static final String TRUSTED_PROXIES = "TRUSTED_PROXIES";
    static final String DEFAULT_REDIS_KEY_PREFIX = "magic-steps:";
    static final String MODELS = "MODELS";
    static final String MODEL_WATCH_DIR = "MODEL_WATCH_DIR";
    static final String LOG_RETENTION_DAYS = "LOG_RETENTION_DAYS";

    public AppConfig {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * Reads the configuration from its three sources, in order of precedence.
     *
     * @param flags values given on the command line, by configuration name
     * @param environment the process environment
     * @param dotEnv the entries of the {@code .env} file
     * @throws ConfigException listing every value that cannot be used
     */
    static AppConfig resolve(Map<String, String> flags, Map<String, String> environment, Map<String, String> dotEnv) {
        Map<String, String> merged = new HashMap<>(dotEnv);
        environment.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        Reader r = new Reader(merged);
        AppConfig config = new AppConfig(
                r.text(HOST, HttpSettings.DEFAULT_HOST),
                r.integer(PORT, HttpSettings.DEFAULT_PORT, 0, 65_535),
                r.text(SECRET_KEY, null),
                r.integer(ACCESS_TOKEN_EXPIRE_MINUTES, 30, 1, 7 * 24 * 60),
                r.text(MONGO_URI, null),
                r.text(MONGO_DB, "magic_steps"),
                r.text(REDIS_HOST, null),
                r.integer(REDIS_PORT, 6379, 1, 65_535),
                r.text(REDIS_PASSWORD, null),
                r.parsed(REGISTRATION, RegistrationPolicy.OPEN, RegistrationPolicy::parse),
                r.integer(MAX_BATCH_SIZE, PredictBatch.DEFAULT_MAX_BATCH_SIZE, 1, 100_000),
                r.integer(MAX_BODY_BYTES, (int) HttpSettings.DEFAULT_MAX_REQUEST_BYTES, 1024, 512 * 1024 * 1024),
                r.text(METRICS_TOKEN, null),
                r.integer(LOGIN_ATTEMPTS_PER_USER, 10, 1, 100_000),
                r.integer(LOGIN_ATTEMPTS_PER_ADDRESS, 60, 1, 1_000_000),
                r.parsed(DATA_DIR, Path.of("data"), Path::of),
                r.parsed(MODEL_DIR, null, Path::of),
                r.text(REDIS_URL, null),
                r.parsed(REDIS_CLUSTER, false, AppConfig::bool),
                r.parsed(REDIS_TLS_CA_FILE, null, Path::of),
                r.text(REDIS_KEY_PREFIX, DEFAULT_REDIS_KEY_PREFIX),
                r.integer(FEATURE_TTL_SECONDS, 0, 0, Integer.MAX_VALUE),
                r.parsed(TRUSTED_PROXIES, TrustedProxies.none(), TrustedProxies::parse),
                r.parsed(MODELS, List.of(), AppConfig::modelList),
                r.parsed(MODEL_WATCH_DIR, null, Path::of),
                r.optionalInteger(LOG_RETENTION_DAYS, 1, 36_500),
                r.integer(MAX_SHEET_BYTES, (int) HttpSettings.DEFAULT_MAX_SHEET_BYTES, 1024, 512 * 1024 * 1024),
                r.integer(MAX_SHEET_ROWS, ScoreUploadedSheet.DEFAULT_MAX_ROWS, 1, 1_000_000));
        checkRedis(config, r.problems);
        if (config.metricsToken() != null && config.metricsToken().length() < HttpSettings.MIN_METRICS_TOKEN_LENGTH) {
            r.problems.add(METRICS_TOKEN + ": must have at least " + HttpSettings.MIN_METRICS_TOKEN_LENGTH
                    + " characters");
        }
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return config;
    }

    /** The Redis settings must name one Redis, in a way lettuce can use. */
    private static void checkRedis(AppConfig config, List<String> problems) {
        if (config.redisUrl() != null && config.redisHost() != null) {
            problems.add(REDIS_URL + ": give REDIS_URL or REDIS_HOST, not both");
        } else if (config.redisCluster() && !config.usesRedis()) {
            problems.add(REDIS_CLUSTER + ": needs REDIS_URL (the seed nodes) or REDIS_HOST");
        } else if (config.redisUrl() != null) {
            try {
                org.magicsteps.redis.RedisSettings.fromUrl(config.redisUrl(), config.redisCluster());
            } catch (IllegalArgumentException e) {
                problems.add(REDIS_URL + ": " + e.getMessage());
            }
        }
        if (config.redisTlsCaFile() != null && !java.nio.file.Files.isReadable(config.redisTlsCaFile())) {
            problems.add(REDIS_TLS_CA_FILE + ": " + config.redisTlsCaFile() + " cannot be read");
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
        };
    }

    /** Whether a Redis is configured (by {@code REDIS_URL} or {@code REDIS_HOST}). */
    boolean usesRedis() {
        return redisUrl != null || redisHost != null;
    }

    /** The configuration with no flag, no environment and no {@code .env}: every default. */
    static AppConfig defaults() {
        return resolve(Map.of(), Map.of(), Map.of());
    }

    AppConfig withPort(int newPort) {
        return new AppConfig(host, newPort, secretKey, tokenExpireMinutes, mongoUri, mongoDb, redisHost, redisPort,
                redisPassword, registration, maxBatchSize, maxBodyBytes, metricsToken, loginAttemptsPerUser, loginAttemptsPerAddress,
                dataDir, modelDir, redisUrl, redisCluster, redisTlsCaFile, redisKeyPrefix, featureTtlSeconds,
                trustedProxies, models, modelWatchDir, logRetentionDays, maxSheetBytes, maxSheetRows);
    }

    AppConfig withDataDir(Path dir) {
        return new AppConfig(host, port, secretKey, tokenExpireMinutes, mongoUri, mongoDb, redisHost, redisPort,
                redisPassword, registration, maxBatchSize, maxBodyBytes, metricsToken, loginAttemptsPerUser, loginAttemptsPerAddress,
                dir, modelDir, redisUrl, redisCluster, redisTlsCaFile, redisKeyPrefix, featureTtlSeconds, trustedProxies,
                models, modelWatchDir, logRetentionDays, maxSheetBytes, maxSheetRows);
    }

    /**
     * {@code MODELS} as a list: comma-separated bundle directories or bundled models' names.
     *
     * @throws IllegalArgumentException when an entry is empty
     */
    private static List<String> modelList(String value) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("'" + value + "' has an empty entry; give bundle directories or "
                        + "bundled models' names, separated by commas");
            }
            entries.add(entry.trim());
        }
        return List.copyOf(entries);
    }

    /**
     * The Redis this configuration names, without a key prefix of its own yet, or {@code null} when none
     * is configured.
     */
    org.magicsteps.redis.RedisSettings redisSettings() {
        if (!usesRedis()) {
            return null;
        }
        org.magicsteps.redis.RedisSettings settings = redisUrl != null
                ? org.magicsteps.redis.RedisSettings.fromUrl(redisUrl, redisCluster)
                : org.magicsteps.redis.RedisSettings.of(redisHost, redisPort).withCluster(redisCluster);
        return settings.withPassword(redisPassword).withTrustedCertificates(redisTlsCaFile)
                .withFeatureTtl(featureTtlSeconds == 0 ? null : java.time.Duration.ofSeconds(featureTtlSeconds))
                .withKeyPrefix(redisKeyPrefix + "features:");
    }

    /** Never shows the secret, the metrics token or a password inside a MongoDB URI or a Redis URL. */
    @Override
    public String toString() {
        return "AppConfig[host=" + host + ", port=" + port + ", secretKey=" + (secretKey == null ? "unset" : "hidden")
                + ", tokenExpireMinutes=" + tokenExpireMinutes + ", mongoUri=" + redactedMongoUri()
                + ", mongoDb=" + mongoDb + ", redis=" + (usesRedis() ? redisSettings().address() : "unset")
                + ", redisPassword=" + (redisPassword == null ? "unset" : "hidden") + ", registration="
                + registration.label() + ", maxBatchSize=" + maxBatchSize + ", maxBodyBytes=" + maxBodyBytes
                + ", metricsToken=" + (metricsToken == null ? "unset" : "hidden") + ", dataDir=" + dataDir
                + ", modelDir=" + (modelDir == null ? "bundled" : modelDir) + ", trustedProxies=" + trustedProxies
                + ", models=" + models + ", modelWatchDir=" + (modelWatchDir == null ? "unset" : modelWatchDir)
                + ", logRetentionDays=" + (logRetentionDays == null ? "unset" : logRetentionDays) + "]";
    }

    /** The MongoDB URI with any password replaced, fit for a console or a log. */
    String redactedMongoUri() {
        if (mongoUri == null) {
            return "unset";
        }
        return mongoUri.replaceAll("(//[^:/@]+):[^@/]*@", "$1:***@");
    }

    /** Reads typed values, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        String text(String name, String fallback) {
            String value = values.get(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    problems.add(name + ": " + parsed + " is not within " + min + "–" + max);
                    return fallback;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + ": '" + value + "' is not a whole number");
                return fallback;
            }
        }

        /** A whole number within {@code min}–{@code max}, or {@code null} when not given. */
        Integer optionalInteger(String name, int min, int max) {
            return text(name, null) == null ? null : integer(name, min, min, max);
        }

        <T> T parsed(String name, T fallback, Function<String, T> parser) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
                return fallback;
            }
        }
    }
}
