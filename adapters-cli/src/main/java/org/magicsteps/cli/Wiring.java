package org.magicsteps.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PasswordHasher;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.usecase.AuthenticateUser;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.DisableUser;
import org.magicsteps.core.usecase.FindActiveUser;
import org.magicsteps.core.usecase.IndexModels;
import org.magicsteps.core.usecase.ListModels;
import org.magicsteps.core.usecase.ListStoredStudents;
import org.magicsteps.core.usecase.ListUsers;
import org.magicsteps.core.usecase.LoadFeatures;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.MeasureDrift;
import org.magicsteps.core.usecase.ModelRefusedException;
import org.magicsteps.core.usecase.MonitorDrift;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictEncodedBatch;
import org.magicsteps.core.usecase.PredictStoredStudent;
import org.magicsteps.core.usecase.PredictStoredStudents;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ProcessFeatures;
import org.magicsteps.core.usecase.PruneOldPredictions;
import org.magicsteps.core.usecase.QueryPredictionLog;
import org.magicsteps.core.usecase.ReadThreshold;
import org.magicsteps.core.usecase.ReadThresholdHistory;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.core.usecase.ScoreSheet;
import org.magicsteps.core.usecase.ScoreUploadedSheet;
import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.core.usecase.UnloadModel;
import org.magicsteps.http.ApiServices;
import org.magicsteps.http.HttpSettings;
import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.ServiceMetrics;
import org.magicsteps.http.TokenSecret;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxModelSource;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.explain.ExplanationReferences;
import org.magicsteps.model.data.PedeSheetUploads;
import org.magicsteps.mongo.MongoStores;
import org.magicsteps.redis.RedisAttemptLimiter;
import org.magicsteps.redis.RedisFeatureStore;
import org.magicsteps.redis.RedisSettings;
import org.magicsteps.sqlite.SqliteStores;

/**
 * The composition root: the only place that constructs adapters, with plain {@code new}, from an
 * {@link AppConfig}. Each store is built once, on first use, so that the server and the
 * {@code users} commands of one process share it.
 *
 * <p>Users, the prediction log and settings live in MongoDB when {@code MONGO_URI} is set, else in
 * an SQLite file under the data directory; the feature store and the login allowances are on Redis
 * when {@code REDIS_URL} or {@code REDIS_HOST} is set, else in memory. The server serves the default
 * model ({@code MODEL_DIR}), every model the build carries and every {@code MODELS} entry, all
 * through one {@link ServedModels} that admins (and {@code serve --watch}) change while it runs.
 * {@link #close()} releases all of it.
 */
public final class Wiring implements AutoCloseable {

    private static final String USERS = "users";
    private static final String PREDICTION_LOG = "prediction_log";
    private static final String SETTINGS = "settings";
    private static final String FEATURE_STORE = "feature_store";

    /** Who loads the models the configuration names, as the log says. */
    private static final Actor CONFIGURATION = new Actor("configuration", Role.ADMIN);
    /** Who loads the bundles {@code serve --watch} sees change. */
    private static final Actor WATCHER = new Actor("serve --watch", Role.ADMIN);
    private static final String MODEL_DIR = "MODEL_DIR";
    private static final String MODELS = "MODELS";

    private final AppConfig config;
    private final Function<AppConfig, Predictor> predictors;
    private final Clock clock = Clock.systemUTC();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** Each store's health by the name {@code /health} and the banner show; filled as the stores open. */
    private final Map<String, HealthReporting> health = new HashMap<>();
    private MongoStores mongo;
    private SqliteStores embedded;
    private UserStore users;
    private PredictionLog log;
    private SettingsStore settings;
    private FeatureStore features;
    private Predictor predictor;
    private ServedModels served;
    private LoadModel loadModel;
    private ServiceMetrics metrics;
    private AttemptLimiter attemptLimiter;
    private CompletableFuture<Predictor> loadingModel;
    private BackgroundPruning retention;

    public Wiring(AppConfig config) {
        this(config, Wiring::predictor);
    }

    /** A wiring with another source of the model, for tests that have no trained model at hand. */
    Wiring(AppConfig config, Function<AppConfig, Predictor> predictors) {
        this.config = Objects.requireNonNull(config, "config");
        this.predictors = Objects.requireNonNull(predictors, "predictors");
    }

