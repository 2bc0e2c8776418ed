package org.magicsteps.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.DescribeModel.ModelDescription;
import org.magicsteps.core.usecase.IndexModels;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.ModelRefusedException;
import org.magicsteps.core.usecase.NotFoundException;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictEncodedBatch;
import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.core.usecase.UnloadModel;

import org.magicsteps.http.InferenceProtocolBodies.InferenceRequest;
import org.magicsteps.http.InferenceProtocolBodies.InferenceResponse;
import org.magicsteps.http.InferenceProtocolBodies.MetadataTensor;
import org.magicsteps.http.InferenceProtocolBodies.ModelMetadata;
import org.magicsteps.http.InferenceProtocolBodies.ModelReady;
import org.magicsteps.http.InferenceProtocolBodies.RepositoryChange;
import org.magicsteps.http.InferenceProtocolBodies.RepositoryIndexEntry;
import org.magicsteps.http.InferenceProtocolBodies.RepositoryIndexRequest;
import org.magicsteps.http.InferenceProtocolBodies.RepositoryLoadRequest;
import org.magicsteps.http.InferenceProtocolBodies.ResponseOutput;
import org.magicsteps.http.InferenceProtocolBodies.ServerLive;
import org.magicsteps.http.InferenceProtocolBodies.ServerMetadata;
import org.magicsteps.http.InferenceProtocolBodies.ServerReady;
import org.magicsteps.http.ErrorBodies.InferenceErrorBody;

/**
 * The Open Inference Protocol's REST routes (the KServe "V2" API that KServe, MLServer and Triton
 * share) over the same models, use cases, log and bearer authentication as the original routes:
 * health and metadata are as open as {@code /health}, inference needs a user's token, and the
 * model repository extension (index, load, unload) an admin's. Errors are {@code {"error": ...}},
 * with the statuses of the other routes (400 malformed JSON or a refused load, 401, 403, 404
 * unknown model, 413, 422 a tensor refused).
 */
final class InferenceProtocolRoutes {

    static final String PREFIX = "/v2";
    static final String SERVER_NAME = "magic-steps";
    /** What {@code GET /v2} lists: the repository extension. */
    static final String REPOSITORY_EXTENSION = "model_repository";
    /** The parameter of a load request that says where the bundle is. */
    static final String BUNDLE_PARAMETER = "bundle";
    static final String READY = "READY";
    static final String UNAVAILABLE = "UNAVAILABLE";

    private static final Logger LOG = LoggerFactory.getLogger(InferenceProtocolRoutes.class);
    private static final String PLATFORM = "magic-steps";
    private static final List<Long> COLUMN = List.of(-1L);

    private final DescribeModel describeModel;
    private final PredictBatch predictBatch;
    private final PredictEncodedBatch predictEncodedBatch;
    private final IndexModels indexModels;
    private final LoadModel loadModel;
    private final UnloadModel unloadModel;
    private final JsonBodies bodies;
    private final ServiceMetrics metrics;
    private final String serverVersion;

    InferenceProtocolRoutes(DescribeModel describeModel, PredictBatch predictBatch,
            PredictEncodedBatch predictEncodedBatch, IndexModels indexModels, LoadModel loadModel,
            UnloadModel unloadModel, JsonBodies bodies, ServiceMetrics metrics, String serverVersion) {
        this.describeModel = describeModel;
        this.predictBatch = predictBatch;
        this.predictEncodedBatch = predictEncodedBatch;
        this.indexModels = indexModels;
        this.loadModel = loadModel;
        this.unloadModel = unloadModel;
        this.bodies = bodies;
        this.metrics = metrics;
        this.serverVersion = serverVersion;
    }

