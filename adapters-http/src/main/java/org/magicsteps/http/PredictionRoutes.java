package org.magicsteps.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictStoredStudent;
import org.magicsteps.core.usecase.PredictStoredStudents;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ProcessFeatures;

import org.magicsteps.http.ErrorBodies.ErrorBody;
import org.magicsteps.http.ErrorBodies.InternalErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;

/** Predictions: one student, a batch, a student from the feature store; and feature processing. */
final class PredictionRoutes {

    /** One student to score. {@code features} holds the model's features by name (see {@code /features}). */
    record PredictRequest(
            @OpenApiExample("RA-1024") String student_id,
            @OpenApiRequired Map<String, Object> features) {
    }

    /**
     * Many students to score in one call: their features in {@code students}, or only their ids in
     * {@code student_ids}, to be scored from the online feature store.
     */
    record BatchRequest(List<PredictRequest> students, List<String> student_ids) {
    }

    /** A student of a batch by ids that could not be scored, and why. */
    record BatchMiss(@OpenApiExample("RA-404") String student_id,
            @OpenApiExample("no features stored for student 'RA-404'") String detail) {
    }

    /**
     * The answers for a batch by ids, in the order asked: those scored in {@code predictions}, the
     * others in {@code errors}. {@code batch_id} is null when none could be scored.
     */
    record StoredBatchResponse(
            @OpenApiExample("1") int total,
            List<PredictionResponse> predictions,
            @OpenApiExample("2024-05-01T12:00:00.123Z") String timestamp,
            @OpenApiExample("9d1b7f4e-3c2a-4e8b-8f6d-1a2b3c4d5e6f") String batch_id,
            List<BatchMiss> errors) {
    }

    /** Raw features to show the model's view of. */
    record ProcessRequest(@OpenApiRequired Map<String, Object> features) {
    }

    /**
     * The answer for one student.
     *
     * @param prediction 1 when the student is predicted to reach the Ponto de Virada, else 0
     * @param confidence {@code alta}, {@code média} or {@code baixa}: how far the probability is from the threshold
     * @param warnings what the answer comes with: values the model never saw in training, names it ignored
     */
    record PredictionResponse(
            @OpenApiExample("RA-1024") String student_id,
            @OpenApiExample("0.8731") double probability,
            @OpenApiExample("1") int prediction,
            @OpenApiExample("alta") String confidence,
            @OpenApiExample("0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4b") String prediction_id,
            @OpenApiExample("2024-05-01T12:00:00.123Z") String timestamp,
            @OpenApiExample("0.5") double threshold,
            @OpenApiExample("2024.05-mlp") String model_version,
            List<WarningBody> warnings) {

        static PredictionResponse of(Prediction p) {
            return new PredictionResponse(p.studentId(), p.probability(), p.predictedClass(), p.confidence().label(),
                    p.predictionId(), p.timestamp().toString(), p.threshold().value(), p.modelVersion(),
                    WarningBody.of(p.warnings()));
        }
    }

    /**
     * One warning about a feature of an answered student.
     *
     * @param value the value given (for a feature that was missing, the one used in its place)
     * @param trained_range what the model saw of the feature in training; {@code null} for a name it does not know
     * @param message what it means, for people
     */
    record WarningBody(
            @OpenApiExample("ano_ingresso") String feature,
            @OpenApiExample("2023") Object value,
            @OpenApiExample("2016–2022") String trained_range,
            @OpenApiExample("ano_ingresso: 2023 is outside what the model saw in training (2016–2022)") String message) {

        static List<WarningBody> of(List<FeatureWarning> warnings) {
            List<WarningBody> bodies = new ArrayList<>(warnings.size());
            for (FeatureWarning w : warnings) {
                bodies.add(new WarningBody(w.feature(), FeatureValues.asSent(w.value()), w.trainedRange(), w.message()));
            }
            return bodies;
        }
    }