    /**
     * The model the configuration names ({@code MODEL_DIR}: a bundle directory or a carried
     * bundle's name), or the bundled default.
     *
     * @throws org.magicsteps.model.ModelLoadException naming the file and the problem
     * @throws ConfigException when the name is unknown or this build carries no default
     */
    static Predictor predictor(AppConfig config) {
        return OnnxPredictor.open(bundle(config.modelDir() == null ? null : config.modelDir().toString()));
    }

    /**
     * Which model a command runs: a bundle directory (or the original service's export), or the
     * name of a bundle this jar carries ({@value ModelBundle#DEFAULT_NAME}, {@code early-warning},
     * ...); {@code null} means the bundled default.
     *
     * @throws ConfigException when {@code value} is neither, or no default is carried
     * @throws org.magicsteps.model.ModelLoadException when the bundle is there but cannot be loaded
     */
    public static ModelBundle bundle(String value) {
        if (value == null) {
            return ModelBundle.bundledDefault().orElseThrow(() -> new ConfigException(
                    "this build carries no bundled model: name a bundle directory with --model DIR (or MODEL_DIR)"));
        }
        return ModelBundle.locate(value).orElseThrow(() -> new ConfigException("--model: '" + value
                + "' is neither a bundle directory nor a model this jar carries ("
                + String.join(", ", ModelBundle.carried()) + ")"));
    }