    List<Route> routes() {
        return List.of(
                Route.get(PREFIX, Access.PUBLIC, this::server),
                Route.get(PREFIX + "/health/live", Access.PUBLIC, this::live),
                Route.get(PREFIX + "/health/ready", Access.PUBLIC, this::ready),
                Route.get(PREFIX + "/models/{name}", Access.PUBLIC, this::metadata),
                Route.get(PREFIX + "/models/{name}/versions/{version}", Access.PUBLIC, this::metadata),
                Route.get(PREFIX + "/models/{name}/ready", Access.PUBLIC, this::modelReady),
                Route.get(PREFIX + "/models/{name}/versions/{version}/ready", Access.PUBLIC, this::modelReady),
                Route.post(PREFIX + "/models/{name}/infer", Access.USER, this::infer),
                Route.post(PREFIX + "/models/{name}/versions/{version}/infer", Access.USER, this::infer),
                Route.post(PREFIX + "/repository/index", Access.ADMIN, this::index),
                Route.post(PREFIX + "/repository/models/{name}/load", Access.ADMIN, this::load),
                Route.post(PREFIX + "/repository/models/{name}/unload", Access.ADMIN, this::unload));
    }

    @OpenApi(path = PREFIX, methods = HttpMethod.GET, tags = "open inference protocol", operationId = "v2ServerMetadata",
            summary = "Server metadata (Open Inference Protocol)",
            responses = @OpenApiResponse(status = "200", description = "OK",
                    content = @OpenApiContent(from = ServerMetadata.class)))
    void server(Context ctx) {
        ctx.json(new ServerMetadata(SERVER_NAME, serverVersion, List.of(REPOSITORY_EXTENSION)));
    }

    @OpenApi(path = PREFIX + "/health/live", methods = HttpMethod.GET, tags = "open inference protocol",
            operationId = "v2ServerLive", summary = "Is the server live (Open Inference Protocol)",
            responses = @OpenApiResponse(status = "200", description = "OK",
                    content = @OpenApiContent(from = ServerLive.class)))
    void live(Context ctx) {
        ctx.json(new ServerLive(true));
    }

    @OpenApi(path = PREFIX + "/health/ready", methods = HttpMethod.GET, tags = "open inference protocol",
            operationId = "v2ServerReady", summary = "Are the models ready (Open Inference Protocol)",
            description = "Ready once the default model answers; the default model cannot be unloaded.",
            responses = {
                @OpenApiResponse(status = "200", description = "Ready", content = @OpenApiContent(from = ServerReady.class)),
                @OpenApiResponse(status = "503", description = "Not ready", content = @OpenApiContent(from = ServerReady.class))})
    void ready(Context ctx) {
        boolean ready;
        try {
            describeModel.execute();
            ready = true;
        } catch (RuntimeException e) {
            LOG.warn("[{}] the default model does not answer: {}", ErrorHandling.correlationId(ctx), e.toString());
            ready = false;
        }
        ctx.status(ready ? 200 : 503).json(new ServerReady(ready));
    }