    /** The answers for a batch, in the order asked. */
    record BatchResponse(
            @OpenApiExample("2") int total,
            List<PredictionResponse> predictions,
            @OpenApiExample("2024-05-01T12:00:00.123Z") String timestamp,
            @OpenApiExample("9d1b7f4e-3c2a-4e8b-8f6d-1a2b3c4d5e6f") String batch_id) {
    }

    /** One student's features as given, after each feature's transform, and as the model's input vector. */
    record ProcessResponse(
            Map<String, Object> raw,
            Map<String, Double> normalized,
            List<String> input_names,
            List<Double> model_input) {
    }

    private final PredictStudent predictStudent;
    private final PredictBatch predictBatch;
    private final PredictStoredStudent predictStoredStudent;
    private final PredictStoredStudents predictStoredStudents;
    private final ProcessFeatures processFeatures;
    private final JsonBodies bodies;
    private final ServiceMetrics metrics;

    PredictionRoutes(PredictStudent predictStudent, PredictBatch predictBatch, PredictStoredStudent predictStoredStudent,
            PredictStoredStudents predictStoredStudents, ProcessFeatures processFeatures, JsonBodies bodies,
            ServiceMetrics metrics) {
        this.predictStudent = predictStudent;
        this.predictBatch = predictBatch;
        this.predictStoredStudent = predictStoredStudent;
        this.predictStoredStudents = predictStoredStudents;
        this.processFeatures = processFeatures;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/predict", Access.USER, this::predict),
                Route.post("/predict/batch", Access.USER, this::predictBatch),
                Route.post("/students/{student_id}/prediction", Access.USER, this::predictStored),
                Route.post("/features/process", Access.USER, this::process));
    }

    @OpenApi(path = "/predict", methods = HttpMethod.POST, tags = "predictions", operationId = "predict",
            summary = "Predict one student",
            description = "Whether the student reaches the Ponto de Virada. Every violation of the model's "
                    + "feature rules is listed in one 422. Names that are not features of the model are ignored; "
                    + "they and values the model never saw in training are listed in `warnings`. The prediction "
                    + "is logged.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = PredictRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = PredictionResponse.class)),
                @OpenApiResponse(status = "400", description = "The body is not JSON", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "413", description = "Body too large", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Features refused", content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The model or the log is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "500", description = "Unexpected failure; quote the correlation id",
                        content = @OpenApiContent(from = InternalErrorBody.class))})
    void predict(Context ctx) {
        PredictRequest request = bodies.read(ctx, PredictRequest.class);
        Prediction prediction = predictStudent.execute(ModelQuery.of(ctx),
                new PredictStudent.Command(Authentication.actor(ctx).username(), request.student_id(), request.features()));
        metrics.prediction(prediction.predictedClass());
        ctx.json(PredictionResponse.of(prediction));
    }

    @OpenApi(path = "/predict/batch", methods = HttpMethod.POST, tags = "predictions", operationId = "predictBatch",
            summary = "Predict a batch of students",
            description = "1 to MAX_BATCH_SIZE students (500 by default), scored in one model call and logged in "
                    + "one write. Violations of every student are listed in one 422, located under "
                    + "`students`, index, `features`. Alternatively `{\"student_ids\": [...]}` scores students "
                    + "from the online feature store, read in one round trip; the answer then adds `errors`, "
                    + "one per id that is not stored or whose stored features the model refuses.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = BatchRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK (by `student_ids`: a StoredBatchResponse)",
                        content = {@OpenApiContent(from = BatchResponse.class),
                            @OpenApiContent(from = StoredBatchResponse.class)}),
                @OpenApiResponse(status = "400", description = "The body is not JSON", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "413", description = "Body too large", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Features refused, the batch is empty or too large, "
                        + "an id is blank or repeated, or both `students` and `student_ids` are given",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The model, the log or the feature store is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void predictBatch(Context ctx) {
        BatchRequest request = bodies.read(ctx, BatchRequest.class);
        if (request.student_ids() != null) {
            predictStoredBatch(ctx, request);
            return;
        }
        if (request.students() == null) {
            throw new HttpProblem.Rejected("body", List.of(Violation.of("students", null, Kind.MISSING,
                    "students: is required but missing")));
        }
        List<PredictBatch.Student> students = new ArrayList<>(request.students().size());
        for (PredictRequest s : request.students()) {
            students.add(s == null ? null : new PredictBatch.Student(s.student_id(), s.features()));
        }
        BatchPrediction batch = predictBatch.execute(ModelQuery.of(ctx),
                new PredictBatch.Command(Authentication.actor(ctx).username(), students));
        List<PredictionResponse> answers = new ArrayList<>(batch.predictions().size());
        int ones = 0;
        for (Prediction p : batch.predictions()) {
            ones += p.predictedClass();
            answers.add(PredictionResponse.of(p));
        }
        metrics.predictions(1, ones);
        metrics.predictions(0, answers.size() - ones);
        ctx.json(new BatchResponse(answers.size(), answers, batch.timestamp().toString(), batch.batchId()));
    }

    private void predictStoredBatch(Context ctx, BatchRequest request) {
        if (request.students() != null) {
            throw new HttpProblem.Rejected("body", List.of(Violation.of("student_ids", null, Kind.INVALID,
                    "student_ids: give either students (with features) or student_ids, not both")));
        }
        PredictStoredStudents.Result result = predictStoredStudents.execute(ModelQuery.of(ctx),
                Authentication.actor(ctx).username(), request.student_ids());
        List<PredictionResponse> answers = new ArrayList<>();
        if (result.batch() != null) {
            for (Prediction p : result.batch().predictions()) {
                metrics.prediction(p.predictedClass());
                answers.add(PredictionResponse.of(p));
            }
        }
        List<BatchMiss> errors = result.misses().stream().map(m -> new BatchMiss(m.studentId(), m.reason())).toList();
        ctx.json(new StoredBatchResponse(answers.size(), answers,
                result.batch() == null ? null : result.batch().timestamp().toString(),
                result.batch() == null ? null : result.batch().batchId(), errors));
    }

    @OpenApi(path = "/students/{student_id}/prediction", methods = HttpMethod.POST, tags = "predictions",
            operationId = "predictStoredStudent",
            summary = "Predict a student from the online feature store",
            description = "Scores the features the feature store holds for the student (see /monitor/features).",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            pathParams = @OpenApiParam(name = "student_id", required = true, example = "RA-1024",
                    description = "The student's id in the feature store"),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = PredictionResponse.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No features stored for the student",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "The stored features do not pass the model's rules",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The feature store, the model or the log is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void predictStored(Context ctx) {
        Prediction prediction = predictStoredStudent.execute(ModelQuery.of(ctx), Authentication.actor(ctx).username(),
                ctx.pathParam("student_id"));
        metrics.prediction(prediction.predictedClass());
        ctx.json(PredictionResponse.of(prediction));
    }

    @OpenApi(path = "/features/process", methods = HttpMethod.POST, tags = "model", operationId = "processFeatures",
            summary = "Show how features become the model's input",
            description = "Validates one student's raw features and returns them normalized and as the model's "
                    + "input vector, without predicting or logging.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ProcessRequest.class)),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = ProcessResponse.class)),
                @OpenApiResponse(status = "400", description = "The body is not JSON", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Features refused", content = @OpenApiContent(from = ValidationErrorBody.class))})
    void process(Context ctx) {
        ProcessRequest request = bodies.read(ctx, ProcessRequest.class);
        ProcessedFeatures processed = processFeatures.execute(ModelQuery.of(ctx), request.features());
        ctx.json(new ProcessResponse(FeatureValues.asSent(processed.raw().values()), finiteOrNull(processed.normalized()),
                processed.inputNames(), finiteOrNull(processed.modelInput())));
    }

    /** JSON has no NaN: a value the model imputes later (NaN here) is shown as null. */
    private static Map<String, Double> finiteOrNull(Map<String, Double> values) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value != null && Double.isFinite(value) ? value : null));
        return out;
    }

    private static List<Double> finiteOrNull(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        values.forEach(value -> out.add(value != null && Double.isFinite(value) ? value : null));
        return out;
    }
}
