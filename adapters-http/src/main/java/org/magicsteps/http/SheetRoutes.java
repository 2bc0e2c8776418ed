package org.magicsteps.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.SheetUploads;
import org.magicsteps.core.usecase.MeasureUploadedDrift;
import org.magicsteps.core.usecase.ScoreSheet;
import org.magicsteps.core.usecase.ScoreUploadedSheet;
import org.magicsteps.core.usecase.ServedModels;

import org.magicsteps.http.DriftBodies.DriftBody;
import org.magicsteps.http.ErrorBodies.ErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;
import org.magicsteps.http.ExplanationBodies.ExplanationBody;
import org.magicsteps.http.PredictionRoutes.WarningBody;

/**
 * {@code POST /sheets/score}: a PEDE sheet (the file's bytes as the body, XLSX or CSV, any year's
 * layout) scored with one of the models served, logged as one batch under the caller, answered
 * with every student (explained on request) and every refused row. What the staff page's table is
 * drawn from. {@code POST /sheets/drift} (admins): the same file compared with the model's
 * training data, feature by feature, nothing scored.
 */
final class SheetRoutes {

    static final String PATH = "/sheets/score";
    static final String DRIFT_PATH = "/sheets/drift";
    /** The routes whose body is a sheet, and so may be as large as {@code MAX_SHEET_BYTES}. */
    static final Set<String> PATHS = Set.of(PATH, DRIFT_PATH);
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The scored sheet. */
    record SheetScoreResponse(
            @OpenApiExample("pede2024.xlsx") String file,
            @OpenApiExample("PEDE 2024") String layout,
            @OpenApiExample("default") String model,
            @OpenApiExample("default-40ee31d632db") String model_version,
            @OpenApiExample("0.457") double threshold,
            @OpenApiExample("0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4b") String batch_id,
            SummaryBody summary,
            List<StudentBody> students,
            List<RejectedBody> rejected) {
    }

    /** How many rows were read, scored, flagged and refused, and why, most frequent reason first. */
    record SummaryBody(
            @OpenApiExample("120") long rows,
            @OpenApiExample("118") long scored,
            @OpenApiExample("5") long flagged,
            @OpenApiExample("2") long rejected,
            List<ReasonBody> rejections,
            List<ReasonBody> warnings) {

        static SummaryBody of(ScoreSheet.SheetScore score) {
            SheetSummary s = score.summary();
            return new SummaryBody(s.read(), score.scored(), s.flagged(), s.rejected(), ReasonBody.of(s.rejections()),
                    ReasonBody.of(s.warnings()));
        }
    }

    /** A reason and how many rows have it. */
    record ReasonBody(
            @OpenApiExample("score_ipv missing") String reason,
            @OpenApiExample("score_ipv") String field,
            @OpenApiExample("2") long rows) {

        static List<ReasonBody> of(List<SheetSummary.ReasonCount> counts) {
            return counts.stream().map(c -> new ReasonBody(c.reason(), c.field(), c.rows())).toList();
        }
    }

    /**
     * A scored student: the prediction as {@code /predict} answers it, with the row's line, phase and
     * class, the features it was scored from, and its warnings also as the one cell
     * {@code magic-steps score} writes ({@code warnings_text}).
     *
     * @param explanation as {@code /predict?explain=true} answers it, when asked with {@code explain=true}; absent otherwise
     */
    record StudentBody(
            @OpenApiExample("2") int line,
            @OpenApiExample("RA-1024") String student_id,
            @OpenApiExample("3") Integer phase,
            @OpenApiExample("b") String class_name,
            @OpenApiExample("0.8731") double probability,
            @OpenApiExample("1") int prediction,
            @OpenApiExample("alta") String confidence,
            @OpenApiExample("0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4b") String prediction_id,
            @OpenApiExample("0.457") double threshold,
            @OpenApiExample("default-40ee31d632db") String model_version,
            List<WarningBody> warnings,
            @OpenApiExample("ano_ingresso=2023 (trained 2016–2022)") String warnings_text,
            Map<String, Object> features,
            @JsonInclude(JsonInclude.Include.NON_NULL) ExplanationBody explanation) {

        static StudentBody of(ScoreUploadedSheet.Row row) {
            RowResult r = row.result();
            Prediction p = r.prediction();
            return new StudentBody(r.line(), r.studentId(), r.phase(), r.className(), p.probability(),
                    p.predictedClass(), p.confidence().label(), p.predictionId(), p.threshold().value(),
                    p.modelVersion(), WarningBody.of(r.warnings()),
                    r.warnings().stream().map(FeatureWarning::shortText).collect(Collectors.joining("; ")),
                    FeatureValues.asSent(row.features().values()),
                    r.explanation() == null ? null : ExplanationBody.of(r.explanation()));
        }
    }

