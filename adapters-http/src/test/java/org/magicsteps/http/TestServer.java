package org.magicsteps.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.memory.InMemoryUserStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PasswordHasher;
import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.usecase.AuthenticateUser;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.FindActiveUser;
import org.magicsteps.core.usecase.IndexModels;
import org.magicsteps.core.usecase.ListModels;
import org.magicsteps.core.usecase.ListStoredStudents;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.MeasureUploadedDrift;
import org.magicsteps.core.usecase.MonitorDrift;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictEncodedBatch;
import org.magicsteps.core.usecase.PredictStoredStudent;
import org.magicsteps.core.usecase.PredictStoredStudents;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ProcessFeatures;
import org.magicsteps.core.usecase.QueryPredictionLog;
import org.magicsteps.core.usecase.ReadThreshold;
import org.magicsteps.core.usecase.ReadThresholdHistory;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.core.usecase.ScoreUploadedSheet;
import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.core.usecase.UnloadModel;

/**
 * A real server on a free loopback port, on the in-memory ports and {@link TestModel} (served as
 * the default model), with a client that speaks to it over the socket. Password hashing uses few
 * iterations, for speed. A test serves more models by putting them in {@link #bundles} and
 * loading them through the repository route, or straight into {@link #models}.
 */
final class TestServer implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-and-even-for-hs512-signing!";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The most rows an uploaded sheet may have here. */
    static final int MAX_SHEET_ROWS = 50;

    final TestModel model;
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryPredictionLog memoryLog = new InMemoryPredictionLog();
    final FailingLog log = new FailingLog(memoryLog);
    final InMemorySettingsStore settings = new InMemorySettingsStore();
    final FailingFeatureStore features = new FailingFeatureStore(new InMemoryFeatureStore());
    final PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);
    final ServiceMetrics metrics = new ServiceMetrics();
    final Map<String, HealthReporting> health = new LinkedHashMap<>();
    final RegisterUser registerUser;
    final HttpSettings httpSettings;
    final MagicStepsServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int maxBatchSize;
    final ServedModels models;
    /** What the repository's load route can open, by location: a test puts models here, then loads them. */
    final Map<String, Supplier<Predictor>> bundles = new java.util.concurrent.ConcurrentHashMap<>();

    TestServer() {
        this(s -> s, 500);
    }

    TestServer(UnaryOperator<HttpSettings> settingsChange) {
        this(settingsChange, 500);
    }

    TestServer(UnaryOperator<HttpSettings> settingsChange, int maxBatchSize) {
        this(RegistrationPolicy.OPEN, settingsChange, maxBatchSize);
    }

    TestServer(RegistrationPolicy registration) {
        this(registration, s -> s, 500);
    }

    /** A server whose stand-in model describes itself as {@code model} says. */
    TestServer(TestModel model) {
        this(model, RegistrationPolicy.OPEN, s -> s, 500);
    }

    TestServer(RegistrationPolicy registration, UnaryOperator<HttpSettings> settingsChange, int maxBatchSize) {
        this(new TestModel(), registration, settingsChange, maxBatchSize);
    }

    /** A server whose model cannot explain its predictions. */
    static TestServer withoutExplanations() {
        return new TestServer(new TestModel(TestModel.INFO, false), RegistrationPolicy.OPEN, s -> s, 500);
    }

    private TestServer(TestModel model, RegistrationPolicy registration, UnaryOperator<HttpSettings> settingsChange,
            int maxBatchSize) {
        this.model = model;
        this.maxBatchSize = maxBatchSize;
        this.registerUser = new RegisterUser(users, hasher, Clock.systemUTC(), registration);
        Predictor predictor = metrics.timing(model.predictor);
        PredictionLog countedLog = metrics.counting(log);
        this.models = new ServedModels(ServedModels.DEFAULT_NAME, "test-model", predictor);
        ModelSource source = location -> {
            Supplier<Predictor> opened = bundles.get(location);
            if (opened == null) {
                throw new PortException(location + ": does not exist");
            }
            return metrics.timing(opened.get());
        };
        ReadThreshold readThreshold = new ReadThreshold(settings, models, Clock.systemUTC(), Duration.ZERO);
        PredictStudent predictStudent = new PredictStudent(models, countedLog, readThreshold, Clock.systemUTC());
        DescribeModel describeModel = new DescribeModel(models, readThreshold);
        health.put("users", users);
        health.put("prediction_log", log);
        health.put("settings", settings);
        health.put("feature_store", features);
        ApiServices services = new ApiServices(
                predictStudent,
                new PredictBatch(models, countedLog, readThreshold, Clock.systemUTC(), maxBatchSize),
                new PredictStoredStudent(features, predictStudent),
                new ProcessFeatures(models),
                describeModel,
                readThreshold,
                new ChangeThreshold(settings, readThreshold, Clock.systemUTC()),
                new ReadThresholdHistory(settings),
                registerUser,
                new AuthenticateUser(users, hasher),
                new FindActiveUser(users),
                new QueryPredictionLog(countedLog),
                new ListStoredStudents(features),
                health,
                new PredictStoredStudents(features, models, countedLog, readThreshold, Clock.systemUTC(), maxBatchSize),
                models,
                new ListModels(describeModel),
                new PredictEncodedBatch(models, countedLog, readThreshold, Clock.systemUTC(), maxBatchSize),
                new IndexModels(models),
                new LoadModel(models, source),
                new UnloadModel(models),
                new MonitorDrift(countedLog, models, Clock.systemUTC()),
                new ScoreUploadedSheet(models, new CsvSheetUploads(), countedLog, readThreshold, Clock.systemUTC(),
                        MAX_SHEET_ROWS),
                new MeasureUploadedDrift(models, new CsvSheetUploads()));
        this.httpSettings = settingsChange.apply(HttpSettings.defaults(TokenSecret.ofText(SECRET))
                .withAddress("127.0.0.1", 0)
                .withLoginLimits(1_000, 1_000, Duration.ofMinutes(1))
                .withActiveUserCacheTtl(Duration.ZERO));
        this.server = MagicStepsServer.start(services, httpSettings, metrics);
    }

    @Override
    public void close() {
        server.close();
    }

    /** A route's path with a value in each of its parameters ({@code {student_id}}, {@code {name}}, ...). */
    static String concrete(String routePath) {
        return routePath.replace("{student_id}", "RA-1").replaceAll("\\{[a-z_]+}", "x");
    }

    /** The body of a refusal on {@code path}, given its FastAPI-style body: the protocol's own on {@code /v2}. */
    static String refusal(String path, String detailBody) {
        return path.startsWith("/v2/") ? detailBody.replaceFirst("^\\{\"detail\":", "{\"error\":") : detailBody;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Registers an admin as the operator at the command line does (the API only creates plain users). */
    void addAdmin(String username, String password) {
        registerUser.executeAsOperator(new RegisterUser.Command(username, password.toCharArray(), null, Role.ADMIN));
    }

    /** Registers {@code username} over HTTP and returns a token for them. */
    String userToken(String username) {
        Response r = postJson("/register", "{\"username\":\"" + username + "\",\"password\":\"senha123\"}", null);
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r);
        }
        return token(username, "senha123");
    }

    String adminToken(String username) {
        addAdmin(username, "admin-password");
        return token(username, "admin-password");
    }

    String token(String username, String password) {
        Response r = postForm("/token", Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("token failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response postJson(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response putJson(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** An answer: status, body, headers. */
    record Response(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The FastAPI-style {@code detail} string. */
        String detail() {
            return json().get("detail").asText();
        }

        /** The refusal's sentence: {@code detail}, or {@code error} on the Open Inference Protocol's routes. */
        String message() {
            JsonNode body = json();
            return (body.has("error") ? body.get("error") : body.get("detail")).asText();
        }
    }
}
