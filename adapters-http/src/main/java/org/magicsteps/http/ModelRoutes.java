package org.magicsteps.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.ListModels;
import org.magicsteps.core.usecase.ReadThreshold;
import org.magicsteps.core.usecase.ReadThresholdHistory;

import org.magicsteps.http.ErrorBodies.ErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;

/**
 * What the models are and accept ({@code /info}, {@code /features}, {@code /models}), their
 * decision thresholds and the thresholds' audit trail; each route but {@code /models} and
 * {@code /thresholds/history} answers for the default model unless {@code ?model=} names another.
 */
final class ModelRoutes {

    static final String PROJECT = "Magic Steps: Ponto de Virada prediction for Passos Mágicos (PEDE)";

    /**
     * The loaded model, as the original's {@code /info} described it, plus its version, metrics and
     * model card and what thresholds do on its held-out students (each {@code null} for a model
     * that carries none, such as the imported original).
     */
    record InfoResponse(
            @OpenApiExample(PROJECT) String project,
            @OpenApiExample("MLP") String model_class,
            @OpenApiExample("magic-steps-default") String model_name,
            @OpenApiExample("2024.05-mlp") String model_version,
            @OpenApiExample("24") int input_dim,
            @OpenApiExample("1857") long params,
            @OpenApiExample("18") int n_features,
            @OpenApiExample("0.5") double threshold,
            List<String> features,
            @OpenApiExample("2024-05-01T12:00:00Z") String created_at,
            Map<String, Double> metrics,
            ModelCardBody model_card,
            HeldOutBody held_out) {
    }

    /**
     * What thresholds do on the model's held-out test split: at the threshold in force, and at
     * every threshold where a decision changes (each point counts the students at or above it).
     */
    record HeldOutBody(
            @OpenApiExample("the held-out test split: 138 students (18 reached the PV)") String split,
            @OpenApiExample("138") int students,
            @OpenApiExample("18") int positives,
            ThresholdOutcomeBody at_threshold,
            List<OperatingPointBody> operating_points) {

        static HeldOutBody of(HeldOutEvaluation evaluation, Threshold inForce) {
            if (evaluation == null) {
                return null;
            }
            HeldOutEvaluation.Outcome at = evaluation.at(inForce);
            return new HeldOutBody(evaluation.split(), evaluation.students(), evaluation.positives(),
                    new ThresholdOutcomeBody(at.threshold(), at.flagged(), at.truePositives(), at.precision(),
                            at.recall()),
                    evaluation.points().stream().map(p -> new OperatingPointBody(p.threshold(), p.flagged(),
                            p.truePositives())).toList());
        }
    }

    /** One threshold on the held-out split: precision is {@code null} when it flags nobody. */
    record ThresholdOutcomeBody(
            @OpenApiExample("0.5") double threshold,
            @OpenApiExample("21") int flagged,
            @OpenApiExample("18") int true_positives,
            @OpenApiExample("0.857") Double precision,
            @OpenApiExample("1.0") Double recall) {
    }

    /** The students at or above {@code threshold} on the held-out split, and how many of them reached the PV. */
    record OperatingPointBody(
            @OpenApiExample("0.45") double threshold,
            @OpenApiExample("21") int flagged,
            @OpenApiExample("18") int true_positives) {
    }

    /** One feature the model accepts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FeatureDescription(
            @OpenApiExample("score_inde") String name,
            @OpenApiExample("Índice do Desenvolvimento Educacional") String description,
            @OpenApiExample("float") String type,
            @OpenApiExample("0–10") String range,
            @OpenApiExample("true") boolean required,
            @OpenApiExample("0") Double minimum,
            @OpenApiExample("10") Double maximum,
            List<String> categories) {

        static FeatureDescription of(FeatureSpec spec) {
            return new FeatureDescription(spec.name(), spec.description(), spec.type().label(), spec.rangeText(),
                    spec.required(), spec.minimum(), spec.maximum(),
                    spec.type().isNumeric() ? null : spec.categories());
        }
    }

    /** The threshold in force. */
    record ThresholdResponse(
            @OpenApiExample("0.5") double threshold,
            @OpenApiExample("2024-05-01T12:00:00Z") String updated_at,
            @OpenApiExample("model-default") String updated_by,
            @OpenApiExample("2024.05-mlp") String model_version) {

        static ThresholdResponse of(ThresholdSetting s) {
            return new ThresholdResponse(s.threshold().value(), s.updatedAt().toString(), s.updatedBy(), s.modelVersion());
        }
    }

    /** One model served, for {@code GET /models}. */
    record ServedModelResponse(
            @OpenApiExample("early-warning") String name,
            @OpenApiExample("false") boolean is_default,
            @OpenApiExample("early-warning") String model_name,
            @OpenApiExample("early-warning-8b065a0c4307") String model_version,
            @OpenApiExample("RidgeRegressionOfIpv") String model_class,
            @OpenApiExample("18") int n_features,
            List<String> features,
            @OpenApiExample("0.398") double threshold,
            @OpenApiExample("2024-05-01T12:00:00Z") String created_at,
            Map<String, Double> metrics) {

        static ServedModelResponse of(DescribeModel.ModelDescription d) {
            ModelInfo info = d.info();
            return new ServedModelResponse(d.name(), d.isDefault(), info.name(), info.version(), info.modelClass(),
                    d.schema().features().size(), d.schema().names(), d.threshold().threshold().value(),
                    info.createdAt().toString(), info.metrics());
        }
    }

    /** A new threshold. */
    record ThresholdUpdate(@OpenApiRequired @OpenApiExample("0.42") Double threshold) {
    }