    /**
     * {@code bundle}, once ONNX Runtime has loaded its graph and found it to match the manifest.
     *
     * @throws org.magicsteps.model.ModelLoadException naming the mismatch
     */
    static ModelBundle checked(ModelBundle bundle) {
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            return predictor.bundle();
        }
    }

    /** How a bundle's predictions are explained: {@link org.magicsteps.core.domain.Explanation#LINEAR} or Kernel SHAP. */
    static String explanationMethod(ModelBundle bundle) {
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            return predictor.explanationMethod();
        }
    }

    /**
     * A manifest given what a sheet says of the data the model learnt from (for a model that came
     * without its training data).
     *
     * @param rows how many rows passed the model's rules and made the reference
     * @param refused how many did not, and were left out
     */
    record Referenced(BundleManifest manifest, int rows, int refused) {
    }

    /**
     * {@code manifest} with histograms and an explanation reference from the valid rows of
     * {@code sheet} ({@code model import --reference}).
     *
     * @throws org.magicsteps.model.data.SheetException when the sheet cannot be read
     * @throws ConfigException when no row passes the model's rules
     */
    static Referenced referencedOn(BundleManifest manifest, Path sheet, String sheetName) {
        FeatureSchema schema = manifest.schema();
        List<StudentFeatures> rows = new ArrayList<>();
        int refused = 0;
        try (PedeSheet read = PedeSheetReader.forSchema(schema).open(sheet, sheetName);
                Stream<StudentRow> students = read.students()) {
            for (StudentRow row : (Iterable<StudentRow>) students::iterator) {
                Validation<StudentFeatures> parsed = schema.parse(row.features());
                if (parsed.isValid() && row.problems().isEmpty()) {
                    rows.add(parsed.value());
                } else {
                    refused++;
                }
            }
        }
        if (rows.isEmpty()) {
            throw new ConfigException("--reference " + sheet + ": no row passes the model's rules");
        }
        return new Referenced(ExplanationReferences.withReferenceRows(manifest, rows, ExplanationReferences.SEED,
                sheet.getFileName().toString()), rows.size(), refused);
    }

    AppConfig config() {
        return config;
    }

    /** The production password hasher: PBKDF2-HMAC-SHA256 with 600,000 iterations. */
    PasswordHasher passwordHasher() {
        return new Pbkdf2PasswordHasher(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** The users: in MongoDB when {@code MONGO_URI} is set, else in the embedded store under the data directory. */
    synchronized UserStore userStore() {
        if (users == null) {
            users = config.mongoUri() != null ? reporting(USERS, mongo().users())
                    : reporting(USERS, embedded().users());
        }
        return users;
    }

    /**
     * The prediction log. On MongoDB it writes through a journal under the data directory, which
     * one process at a time may own; so only the server opens it, not the {@code users} commands.
     */
    synchronized PredictionLog predictionLog() {
        if (log == null) {
            log = config.mongoUri() != null
                    ? reporting(PREDICTION_LOG,
                            closing(mongo().openPredictionLog(config.dataDir().resolve("journal"))))
                    : reporting(PREDICTION_LOG, embedded().predictionLog());
        }
        return log;
    }

    synchronized SettingsStore settingsStore() {
        if (settings == null) {
            settings = config.mongoUri() != null ? reporting(SETTINGS, mongo().settings())
                    : reporting(SETTINGS, embedded().settings());
        }
        return settings;
    }

    /** The online feature store: Redis when {@code REDIS_URL} or {@code REDIS_HOST} is set, else one in memory. */
    synchronized FeatureStore featureStore() {
        if (features == null) {
            RedisSettings redis = config.redisSettings();
            features = redis == null ? reporting(FEATURE_STORE, new InMemoryFeatureStore())
                    : reporting(FEATURE_STORE, closing(RedisFeatureStore.create(redis)));
        }
        return features;
    }

    /**
     * Where the login allowances live: on Redis when one is configured, so that every replica shares
     * them; {@code null} (the server's own, in memory) otherwise.
     */
    synchronized AttemptLimiter sharedAttemptLimiter() {
        if (attemptLimiter == null && config.usesRedis()) {
            attemptLimiter = closing(RedisAttemptLimiter.create(config.redisSettings(),
                    config.redisKeyPrefix() + "attempts:"));
        }
        return attemptLimiter;
    }

    private MongoStores mongo() {
        if (mongo == null) {
            mongo = closing(MongoStores.connect(config.mongoUri(), config.mongoDb()));
        }
        return mongo;
    }

    /**
     * The embedded store: one SQLite file under the data directory, which several processes (the
     * server, a {@code users add}) may open at once.
     */
    private SqliteStores embedded() {
        if (embedded == null) {
            embedded = closing(SqliteStores.open(config.dataDir().resolve(SqliteStores.DEFAULT_FILE_NAME)));
        }
        return embedded;
    }

    /** Remembers how {@code store} reports its health, under the name {@code /health} shows. */
    private <S extends HealthReporting> S reporting(String component, S store) {
        health.put(component, store);
        return store;
    }

    /** Remembers {@code resource} so that {@link #close()} closes it, last opened first. */
    private <T extends AutoCloseable> T closing(T resource) {
        resources.addFirst(resource);
        return resource;
    }

    /**
     * Closes what this wiring opened, newest first: the prediction log drains (or leaves its
     * records in the journal) before the stores under it close.
     */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the stores failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** The default model as configured ({@code MODEL_DIR}), opened once. */
    synchronized Predictor model() {
        if (predictor == null) {
            predictor = loadingModel != null ? joined(loadingModel) : predictors.apply(config);
            loadingModel = null;
            // Once served, the models served own it: they close it when it is replaced or they close.
            AutoCloseable unlessServed = () -> {
                if (served == null && predictor instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            };
            closing(unlessServed);
        }
        return predictor;
    }

    /**
     * Starts loading the model on another thread, so that it loads while the stores open (both take
     * a few hundred milliseconds, mostly loading classes and native libraries); {@link #model()}
     * then waits for it.
     */
    synchronized void loadModelInBackground() {
        if (predictor == null && loadingModel == null) {
            loadingModel = CompletableFuture.supplyAsync(() -> predictors.apply(config));
        }
    }

    /** The loaded model, or the very exception loading it threw. */
    private static Predictor joined(CompletableFuture<Predictor> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The models the server serves, built once: the default ({@code MODEL_DIR}), every model this
     * build carries (unless a configured model takes its name) and every {@code MODELS} entry, each
     * timed by {@code metrics}, loaded and probed as a load while running would be.
     *
     * @throws ConfigException when a name is taken twice or a model does not load
     */
    synchronized ServedModels servedModels(ServiceMetrics metrics) {
        if (served == null) {
            ModelSource onnx = new OnnxModelSource();
            ModelSource timedSource = location -> metrics.timing(onnx.open(location));
            String defaultName = modelName(config.modelDir() == null ? null : config.modelDir().toString(), MODEL_DIR);
            ServedModels models = new ServedModels(defaultName,
                    config.modelDir() == null ? ModelBundle.DEFAULT_NAME : config.modelDir().toString(),
                    metrics.timing(model()));
            served = closing(models);
            loadModel = new LoadModel(models, timedSource);
            for (Map.Entry<String, String> extra : extraModels(defaultName).entrySet()) {
                try {
                    loadModel.execute(CONFIGURATION, extra.getKey(), extra.getValue());
                } catch (ModelRefusedException e) {
                    throw new ConfigException(MODELS + ": " + e.getMessage());
                }
            }
        }
        return served;
    }

    /** The name a configured model is served as: a bundled model's own, else its directory's. */
    static String modelName(String location, String setting) {
        if (location == null) {
            return ModelBundle.DEFAULT_NAME;
        }
        Path file = Path.of(location).normalize().getFileName();
        String name = ModelBundle.carried().contains(location) || file == null ? location : file.toString();
        if (!ServedModels.isValidName(name)) {
            throw new ConfigException(setting + ": '" + location + "' would be served as '" + name + "', which is not a "
                    + "model name (1–64 letters, digits or . _ -, starting with a letter or digit); rename the directory");
        }
        return name;
    }

    /** The models served besides the default, by name: the {@code MODELS} entries, then the carried ones left. */
    private Map<String, String> extraModels(String defaultName) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String location : config.models()) {
            String name = modelName(location, MODELS);
            if (name.equals(defaultName) || extra.containsKey(name)) {
                throw new ConfigException(MODELS + ": '" + location + "' would be served as '" + name + "', a name "
                        + (name.equals(defaultName) ? "MODEL_DIR's default model" : "an earlier entry") + " takes");
            }
            extra.put(name, location);
        }
        for (String carried : ModelBundle.carried()) {
            if (!carried.equals(defaultName)) {
                extra.putIfAbsent(carried, carried);
            }
        }
        return extra;
    }

    /** The names of the models served, the default first (once the server's models are built). */
    synchronized List<String> servedNames() {
        return served == null ? List.of() : served.names();
    }

    /**
     * Serves every bundle directory under {@code directory} and loads it again whenever it
     * changes, until this wiring is closed.
     *
     * @throws ConfigException when the directory cannot be watched
     */
    synchronized BundleWatcher watch(Path directory, ServiceMetrics metrics) {
        servedModels(metrics);
        return closing(BundleWatcher.start(directory, loadModel, WATCHER));
    }

    /**
     * Each store's health by the name {@code /health} and the banner use, in the order they show
     * them; opens every store.
     */
    synchronized Map<String, HealthReporting> components() {
        userStore();
        predictionLog();
        settingsStore();
        featureStore();
        Map<String, HealthReporting> components = new LinkedHashMap<>();
        for (String component : List.of(USERS, PREDICTION_LOG, SETTINGS, FEATURE_STORE)) {
            components.put(component, health.get(component));
        }
        return components;
    }

    /** How the user store is doing (opens it, but not the others). */
    synchronized HealthReporting userStoreHealth() {
        userStore();
        return health.get(USERS);
    }

    /** How the feature store is doing (opens it, but not the others). */
    synchronized HealthReporting featureStoreHealth() {
        featureStore();
        return health.get(FEATURE_STORE);
    }

    /**
     * Registration, under {@code REGISTRATION}'s policy: the server calls it for {@code /register},
     * {@code users add} as the operator (whom the policy does not bind).
     */
    /** What the configured model says about itself. */
    ModelInfo modelInfo() {
        return model().info();
    }

    /** Scores sheets with the configured model; nothing is logged. */
    ScoreSheet scoreSheet() {
        return new ScoreSheet(model(), clock);
    }

    /** Fills the feature store, checking the features against the configured model. */
    LoadFeatures loadFeatures() {
        return new LoadFeatures(model().schema(), featureStore());
    }

    ListStoredStudents listStoredStudents() {
        return new ListStoredStudents(featureStore());
    }

    /**
     * A PEDE sheet (CSV or XLSX, any year's layout), read for the configured model's features.
     *
     * @param sheetName the workbook's sheet, or {@code null} for the first
     * @throws org.magicsteps.model.data.SheetException when it cannot be read or lacks a required column
     */
    RowSource openSheet(Path file, String sheetName) {
        return PedeSheetReader.forSchema(model().schema()).open(file, sheetName);
    }

    /**
     * A PEDE sheet read for comparison with the configured model's training data: every column of
     * the model's features that the sheet has, none required (a column it lacks is all missing).
     *
     * @throws org.magicsteps.model.data.SheetException when it cannot be read
     */
    RowSource openSheetToCompare(Path file, String sheetName) {
        return PedeSheetReader.forFeatures(model().schema().names(), java.util.Set.of()).open(file, sheetName);
    }

    /** Whether users added through this wiring outlive the process. */
    boolean userStorePersists() {
        return userStoreHealth().health().persistent();
    }

    /** Where users are kept, for people. */
    String userStoreName() {
        return userStoreHealth().health().implementation();
    }

    /** Where the feature store is, for people: {@code redis://host:port} or {@code in-memory}. */
    String featureStoreName() {
        return featureStoreHealth().health().implementation();
    }

    RegisterUser registerUser() {
        return new RegisterUser(userStore(), passwordHasher(), clock, config.registration());
    }

    ListUsers listUsers() {
        return new ListUsers(userStore());
    }

    DisableUser disableUser() {
        return new DisableUser(userStore());
    }

    /** Compares sheets of students with the configured model's training data. */
    MeasureDrift measureDrift() {
        return new MeasureDrift(model());
    }

    /** Every use case the server calls, around the metered model and log. */
    ApiServices apiServices(ServiceMetrics metrics) {
        PasswordHasher hasher = passwordHasher();
        UserStore userStore = userStore();
        AuthenticateUser authenticateUser = new AuthenticateUser(userStore, hasher);
        ServedModels models = servedModels(metrics);
        PredictionLog counted = metrics.counting(predictionLog());
        ReadThreshold readThreshold = new ReadThreshold(settingsStore(), models, clock, ReadThreshold.DEFAULT_REFRESH);
        PredictStudent predictStudent = new PredictStudent(models, counted, readThreshold, clock);
        DescribeModel describeModel = new DescribeModel(models, readThreshold);
        return new ApiServices(
                predictStudent,
                new PredictBatch(models, counted, readThreshold, clock, config.maxBatchSize()),
                new PredictStoredStudent(featureStore(), predictStudent),
                new ProcessFeatures(models),
                describeModel,
                readThreshold,
                new ChangeThreshold(settingsStore(), readThreshold, clock),
                new ReadThresholdHistory(settingsStore()),
                registerUser(),
                authenticateUser,
                new FindActiveUser(userStore()),
                new QueryPredictionLog(counted),
                new ListStoredStudents(featureStore()),
                components(),
                new PredictStoredStudents(featureStore(), models, counted, readThreshold, clock, config.maxBatchSize()),
                models,
                new ListModels(describeModel),
                new PredictEncodedBatch(models, counted, readThreshold, clock, config.maxBatchSize()),
                new IndexModels(models),
                loadModel,
                new UnloadModel(models),
                new MonitorDrift(counted, models, clock),
                new ScoreUploadedSheet(models, new PedeSheetUploads(), counted, readThreshold, clock,
                        config.maxSheetRows()));
    }

    HttpSettings httpSettings(TokenSecret secret) {
        return HttpSettings.defaults(secret)
                .withAddress(config.host(), config.port())
                .withTokenLifetime(Duration.ofMinutes(config.tokenExpireMinutes()))
                .withMetricsToken(config.metricsToken())
                .withMaxRequestBytes(config.maxBodyBytes())
                .withMaxSheetBytes(config.maxSheetBytes())
                .withLoginLimits(config.loginAttemptsPerUser(), config.loginAttemptsPerAddress(), Duration.ofMinutes(1))
                .withTrustedProxies(config.trustedProxies())
                .withSharedAttemptLimiter(sharedAttemptLimiter());
    }

    /**
     * Starts the server on this wiring's stores and model.
     *
     * @throws ConfigException when the secret is unusable
     */
    MagicStepsServer startServer(TokenSecret secret) {
        loadModelInBackground();
        MagicStepsServer server = MagicStepsServer.start(apiServices(metrics()), httpSettings(secret), metrics());
        startRetention();
        return server;
    }

    /**
     * With {@code LOG_RETENTION_DAYS}, prunes the prediction log in the background until
     * {@link #close()} (which stops it before the log closes: it was opened after the log).
     */
    synchronized void startRetention() {
        if (config.logRetentionDays() != null && retention == null) {
            retention = closing(BackgroundPruning.start(new PruneOldPredictions(predictionLog(),
                    Duration.ofDays(config.logRetentionDays()), clock)));
        }
    }

    /** The server's metrics, one set per wiring: the models served are timed into it. */
    synchronized ServiceMetrics metrics() {
        if (metrics == null) {
            metrics = new ServiceMetrics();
        }
        return metrics;
    }
}
