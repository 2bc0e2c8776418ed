package org.magicsteps.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.servlet.FilterHolder;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.OAuth2;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.usecase.ServedModels;

/**
 * The REST server. {@link #start} builds it from the use cases and settings and starts listening;
 * {@link #close()} stops it.
 *
 * <pre>{@code
 * try (MagicStepsServer server = MagicStepsServer.start(services, HttpSettings.defaults(secret), metrics)) {
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class MagicStepsServer implements AutoCloseable {

    static final String REQUEST_ID = "magicsteps.requestId";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String SECURITY_SCHEME = "OAuth2PasswordBearer";
    static final String METRICS_SECURITY_SCHEME = "MetricsToken";
    static final String OPENAPI_PATH = "/openapi.json";
    static final String DOCS_PATH = "/docs";
    static final long STOP_TIMEOUT_MILLIS = 5_000;
    private static final String TITLE = "Magic Steps Prediction API";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * Request ids are this process's random prefix and a counter: unique enough to find a request
     * in the logs, and free of the lock that {@link UUID#randomUUID()} takes on every call.
     */
    private static final String REQUEST_ID_PREFIX = UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final AtomicLong REQUEST_COUNTER = new AtomicLong();

    private final Javalin app;
    private final List<Route> routes;
    private final Object stopped = new Object();

    private MagicStepsServer(Javalin app, List<Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    /**
     * Builds the server and starts listening.
     *
     * @throws IllegalArgumentException when the settings are unusable (such as a secret too short)
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public static MagicStepsServer start(ApiServices services, HttpSettings settings, ServiceMetrics metrics) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        metrics.watch(services.components());
        metrics.watchModels(() -> served(services.servedModels()));
        metrics.watchDrift(services.monitorDrift()::lastDay, settings.clock());
        ObjectMapper mapper = JsonBodies.newMapper();
        JwtTokens tokens = new JwtTokens(settings.tokenSecret(), settings.issuer(), settings.audience(),
                settings.tokenLifetime(), settings.clock());
        // The system clock: nimbus's claims verifier checks exp by it, whatever settings.clock() says.
        Authentication authentication = new Authentication(
                new VerifiedTokens(tokens, Clock.systemUTC(), settings.activeUserCacheTtl()),
                new ActiveUsers(services.findActiveUser(), settings.activeUserCacheTtl()), settings.metricsToken());
        List<Route> routes = routes(services, settings, metrics, new JsonBodies(mapper), tokens);
        FeatureSchema schema = services.describeModel().execute().schema();
        Javalin app = Javalin.create(config -> configure(config, settings, metrics, mapper, schema));
        app.before(MagicStepsServer::assignRequestId);
        SecurityHeaders.install(app);
        app.beforeMatched(authentication::check);
        ErrorHandling.install(app, settings.maxRequestBytes());
        for (Route route : routes) {
            app.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
        }
        app.start(settings.host(), settings.port());
        return new MagicStepsServer(app, List.copyOf(routes));
    }

    private static List<Route> routes(ApiServices services, HttpSettings settings, ServiceMetrics metrics,
            JsonBodies bodies, JwtTokens tokens) {
        AttemptLimiter own = new Bucket4jAttemptLimiter(Bucket4jAttemptLimiter.DEFAULT_MAX_KEYS, settings.clock(),
                Ticker.systemTicker());
        AttemptLimiter shared = settings.sharedAttemptLimiter();
        LoginRateLimiter rateLimiter = new LoginRateLimiter(shared == null ? own : shared, own,
                settings.loginAttemptsPerUser(), settings.loginAttemptsPerAddress(), settings.loginWindow());
        List<Route> routes = new ArrayList<>();
        routes.addAll(new AuthRoutes(services.registerUser(), services.authenticateUser(), tokens, rateLimiter, bodies)
                .routes());
        routes.addAll(new PredictionRoutes(services.predictStudent(), services.predictBatch(),
                services.predictStoredStudent(), services.predictStoredStudents(), services.processFeatures(),
                bodies, metrics).routes());
        routes.addAll(new ModelRoutes(services.describeModel(), services.readThreshold(), services.changeThreshold(),
                services.readThresholdHistory(), services.listModels(), bodies).routes());
        routes.addAll(new MonitorRoutes(services.queryPredictionLog(), services.listStoredStudents(),
                services.monitorDrift()).routes());
        routes.addAll(new SystemRoutes(services.describeModel(), services.components(), metrics, settings.clock())
                .routes());
        routes.addAll(new InferenceProtocolRoutes(services.describeModel(), services.predictBatch(),
                services.predictEncodedBatch(), services.indexModels(), services.loadModel(), services.unloadModel(),
                bodies, metrics, version(MagicStepsServer.class)).routes());
        routes.addAll(new SheetRoutes(services.scoreUploadedSheet(), services.measureUploadedDrift(),
                services.servedModels(), metrics, settings.maxSheetBytes()).routes());
        return routes;
    }

    private static void configure(JavalinConfig config, HttpSettings settings, ServiceMetrics metrics,
            ObjectMapper mapper, FeatureSchema schema) {
        config.showJavalinBanner = false;
        // The watcher is a non-daemon thread that sleeps 5 s; it would hold a stopping JVM for that long.
        config.startupWatcherEnabled = false;
        // BodyLimitFilter enforces the limit, without Javalin's WARN per refused body.
        config.http.maxRequestSize = Long.MAX_VALUE;
        config.http.prefer405over404 = true;
        // ctx.ip() is the client's address: X-Forwarded-For counts only when a trusted proxy sent it.
        TrustedProxies proxies = settings.trustedProxies();
        config.contextResolver.ip = ctx -> proxies.clientAddress(ctx.req().getRemoteAddr(),
                ctx.req().getHeaders(TrustedProxies.FORWARDED_FOR));
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JettyJsonErrors());
            // Graceful stop: requests in flight get this long to finish before connections close.
            server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        });
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                new FilterHolder(new BodyLimitFilter(settings.maxRequestBytes(), SheetRoutes.PATHS,
                        settings.maxSheetBytes())), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
        config.jsonMapper(new JavalinJackson(mapper, false));
        StaffPage.serve(config);
        config.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), routeTemplate(ctx),
                ctx.statusCode(), ms.doubleValue() / 1000.0));
        ModelSchemaDocs docs = new ModelSchemaDocs(mapper);
        config.registerPlugin(new OpenApiPlugin(openApi -> openApi
                .withDocumentationPath(OPENAPI_PATH)
                .withDefinitionConfiguration((version, definition) -> definition
                        .withInfo(info -> {
                            info.setTitle(TITLE);
                            info.setVersion(version(MagicStepsServer.class));
                            info.setDescription("Predicts whether a Passos Mágicos student reaches the Ponto de "
                                    + "Virada. Compatible with the original FastAPI service's routes.");
                        })
                        .withSecurity(security -> security
                                .withSecurityScheme(SECURITY_SCHEME, new OAuth2("Log in at /token")
                                        .withPasswordFlow("/token"))
                                .withBearerAuth(METRICS_SECURITY_SCHEME))
                        .withDefinitionProcessor(document -> CommonResponsesDocs.complete(
                                ModelQuery.document(docs.complete(document, schema))).toPrettyString()))));
        config.registerPlugin(new SwaggerPlugin(swagger -> {
            swagger.setUiPath(DOCS_PATH);
            swagger.setDocumentationPath(OPENAPI_PATH);
            swagger.setTitle(TITLE);
        }));
    }

    /** The port the server listens on (the one picked when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** Blocks until {@link #close()} is called from another thread. */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (app.jettyServer().server().isRunning()) {
                stopped.wait(1000);
            }
        }
    }

    /** Stops listening and lets requests in flight finish. */
    @Override
    public void close() {
        app.stop();
        synchronized (stopped) {
            stopped.notifyAll();
        }
    }

    List<Route> routes() {
        return routes;
    }

    private static void assignRequestId(Context ctx) {
        String given = ctx.header(REQUEST_ID_HEADER);
        String id = given != null && SANE_REQUEST_ID.matcher(given).matches() ? given
                : REQUEST_ID_PREFIX + Long.toString(REQUEST_COUNTER.incrementAndGet(), 36);
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID_HEADER, id);
    }

    /**
     * The route as registered ({@code /students/{student_id}/prediction}), so metrics do not explode by id;
     * {@code static} for the staff page's files, {@code unmatched} for the rest.
     */
    private static String routeTemplate(Context ctx) {
        String path;
        try {
            path = ctx.endpointHandlerPath();
        } catch (IllegalStateException noEndpointMatched) {
            path = null;
        }
        if (path == null || path.isEmpty() || path.equals("*")) {
            // No route matched: what was answered without an error was one of the page's files.
            return ctx.statusCode() < 400 ? "static" : "unmatched";
        }
        return path;
    }

    /** Each model served, by name, with its version. */
    private static Map<String, String> served(ServedModels models) {
        Map<String, String> served = new LinkedHashMap<>();
        for (ServedModels.Entry entry : models.index()) {
            if (entry.served()) {
                served.put(entry.name(), entry.model().version());
            }
        }
        return served;
    }

    private static String version(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