    private final DescribeModel describeModel;
    private final ReadThreshold readThreshold;
    private final ChangeThreshold changeThreshold;
    private final ReadThresholdHistory readThresholdHistory;
    private final ListModels listModels;
    private final JsonBodies bodies;

    ModelRoutes(DescribeModel describeModel, ReadThreshold readThreshold, ChangeThreshold changeThreshold,
            ReadThresholdHistory readThresholdHistory, ListModels listModels, JsonBodies bodies) {
        this.describeModel = describeModel;
        this.readThreshold = readThreshold;
        this.changeThreshold = changeThreshold;
        this.readThresholdHistory = readThresholdHistory;
        this.listModels = listModels;
        this.bodies = bodies;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/info", Access.USER, this::info),
                Route.get("/features", Access.PUBLIC, this::features),
                Route.get("/thresholds", Access.USER, this::readThreshold),
                Route.put("/thresholds", Access.ADMIN, this::changeThreshold),
                Route.get("/thresholds/history", Access.ADMIN, this::thresholdHistory),
                Route.get("/models", Access.USER, this::models));
    }

    @OpenApi(path = "/info", methods = HttpMethod.GET, tags = "model", operationId = "info",
            summary = "Describe the loaded model",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = InfoResponse.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class))})
    void info(Context ctx) {
        DescribeModel.ModelDescription description = describeModel.execute(ModelQuery.of(ctx));
        ModelInfo info = description.info();
        ctx.json(new InfoResponse(PROJECT, info.modelClass(), info.name(), info.version(), info.inputDimension(),
                info.parameterCount(), description.schema().features().size(),
                description.threshold().threshold().value(), description.schema().names(),
                info.createdAt().toString(), info.metrics(), ModelCardBody.of(info.modelCard()),
                HeldOutBody.of(info.heldOut(), description.threshold().threshold())));
    }

    @OpenApi(path = "/features", methods = HttpMethod.GET, tags = "model", operationId = "features",
            summary = "List the features the model accepts",
            description = "Each feature with its type and valid range or categories, from the model's own schema.",
            responses = @OpenApiResponse(status = "200", description = "OK",
                    content = @OpenApiContent(from = FeatureDescription[].class)))
    void features(Context ctx) {
        ctx.json(describeModel.execute(ModelQuery.of(ctx)).schema().features().stream().map(FeatureDescription::of)
                .toList());
    }

    @OpenApi(path = "/thresholds", methods = HttpMethod.GET, tags = "model", operationId = "readThreshold",
            summary = "Read the decision threshold",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ThresholdResponse.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class))})
    void readThreshold(Context ctx) {
        ctx.json(ThresholdResponse.of(readThreshold.current(ModelQuery.of(ctx))));
    }

    @OpenApi(path = "/thresholds", methods = HttpMethod.PUT, tags = "model", operationId = "changeThreshold",
            summary = "Change the decision threshold (admins)",
            description = "Stored and shared by every replica; applies to the loaded model's version.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ThresholdUpdate.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ThresholdResponse.class)),
                @OpenApiResponse(status = "400", description = "The body is not JSON", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "The caller is not an admin", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Not a number between 0 and 1",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The settings store is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void changeThreshold(Context ctx) {
        String model = ModelQuery.of(ctx);
        ThresholdUpdate update = bodies.read(ctx, ThresholdUpdate.class);
        if (update.threshold() == null) {
            throw new HttpProblem.Rejected("body", List.of(Violation.of("threshold", null, Kind.MISSING,
                    "threshold: is required but missing")));
        }
        ctx.json(ThresholdResponse.of(changeThreshold.execute(Authentication.actor(ctx), model, update.threshold())));
    }

    @OpenApi(path = "/models", methods = HttpMethod.GET, tags = "model", operationId = "models",
            summary = "List the models served",
            description = "Every model served, the default first: any of them can answer a route that takes "
                    + "`?model=NAME`, and the Open Inference Protocol's `/v2/models/NAME`.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            responses = {
                @OpenApiResponse(status = "200", description = "OK",
                        content = @OpenApiContent(from = ServedModelResponse[].class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class))})
    void models(Context ctx) {
        ctx.json(listModels.execute().stream().map(ServedModelResponse::of).toList());
    }

    @OpenApi(path = "/thresholds/history", methods = HttpMethod.GET, tags = "model", operationId = "thresholdHistory",
            summary = "Read the threshold's audit trail (admins)",
            description = "Every change of the threshold, newest first: the value, when, by whom, for which model "
                    + "version (also changes made for other versions).",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            queryParams = @OpenApiParam(name = "limit", type = Integer.class,
                    description = "1–" + ReadThresholdHistory.MAX_LIMIT + ", default " + ReadThresholdHistory.DEFAULT_LIMIT,
                    example = "20"),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ThresholdResponse[].class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "The caller is not an admin", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "limit is not a whole number within its bounds",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The settings store is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void thresholdHistory(Context ctx) {
        List<Violation> violations = new ArrayList<>();
        int limit = QueryParameters.wholeNumber(ctx, "limit", ReadThresholdHistory.DEFAULT_LIMIT, violations);
        if (!violations.isEmpty()) {
            throw new HttpProblem.Rejected("query", violations);
        }
        List<ThresholdSetting> history;
        try {
            history = readThresholdHistory.execute(Authentication.actor(ctx), limit);
        } catch (ValidationException e) {
            throw new HttpProblem.Rejected("query", e.violations());
        }
        ctx.json(history.stream().map(ThresholdResponse::of).toList());
    }
}
