package org.magicsteps.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.usecase.DescribeModel;

import org.magicsteps.http.ErrorBodies.ErrorBody;

/** {@code /health} and {@code /metrics}. */
final class SystemRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SystemRoutes.class);

    /** The model runs on ONNX Runtime's CPU provider; no GPU is used. */
    static final String DEVICE = "cpu";

    /**
     * The original's health fields, plus the model version and each store's state.
     *
     * @param status {@code ok} when every component is up, else {@code degraded}
     * @param preprocessor_loaded the preprocessing travels inside the model bundle, so it is loaded
     *     exactly when the model is
     */
    record HealthResponse(
            @OpenApiExample("ok") String status,
            @OpenApiExample("true") boolean model_loaded,
            @OpenApiExample("true") boolean preprocessor_loaded,
            @OpenApiExample(DEVICE) String device,
            @OpenApiExample("2024-05-01T12:00:00.123Z") String timestamp,
            @OpenApiExample("2024.05-mlp") String model_version,
            Map<String, ComponentStatus> stores) {
    }

    /** One store behind the service. */
    record ComponentStatus(
            @OpenApiExample("in-memory") String implementation,
            @OpenApiExample("false") boolean persistent,
            @OpenApiExample("up") String status,
            Map<String, Object> details) {
    }

    private final DescribeModel describeModel;
    private final Map<String, HealthReporting> components;
    private final ServiceMetrics metrics;
    private final Clock clock;

    SystemRoutes(DescribeModel describeModel, Map<String, HealthReporting> components,
            ServiceMetrics metrics, Clock clock) {
        this.describeModel = describeModel;
        this.components = components;
        this.metrics = metrics;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health", Access.PUBLIC, this::health),
                Route.get("/metrics", Access.METRICS, this::metrics));
    }

    @OpenApi(path = "/health", methods = HttpMethod.GET, tags = "system", operationId = "health",
            summary = "Is the service up",
            description = "200 while the service answers; `status` is `degraded` when a store is down or degraded.",
            responses = @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = HealthResponse.class)))
    void health(Context ctx) {
        String modelVersion = null;
        try {
            ModelInfo info = describeModel.execute().info();
            modelVersion = info.version();
        } catch (RuntimeException e) {
            LOG.warn("[{}] the model does not answer: {}", ErrorHandling.correlationId(ctx), e.toString());
        }
        boolean allUp = modelVersion != null;
        Map<String, ComponentStatus> stores = new LinkedHashMap<>();
        for (Map.Entry<String, HealthReporting> entry : components.entrySet()) {
            ComponentStatus status = status(entry.getValue());
            allUp &= status.status().equals("up");
            stores.put(entry.getKey(), status);
        }
        ctx.json(new HealthResponse(allUp ? "ok" : "degraded", modelVersion != null, modelVersion != null, DEVICE,
                clock.instant().toString(), modelVersion, stores));
    }

    @OpenApi(path = "/metrics", methods = HttpMethod.GET, tags = "system", operationId = "metrics",
            summary = "Prometheus metrics",
            description = "Request counts and latency per route and status, predictions by class, model inference "
                    + "time, prediction-log write failures. Needs `Authorization: Bearer METRICS_TOKEN` when the "
                    + "server has a METRICS_TOKEN.",
            security = @OpenApiSecurity(name = MagicStepsServer.METRICS_SECURITY_SCHEME),
            responses = {
                @OpenApiResponse(status = "200", description = "OK",
                        content = @OpenApiContent(mimeType = "text/plain", type = "string")),
                @OpenApiResponse(status = "401", description = "METRICS_TOKEN is set and was not given",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void metrics(Context ctx) {
        ctx.contentType(metrics.contentType()).result(metrics.scrape());
    }

    private static ComponentStatus status(HealthReporting source) {
        ComponentHealth health;
        try {
            health = source.health();
        } catch (RuntimeException e) {
            LOG.warn("a health check failed: {}", e.toString());
            return new ComponentStatus("unknown", false, "down", Map.of("error", "health check failed"));
        }
        return new ComponentStatus(health.implementation(), health.persistent(),
                health.status().name().toLowerCase(java.util.Locale.ROOT), health.details());
    }
}
