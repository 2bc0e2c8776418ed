package org.magicsteps.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.memory.InMemoryUserStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PasswordHasher;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.usecase.AuthenticateUser;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.DisableUser;
import org.magicsteps.core.usecase.FindActiveUser;
import org.magicsteps.core.usecase.ListStoredStudents;
import org.magicsteps.core.usecase.ListUsers;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictStoredStudent;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ProcessFeatures;
import org.magicsteps.core.usecase.QueryPredictionLog;
import org.magicsteps.core.usecase.ReadThreshold;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.http.ApiServices;
import org.magicsteps.http.HttpSettings;
import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.ServiceMetrics;
import org.magicsteps.http.TokenSecret;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;

/**
 * The composition root: the only place that constructs adapters, with plain {@code new}, from an
 * {@link AppConfig}. Each store is built once, on first use, so that the server and the
 * {@code users} commands of one process share it.
 *
 * <p>Stores are in memory for now (they do not persist); the Mongo and Redis adapters replace
 * them here when they land.
 */
public final class Wiring {

    private final AppConfig config;
    private final Function<AppConfig, Predictor> predictors;
    private final Clock clock = Clock.systemUTC();

    private UserStore users;
    private PredictionLog log;
    private SettingsStore settings;
    private FeatureStore features;
    private Predictor predictor;

    public Wiring(AppConfig config) {
        this(config, Wiring::predictor);
    }

    /** A wiring with another source of the model, for tests that have no trained model at hand. */
    Wiring(AppConfig config, Function<AppConfig, Predictor> predictors) {
        this.config = Objects.requireNonNull(config, "config");
        this.predictors = Objects.requireNonNull(predictors, "predictors");
    }

    /**
     * The model the configuration names ({@code MODEL_DIR}), or the bundled one.
     *
     * @throws org.magicsteps.model.ModelLoadException naming the file and the problem
     * @throws ConfigException when no model is named and this build carries none
     */
    static Predictor predictor(AppConfig config) {
        if (config.modelDir() != null) {
            return OnnxPredictor.load(config.modelDir());
        }
        return ModelBundle.bundledDefault().map(OnnxPredictor::open).orElseThrow(() -> new ConfigException(
                "this build carries no bundled model: name a model bundle with --model DIR (or MODEL_DIR)"));
    }

    AppConfig config() {
        return config;
    }

    /** The production password hasher: PBKDF2-HMAC-SHA256 with 600,000 iterations. */
    PasswordHasher passwordHasher() {
        return new Pbkdf2PasswordHasher(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }

    synchronized UserStore userStore() {
        if (users == null) {
            users = new InMemoryUserStore();
        }
        return users;
    }

    synchronized PredictionLog predictionLog() {
        if (log == null) {
            log = new InMemoryPredictionLog();
        }
        return log;
    }

    synchronized SettingsStore settingsStore() {
        if (settings == null) {
            settings = new InMemorySettingsStore();
        }
        return settings;
    }

    synchronized FeatureStore featureStore() {
        if (features == null) {
            features = new InMemoryFeatureStore();
        }
        return features;
    }

    synchronized Predictor model() {
        if (predictor == null) {
            predictor = predictors.apply(config);
        }
        return predictor;
    }

    /** Each store's health by the name {@code /health} and the banner use. */
    Map<String, Supplier<ComponentHealth>> components() {
        Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>();
        UserStore u = userStore();
        PredictionLog l = predictionLog();
        SettingsStore s = settingsStore();
        FeatureStore f = featureStore();
        components.put("users", u::health);
        components.put("prediction_log", l::health);
        components.put("settings", s::health);
        components.put("feature_store", f::health);
        return components;
    }

    RegisterUser registerUser() {
        return new RegisterUser(userStore(), passwordHasher(), clock);
    }

    ListUsers listUsers() {
        return new ListUsers(userStore());
    }

    DisableUser disableUser() {
        return new DisableUser(userStore());
    }

    /** Every use case the server calls, around the metered model and log. */
    ApiServices apiServices(ServiceMetrics metrics) {
        PasswordHasher hasher = passwordHasher();
        UserStore userStore = userStore();
        // AuthenticateUser hashes a decoy password on construction (~0.5 s at 600,000 iterations);
        // doing it while the model loads keeps it off the start-up path.
        CompletableFuture<AuthenticateUser> authenticateUser =
                CompletableFuture.supplyAsync(() -> new AuthenticateUser(userStore, hasher));
        Predictor timed = metrics.timing(model());
        PredictionLog counted = metrics.counting(predictionLog());
        ReadThreshold readThreshold = new ReadThreshold(settingsStore(), timed, clock, ReadThreshold.DEFAULT_REFRESH);
        PredictStudent predictStudent = new PredictStudent(timed, counted, readThreshold, clock);
        return new ApiServices(
                predictStudent,
                new PredictBatch(timed, counted, readThreshold, clock, config.maxBatchSize()),
                new PredictStoredStudent(featureStore(), predictStudent),
                new ProcessFeatures(timed),
                new DescribeModel(timed, readThreshold),
                readThreshold,
                new ChangeThreshold(settingsStore(), readThreshold, clock),
                new RegisterUser(userStore(), hasher, clock),
                authenticateUser.join(),
                new FindActiveUser(userStore()),
                new QueryPredictionLog(counted),
                new ListStoredStudents(featureStore()),
                components());
    }

    HttpSettings httpSettings(TokenSecret secret) {
        return HttpSettings.defaults(secret)
                .withAddress(config.host(), config.port())
                .withTokenLifetime(Duration.ofMinutes(config.tokenExpireMinutes()))
                .withRegistration(config.registration())
                .withMetricsToken(config.metricsToken())
                .withMaxRequestBytes(config.maxBodyBytes())
                .withLoginLimits(config.loginAttemptsPerUser(), config.loginAttemptsPerAddress(), Duration.ofMinutes(1));
    }

    /**
     * Starts the server on this wiring's stores and model.
     *
     * @throws ConfigException when the secret is unusable
     */
    MagicStepsServer startServer(TokenSecret secret) {
        ServiceMetrics metrics = new ServiceMetrics();
        return MagicStepsServer.start(apiServices(metrics), httpSettings(secret), metrics);
    }
}