    @OpenApi(path = PREFIX + "/models/{name}", methods = HttpMethod.GET, tags = "open inference protocol",
            operationId = "v2ModelMetadata", summary = "A model's inputs and outputs (Open Inference Protocol)",
            description = "Inputs: one per feature (shape [-1]: BYTES for a category, FP64 or INT64 for a number; "
                    + "FP32 and INT32 are accepted too), or, instead of all of them, the model's encoded tensor "
                    + "[-1, width] FP32. Outputs: probability FP64, prediction INT64, confidence BYTES.",
            pathParams = @OpenApiParam(name = "name", required = true, example = "default",
                    description = "A model served (see GET /models)"),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ModelMetadata.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    @OpenApi(path = PREFIX + "/models/{name}/versions/{version}", methods = HttpMethod.GET,
            tags = "open inference protocol", operationId = "v2ModelVersionMetadata",
            summary = "A model version's inputs and outputs (Open Inference Protocol)",
            pathParams = {
                @OpenApiParam(name = "name", required = true, example = "default", description = "A model served"),
                @OpenApiParam(name = "version", required = true, example = "default-40ee31d632db",
                        description = "The version it serves")},
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ModelMetadata.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void metadata(Context ctx) {
        ModelDescription model = model(ctx);
        List<MetadataTensor> inputs = new ArrayList<>();
        for (FeatureSpec spec : model.schema().features()) {
            inputs.add(new MetadataTensor(spec.name(), datatype(spec), COLUMN, featureParameters(spec)));
        }
        model.encodedInput().ifPresent(input -> {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("content_type", "np");
            parameters.put("replaces", "every feature input");
            parameters.put("columns", String.join(",", input.columns()));
            inputs.add(new MetadataTensor(input.name(), InferenceInputs.ENCODED_DATATYPE,
                    List.of(-1L, (long) input.width()), parameters));
        });
        Map<String, Object> idParameters = new LinkedHashMap<>();
        idParameters.put("required", false);
        idParameters.put("content_type", "str");
        inputs.add(new MetadataTensor(InferenceInputs.STUDENT_ID, "BYTES", COLUMN, idParameters));
        List<MetadataTensor> outputs = List.of(
                new MetadataTensor(InferenceInputs.PROBABILITY, "FP64", COLUMN, null),
                new MetadataTensor(InferenceInputs.PREDICTION, "INT64", COLUMN, null),
                new MetadataTensor(InferenceInputs.CONFIDENCE, "BYTES", COLUMN, Map.of("content_type", "str")));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("content_type", "pd");
        parameters.put("default", model.isDefault());
        parameters.put("model_class", model.info().modelClass());
        parameters.put("threshold", model.threshold().threshold().value());
        ctx.json(new ModelMetadata(model.name(), List.of(model.info().version()), PLATFORM, inputs, outputs,
                parameters));
    }

    @OpenApi(path = PREFIX + "/models/{name}/ready", methods = HttpMethod.GET, tags = "open inference protocol",
            operationId = "v2ModelReady", summary = "Is a model ready (Open Inference Protocol)",
            pathParams = @OpenApiParam(name = "name", required = true, example = "default", description = "A model served"),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ModelReady.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    @OpenApi(path = PREFIX + "/models/{name}/versions/{version}/ready", methods = HttpMethod.GET,
            tags = "open inference protocol", operationId = "v2ModelVersionReady",
            summary = "Is a model version ready (Open Inference Protocol)",
            pathParams = {
                @OpenApiParam(name = "name", required = true, example = "default", description = "A model served"),
                @OpenApiParam(name = "version", required = true, example = "default-40ee31d632db",
                        description = "The version it serves")},
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ModelReady.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void modelReady(Context ctx) {
        ctx.json(new ModelReady(model(ctx).name(), true));
    }

    @OpenApi(path = PREFIX + "/models/{name}/infer", methods = HttpMethod.POST, tags = "open inference protocol",
            operationId = "v2Infer", summary = "Predict a batch of students (Open Inference Protocol)",
            description = "One input per feature, shape [N] (or [N, 1]), as MLServer's pandas codec sends a data "
                    + "frame; or the model's encoded tensor [N, width] FP32. An optional `student_id` input names "
                    + "the students in the log. `outputs` picks among probability, prediction and confidence; "
                    + "`id` is echoed (the batch id when absent) and `parameters` too, with `batch_id` and "
                    + "`threshold` added. The same answers, limits and log as /predict/batch.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            pathParams = @OpenApiParam(name = "name", required = true, example = "default", description = "A model served"),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = InferenceRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = InferenceResponse.class)),
                @OpenApiResponse(status = "400", description = "The body is not JSON",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "413", description = "Body too large",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "422", description = "A tensor refused: name, datatype, shape against data, "
                        + "batch size, or a value outside the model's rules",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The model or the log is unavailable",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    @OpenApi(path = PREFIX + "/models/{name}/versions/{version}/infer", methods = HttpMethod.POST,
            tags = "open inference protocol", operationId = "v2InferVersion",
            summary = "Predict a batch of students with a model version (Open Inference Protocol)",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            pathParams = {
                @OpenApiParam(name = "name", required = true, example = "default", description = "A model served"),
                @OpenApiParam(name = "version", required = true, example = "default-40ee31d632db",
                        description = "The version it serves")},
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = InferenceRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = InferenceResponse.class)),
                @OpenApiResponse(status = "400", description = "The body is not JSON",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No such model (or version) is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "413", description = "Body too large",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "422", description = "A tensor refused",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The model or the log is unavailable",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void infer(Context ctx) {
        ModelDescription model = model(ctx);
        InferenceRequest request = bodies.read(ctx, InferenceRequest.class);
        InferenceInputs.Decoded decoded = InferenceInputs.decode(request, model, predictBatch.maxBatchSize());
        String user = Authentication.actor(ctx).username();
        BatchPrediction batch;
        try {
            if (decoded.inputs() instanceof InferenceInputs.EncodedRows rows) {
                batch = predictEncodedBatch.execute(model.name(),
                        new PredictEncodedBatch.Command(user, rows.rows(), rows.studentIds()));
            } else {
                batch = predictBatch.execute(model.name(),
                        new PredictBatch.Command(user, ((InferenceInputs.ByFeature) decoded.inputs()).students()));
            }
        } catch (ValidationException refused) {
            throw InferenceInputs.located(refused, decoded.inputs());
        }
        List<Prediction> predictions = batch.predictions();
        predictions.forEach(p -> metrics.prediction(p.predictedClass()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (request.parameters() != null) {
            parameters.putAll(request.parameters());
        }
        parameters.put("batch_id", batch.batchId());
        parameters.put("threshold", predictions.get(0).threshold().value());
        ctx.json(new InferenceResponse(model.name(), predictions.get(0).modelVersion(),
                request.id() != null ? request.id() : batch.batchId(), parameters, outputs(decoded.outputs(), predictions)));
    }

    @OpenApi(path = PREFIX + "/repository/index", methods = HttpMethod.POST, tags = "open inference protocol",
            operationId = "v2RepositoryIndex", summary = "Every model known, served or not (admins)",
            description = "The model repository extension. `state` is READY for a model served, UNAVAILABLE for one "
                    + "unloaded (load it again by name). The body may be empty; `{\"ready\": true}` lists only the "
                    + "models served.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = RepositoryIndexRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK",
                        content = @OpenApiContent(from = RepositoryIndexEntry[].class)),
                @OpenApiResponse(status = "401", description = "No valid token",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "403", description = "The caller is not an admin",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void index(Context ctx) {
        RepositoryIndexRequest request = optionalBody(ctx, RepositoryIndexRequest.class, new RepositoryIndexRequest(null));
        boolean onlyReady = Boolean.TRUE.equals(request.ready());
        List<RepositoryIndexEntry> entries = new ArrayList<>();
        for (ServedModels.Entry entry : indexModels.execute(Authentication.actor(ctx))) {
            if (entry.served()) {
                entries.add(new RepositoryIndexEntry(entry.name(), entry.model().version(), READY, ""));
            } else if (!onlyReady) {
                entries.add(new RepositoryIndexEntry(entry.name(), null, UNAVAILABLE, "unloaded; load it again by name"));
            }
        }
        ctx.json(entries);
    }

    @OpenApi(path = PREFIX + "/repository/models/{name}/load", methods = HttpMethod.POST,
            tags = "open inference protocol", operationId = "v2RepositoryLoad",
            summary = "Load a model, or a new version of it, without a restart (admins)",
            description = "`{\"parameters\": {\"bundle\": \"/srv/models/x\"}}` loads the bundle directory (or a model "
                    + "this build carries) as NAME, adding it or replacing the model served as NAME; without it, NAME "
                    + "is loaded again from where it was last loaded. The bundle is loaded and probed in full first: "
                    + "when it fails, the answer is 400 with the reason and the model served stays. Requests in "
                    + "flight finish on the model they started with.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            pathParams = @OpenApiParam(name = "name", required = true, example = "early-warning",
                    description = "The name to serve it as"),
            requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = RepositoryLoadRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "Loaded", content = @OpenApiContent(from = RepositoryChange.class)),
                @OpenApiResponse(status = "400", description = "Refused: the bundle does not load or fails its probe; "
                        + "the model served stays", content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "403", description = "The caller is not an admin",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "422", description = "The body is not a load request",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void load(Context ctx) {
        String name = ctx.pathParam("name");
        RepositoryLoadRequest request = optionalBody(ctx, RepositoryLoadRequest.class, new RepositoryLoadRequest(null));
        Object bundle = request.parameters() == null ? null : request.parameters().get(BUNDLE_PARAMETER);
        if (bundle != null && !(bundle instanceof String)) {
            throw new ModelRefusedException("parameters." + BUNDLE_PARAMETER + ": must be a bundle directory (text)");
        }
        LoadModel.Loaded loaded;
        try {
            loaded = loadModel.execute(Authentication.actor(ctx), name, (String) bundle);
        } catch (ModelRefusedException refused) {
            // Counted, answered, not logged: a refused request leaves no trace in the log (RELIABILITY.md), and
            // the name is the caller's, CR LF included (it would forge log lines).
            metrics.modelChange("refused");
            throw refused;
        }
        metrics.modelChange("loaded");
        LOG.info("{} loaded model '{}' {} from {}{}", Authentication.actor(ctx).username(), name,
                loaded.model().version(), loaded.location(),
                loaded.replaced().map(old -> ", replacing " + old.version()).orElse(""));
        ctx.json(new RepositoryChange(name, loaded.model().version(), READY, loaded.location(),
                loaded.replaced().map(ModelInfo::version).orElse(null)));
    }

    @OpenApi(path = PREFIX + "/repository/models/{name}/unload", methods = HttpMethod.POST,
            tags = "open inference protocol", operationId = "v2RepositoryUnload",
            summary = "Stop serving a model (admins)",
            description = "Requests in flight finish on it. The default model cannot be unloaded (400): load "
                    + "another bundle under its name instead.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            pathParams = @OpenApiParam(name = "name", required = true, example = "early-warning",
                    description = "A model served"),
            responses = {
                @OpenApiResponse(status = "200", description = "Unloaded", content = @OpenApiContent(from = RepositoryChange.class)),
                @OpenApiResponse(status = "400", description = "The default model cannot be unloaded",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "403", description = "The caller is not an admin",
                        content = @OpenApiContent(from = InferenceErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No such model is served",
                        content = @OpenApiContent(from = InferenceErrorBody.class))})
    void unload(Context ctx) {
        String name = ctx.pathParam("name");
        ModelInfo unloaded = unloadModel.execute(Authentication.actor(ctx), name);
        metrics.modelChange("unloaded");
        LOG.info("{} unloaded model '{}' {}", Authentication.actor(ctx).username(), name, unloaded.version());
        ctx.json(new RepositoryChange(name, unloaded.version(), UNAVAILABLE, null, null));
    }

    /** The model the path names, checked against the version the path names, if any. */
    private ModelDescription model(Context ctx) {
        ModelDescription model = describeModel.execute(ctx.pathParam("name"));
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(model.info().version())) {
            throw new NotFoundException("model '" + model.name() + "' has no version '" + version + "'; it serves "
                    + model.info().version());
        }
        return model;
    }

    private static List<ResponseOutput> outputs(List<String> names, List<Prediction> predictions) {
        List<Long> shape = List.of((long) predictions.size());
        List<ResponseOutput> outputs = new ArrayList<>(names.size());
        for (String name : names) {
            outputs.add(switch (name) {
                case InferenceInputs.PROBABILITY -> new ResponseOutput(name, shape, "FP64",
                        predictions.stream().map(Prediction::probability).toList());
                case InferenceInputs.PREDICTION -> new ResponseOutput(name, shape, "INT64",
                        predictions.stream().map(p -> (long) p.predictedClass()).toList());
                case InferenceInputs.CONFIDENCE -> new ResponseOutput(name, shape, "BYTES",
                        predictions.stream().map(p -> p.confidence().label()).toList());
                default -> throw new IllegalStateException("no output '" + name + "'");
            });
        }
        return outputs;
    }

    private static String datatype(FeatureSpec spec) {
        return switch (spec.type()) {
            case INTEGER -> "INT64";
            case FLOAT -> "FP64";
            case CATEGORICAL -> "BYTES";
        };
    }

    private static Map<String, Object> featureParameters(FeatureSpec spec) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("required", spec.required());
        if (spec.type().isNumeric()) {
            if (spec.minimum() != null) {
                parameters.put("minimum", spec.minimum());
            }
            if (spec.maximum() != null) {
                parameters.put("maximum", spec.maximum());
            }
        } else {
            parameters.put("content_type", "str");
            parameters.put("categories", String.join(",", spec.categories()));
        }
        if (!spec.description().isEmpty()) {
            parameters.put("description", spec.description());
        }
        return parameters;
    }

    /** The body read as {@code type}, or {@code absent} when the request has none (the repository's bodies are optional). */
    private <T> T optionalBody(Context ctx, Class<T> type, T absent) {
        // Read through JsonBodies: a body cut short of its Content-Length is a 400 there, not Javalin's 500.
        return new String(JsonBodies.bytes(ctx), java.nio.charset.StandardCharsets.UTF_8).isBlank() ? absent
                : bodies.read(ctx, type);
    }
}
