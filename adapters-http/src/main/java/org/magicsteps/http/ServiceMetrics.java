package org.magicsteps.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * The server's Prometheus metrics, in a registry of its own (so two servers in one JVM do not
 * collide). The composition root wraps the predictor and the prediction log with
 * {@link #timing(Predictor)} and {@link #counting(PredictionLog)} so that inference time and
 * log-write failures are measured where they happen, not guessed from the outside.
 */
public final class ServiceMetrics {

    /** Latency buckets from 0.5 ms to 10 s: a single prediction takes about a millisecond. */
    private static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter requests = Counter.builder()
            .name("http_requests_total").help("HTTP requests answered, by method, route template and status")
            .labelNames("method", "route", "status").withoutExemplars().register(registry);
    private final Histogram latency = Histogram.builder()
            .name("http_request_duration_seconds").help("Time to answer an HTTP request, by method, route and status")
            .labelNames("method", "route", "status").classicOnly().classicUpperBounds(LATENCY_BOUNDS)
            .withoutExemplars().register(registry);
    private final Counter predictions = Counter.builder()
            .name("predictions_total").help("Predictions answered, by predicted class (1: reaches the Ponto de Virada)")
            .labelNames("predicted_class").withoutExemplars().register(registry);
    private final Histogram inference = Histogram.builder()
            .name("model_inference_seconds").help("Time the model takes to score one call (a student or a whole batch)")
            .classicOnly().classicUpperBounds(LATENCY_BOUNDS).withoutExemplars().register(registry);
    private final Counter inferenceFailures = Counter.builder()
            .name("model_inference_failures_total").help("Model calls that failed")
            .withoutExemplars().register(registry);
    private final Counter logWriteFailures = Counter.builder()
            .name("prediction_log_write_failures_total").help("Appends to the prediction log that failed")
            .withoutExemplars().register(registry);
    private final Counter modelPredictions = Counter.builder()
            .name("model_predictions_total")
            .help("Predictions logged, by the version of the model that made them and predicted class")
            .labelNames("model_version", "predicted_class").withoutExemplars().register(registry);
    private final Histogram modelInference = Histogram.builder()
            .name("model_version_inference_seconds").help("Time each model version takes to score one call")
            .labelNames("model_version").classicOnly().classicUpperBounds(LATENCY_BOUNDS).withoutExemplars()
            .register(registry);
    private final Counter modelChanges = Counter.builder()
            .name("model_changes_total").help("Model loads and unloads asked of the repository, by outcome "
                    + "(loaded, refused, unloaded)")
            .labelNames("outcome").withoutExemplars().register(registry);
    private final Counter logRecords = Counter.builder()
            .name("prediction_log_records_total").help("Prediction records handed to the prediction log")
            .withoutExemplars().register(registry);

    /**
     * Publishes each store's state as {@code store_up} (1 when up or degraded, 0 when down),
     * {@code store_degraded}, and every numeric detail of its health as {@code store_detail}
     * (the prediction log's pending records, journal bytes, age of the oldest pending record, ...).
     * Read at scrape time, so the numbers are always current.
     */
    public void watch(Map<String, HealthReporting> components) {
        GaugeWithCallback.builder().name("store_up").help("Whether each store works (1) or not (0)")
                .labelNames("store")
                .callback(gauge -> components.forEach((name, component) ->
                        gauge.call(component.health().status() == ComponentHealth.Status.DOWN ? 0 : 1, name)))
                .register(registry);
        GaugeWithCallback.builder().name("store_degraded")
                .help("Whether each store works but holds something back (1), such as log records not yet written")
                .labelNames("store")
                .callback(gauge -> components.forEach((name, component) ->
                        gauge.call(component.health().status() == ComponentHealth.Status.DEGRADED ? 1 : 0, name)))
                .register(registry);
        GaugeWithCallback.builder().name("store_detail")
                .help("Numeric facts each store reports about itself, such as pending_records or journal_bytes")
                .labelNames("store", "detail")
                .callback(gauge -> components.forEach((name, component) ->
                        component.health().details().forEach((detail, value) -> {
                            if (value instanceof Number number) {
                                gauge.call(number.doubleValue(), name, detail);
                            }
                        })))
                .register(registry);
    }

    /**
     * Publishes each model served as {@code served_model_info{model, model_version}} 1, so that
     * the per-version series ({@code model_predictions_total}, {@code model_version_inference_seconds})
     * can be read by model name. Read at scrape time.
     *
     * @param served the served models' names and versions
     */
    public void watchModels(Supplier<Map<String, String>> served) {
        GaugeWithCallback.builder().name("served_model_info")
                .help("The models served: 1 for each name and the version it serves")
                .labelNames("model", "model_version")
                .callback(gauge -> served.get().forEach((model, version) -> gauge.call(1, model, version)))
                .register(registry);
    }

    /** The predictor, timed: every call feeds {@code model_inference_seconds}. */
    public Predictor timing(Predictor predictor) {
        return new TimedPredictor(predictor, this);
    }

    /** The log, watched: every failed append counts in {@code prediction_log_write_failures_total}. */
    public PredictionLog counting(PredictionLog log) {
        return new CountingPredictionLog(log, this);
    }

    void request(String method, String route, int status, double seconds) {
        String code = Integer.toString(status);
        requests.labelValues(method, route, code).inc();
        latency.labelValues(method, route, code).observe(seconds);
    }

    void prediction(int predictedClass) {
        predictions(predictedClass, 1);
    }

    /** {@code count} predictions of one class at once: a batch counts once per class, not once per student. */
    void predictions(int predictedClass, int count) {
        if (count > 0) {
            predictions.labelValues(predictedClass == 1 ? "1" : "0").inc(count);
        }
    }

    void inference(String modelVersion, double seconds) {
        inference.observe(seconds);
        modelInference.labelValues(modelVersion).observe(seconds);
    }

    void modelPredictions(List<PredictionRecord> records) {
        for (PredictionRecord record : records) {
            modelPredictions.labelValues(record.prediction().modelVersion(),
                    Integer.toString(record.prediction().predictedClass())).inc();
        }
    }

    void modelChange(String outcome) {
        modelChanges.labelValues(outcome).inc();
    }

    void inferenceFailed() {
        inferenceFailures.inc();
    }

    void logWritten(int records) {
        logRecords.inc(records);
    }

    void logWriteFailed() {
        logWriteFailures.inc();
    }

    String contentType() {
        return writer.getContentType();
    }

    /** Every metric in the Prometheus text format. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