    /** A refused row, with every reason. */
    record RejectedBody(
            @OpenApiExample("7") int line,
            @OpenApiExample("RA-7") String student_id,
            @OpenApiExample("3") Integer phase,
            @OpenApiExample("b") String class_name,
            List<String> reasons) {

        static RejectedBody of(RowResult r) {
            return new RejectedBody(r.line(), r.studentId(), r.phase(), r.className(),
                    r.reasons().stream().map(Violation::message).toList());
        }
    }

    private final ScoreUploadedSheet scoreUploadedSheet;
    private final MeasureUploadedDrift measureUploadedDrift;
    private final ServedModels servedModels;
    private final ServiceMetrics metrics;
    private final long maxBytes;

    SheetRoutes(ScoreUploadedSheet scoreUploadedSheet, MeasureUploadedDrift measureUploadedDrift,
            ServedModels servedModels, ServiceMetrics metrics, long maxBytes) {
        this.scoreUploadedSheet = scoreUploadedSheet;
        this.measureUploadedDrift = measureUploadedDrift;
        this.servedModels = servedModels;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
    }

    List<Route> routes() {
        return List.of(Route.post(PATH, Access.USER, this::score),
                Route.post(DRIFT_PATH, Access.ADMIN, this::drift));
    }

    @OpenApi(path = PATH, methods = HttpMethod.POST, tags = "predictions", operationId = "scoreSheet",
            summary = "Score a PEDE sheet (XLSX or CSV)",
            description = "The body is the file itself (XLSX or CSV, any PEDE year's layout, told apart by its "
                    + "bytes), up to MAX_SHEET_BYTES (5 MiB by default) and MAX_SHEET_ROWS rows (5,000). Every "
                    + "accepted student is scored with the threshold in force and logged, as one batch, under the "
                    + "caller; every refused row is answered with its reasons and not logged. A sheet that cannot "
                    + "be read (another kind of file, required columns missing, damaged) is a 422 at `sheet` that "
                    + "says why.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            queryParams = {
                @OpenApiParam(name = "file", description = "The file's name, for messages and the answer",
                        example = "pede2024.xlsx"),
                @OpenApiParam(name = "impute", type = Boolean.class, description = "true: a missing value of a "
                        + "required feature is scored with the training's stand-in and named in the warnings, "
                        + "instead of refusing the row (as `magic-steps score --impute`)", example = "false"),
                @OpenApiParam(name = ExplanationBodies.PARAMETER, type = Boolean.class, description = "true: each "
                        + "student gets an `explanation`, as `/predict?explain=true` answers it (log-odds: base_value "
                        + "plus the contributions, strongest first, each with a reason in Portuguese); exact and "
                        + "microseconds a student for a linear model, Kernel SHAP and a few milliseconds a student "
                        + "otherwise (about 3 s for 1,000 students with the default model). 422 for another value or "
                        + "a model that cannot explain itself", example = "true")},
            requestBody = @OpenApiRequestBody(required = true, content = {
                @OpenApiContent(mimeType = XLSX, type = "string", format = "binary"),
                @OpenApiContent(mimeType = "text/csv", type = "string", format = "binary")}),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = SheetScoreResponse.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No such model is served", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "413", description = "The sheet is larger than MAX_SHEET_BYTES",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Not a sheet that can be read, too many rows, or a bad parameter",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The model or the log is unavailable",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void score(Context ctx) {
        String model = ModelQuery.of(ctx);
        // Before the upload is read: an unknown model is a 404 at once, not after megabytes of a sheet.
        servedModels.info(model);
        MissingValues missing = impute(ctx);
        boolean explain = ExplanationBodies.requested(ctx);
        String name = fileName(ctx);
        byte[] content = body(ctx);
        // A model that cannot explain itself is a 422 at explain (ErrorHandling), nothing scored.
        ScoreUploadedSheet.ScoredSheet scored = scoreUploadedSheet.execute(new ScoreUploadedSheet.Command(
                Authentication.actor(ctx).username(), model, content, name, missing, explain));
        List<StudentBody> students = new ArrayList<>();
        List<RejectedBody> rejected = new ArrayList<>();
        for (ScoreUploadedSheet.Row row : scored.rows()) {
            if (row.result().isScored()) {
                students.add(StudentBody.of(row));
                metrics.prediction(row.result().prediction().predictedClass());
            } else if (row.result().isRejected()) {
                rejected.add(RejectedBody.of(row.result()));
            }
        }
        ScoreSheet.SheetScore score = scored.score();
        ctx.json(new SheetScoreResponse(name, score.summary().layout(), scored.model(), score.model().version(),
                score.threshold().value(), scored.batchId(), SummaryBody.of(score), students, rejected));
    }

    @OpenApi(path = DRIFT_PATH, methods = HttpMethod.POST, tags = "monitoring", operationId = "sheetDrift",
            summary = "Drift of a PEDE sheet (XLSX or CSV) from the model's training data",
            description = "The body is the file itself, as for `POST /sheets/score` (same formats and MAX_SHEET_BYTES). "
                    + "Per feature, as `GET /monitor/drift` answers over the log and `magic-steps drift --data` on the "
                    + "command line: the population stability index against the training histogram the model carries "
                    + "(below 0.1 stable, 0.1–0.25 moderate, above 0.25 major), the share of values outside the "
                    + "training range, the share missing, and whether the model reads the feature; against the "
                    + "default model or the one `?model=` names. Nothing is scored or logged. Admins only.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            queryParams = @OpenApiParam(name = "file", description = "The file's name, for messages and the answer",
                    example = "pede2024.xlsx"),
            requestBody = @OpenApiRequestBody(required = true, content = {
                @OpenApiContent(mimeType = XLSX, type = "string", format = "binary"),
                @OpenApiContent(mimeType = "text/csv", type = "string", format = "binary")}),
            responses = {
                @OpenApiResponse(status = "200", description = "OK (`from` and `to` are null: a file has no window)",
                        content = @OpenApiContent(from = DriftBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "Not an admin", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "404", description = "No such model is served", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "413", description = "The sheet is larger than MAX_SHEET_BYTES",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Not a sheet that can be read, or none of its rows holds "
                        + "a feature of the model", content = @OpenApiContent(from = ValidationErrorBody.class))})
    void drift(Context ctx) {
        String model = ModelQuery.of(ctx);
        // Before the upload is read, as for the score: an unknown model is a 404 at once.
        servedModels.info(model);
        String name = fileName(ctx);
        byte[] content = body(ctx);
        DriftReport report = measureUploadedDrift.execute(Authentication.actor(ctx),
                new MeasureUploadedDrift.Command(content, name, model));
        ctx.json(DriftBody.of(report));
    }

    private static String fileName(Context ctx) {
        String file = ctx.queryParam("file");
        return file == null || file.isBlank() ? "planilha" : file.strip();
    }

    private static MissingValues impute(Context ctx) {
        String value = ctx.queryParam("impute");
        if (value == null || value.isBlank() || value.equals("false")) {
            return MissingValues.REFUSE;
        }
        if (value.equals("true")) {
            return MissingValues.STAND_IN;
        }
        throw new HttpProblem.Rejected("query", List.of(Violation.of("impute", value, Kind.INVALID,
                "impute: '" + value + "' is neither true nor false")));
    }

    /** The sheet's bytes, refused as too large before reading when the client says it is. */
    private byte[] body(Context ctx) {
        if (ctx.contentLength() > maxBytes) {
            throw new HttpProblem.TooLarge(maxBytes);
        }
        byte[] content;
        try (InputStream in = ctx.bodyInputStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            // The client went away or sent less than it announced: nothing to score.
            throw new HttpProblem.MalformedBody("the upload could not be read to its end: " + e.getMessage());
        }
        if (content.length == 0) {
            throw new HttpProblem.Rejected("body", List.of(Violation.of(SheetUploads.LOCATION, null, Kind.MISSING,
                    SheetUploads.LOCATION + ": the body is empty; send the sheet's file as the body")));
        }
        return content;
    }
}
