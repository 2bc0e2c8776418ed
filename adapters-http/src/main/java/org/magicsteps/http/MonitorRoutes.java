package org.magicsteps.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.usecase.ListStoredStudents;
import org.magicsteps.core.usecase.MonitorDrift;
import org.magicsteps.core.usecase.QueryPredictionLog;

import org.magicsteps.http.DriftBodies.DriftBody;
import org.magicsteps.http.ErrorBodies.ErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;

/**
 * The prediction log ({@code /monitor/logs}), the feature store's keys ({@code /monitor/features}) and
 * the drift of the logged features from the model's training data ({@code /monitor/drift}).
 */
final class MonitorRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRoutes.class);
    static final String NEXT_CURSOR = "X-Next-Cursor";

    /** One logged prediction, with the original service's field names. */
    record LogRecord(
            @OpenApiExample("0f6f1c1e-5d87-4c61-9d8c-7e0f3b0d2a4b") String prediction_id,
            @OpenApiExample("2024-05-01T12:00:00.123Z") String timestamp,
            @OpenApiExample("ana.souza") String user,
            @OpenApiExample("RA-1024") String student_id,
            Map<String, Object> features,
            @OpenApiExample("0.8731") double probability,
            @OpenApiExample("1") int prediction,
            @OpenApiExample("alta") String confidence,
            @OpenApiExample("0.5") double threshold,
            @OpenApiExample("2024.05-mlp") String model_version,
            String batch_id) {

        static LogRecord of(PredictionRecord r) {
            Prediction p = r.prediction();
            return new LogRecord(p.predictionId(), p.timestamp().toString(), r.user(), p.studentId(),
                    FeatureValues.asSent(r.features().values()), p.probability(), p.predictedClass(), p.confidence().label(),
                    p.threshold().value(), p.modelVersion(), r.batchId());
        }
    }

    private final QueryPredictionLog queryLog;
    private final ListStoredStudents listStoredStudents;
    private final MonitorDrift monitorDrift;

    MonitorRoutes(QueryPredictionLog queryLog, ListStoredStudents listStoredStudents, MonitorDrift monitorDrift) {
        this.queryLog = queryLog;
        this.listStoredStudents = listStoredStudents;
        this.monitorDrift = monitorDrift;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/monitor/logs", Access.USER, this::logs),
                Route.get("/monitor/features", Access.USER, this::storedStudents),
                Route.get("/monitor/drift", Access.ADMIN, this::drift));
    }

    @OpenApi(path = "/monitor/drift", methods = HttpMethod.GET, tags = "monitoring", operationId = "drift",
            summary = "Drift of the logged predictions' features from the model's training data",
            description = "Per feature, over the predictions logged in [from, to): the population stability index "
                    + "against the training histogram the model carries (levels: below 0.1 stable, 0.1–0.25 moderate, "
                    + "above 0.25 major), the share of values outside the training range and the share missing, "
                    + "with each bin's training and current share, against the default model or the one `?model=` "
                    + "names. Admins only. The last 24 hours by default.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            queryParams = {
                @OpenApiParam(name = "from", description = "At or after this instant (ISO-8601, or a date); default "
                        + "24 hours before `to`", example = "2024-05-01T00:00:00Z"),
                @OpenApiParam(name = "to", description = "Before this instant (ISO-8601, or a date); default now",
                        example = "2024-05-02")},
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = DriftBody.class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "Not an admin", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "A bad instant or an empty window",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The log is unavailable", content = @OpenApiContent(from = ErrorBody.class))})
    void drift(Context ctx) {
        List<Violation> violations = new ArrayList<>();
        Instant from = instant(ctx, "from", violations);
        Instant to = instant(ctx, "to", violations);
        if (!violations.isEmpty()) {
            throw new HttpProblem.Rejected("query", violations);
        }
        DriftReport report;
        try {
            // ?model= (ModelQuery) picks the served model whose training data is the reference.
            report = monitorDrift.execute(Authentication.actor(ctx), from, to, ModelQuery.of(ctx));
        } catch (ValidationException e) {
            throw new HttpProblem.Rejected("query", e.violations());
        }
        ctx.json(DriftBody.of(report));
    }

    @OpenApi(path = "/monitor/logs", methods = HttpMethod.GET, tags = "monitoring", operationId = "logs",
            summary = "Read the prediction log, newest first",
            description = "An array of records, as the original returned. Admins see every record, anybody else "
                    + "only their own. When more records match, the `X-Next-Cursor` header holds the `cursor` "
                    + "that fetches the next page.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            queryParams = {
                @OpenApiParam(name = "user", description = "Only this user's records (admins)", example = "ana.souza"),
                @OpenApiParam(name = "student_id", description = "Only this student's records", example = "RA-1024"),
                @OpenApiParam(name = "from", description = "At or after this instant (ISO-8601, or a date)",
                        example = "2024-05-01T00:00:00Z"),
                @OpenApiParam(name = "to", description = "Before this instant (ISO-8601, or a date)",
                        example = "2024-06-01"),
                @OpenApiParam(name = "limit", type = Integer.class, description = "1–5000, default 200", example = "200"),
                @OpenApiParam(name = "cursor", description = "The X-Next-Cursor of the previous page")},
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = LogRecord[].class),
                        headers = @OpenApiParam(name = NEXT_CURSOR, description = "Cursor of the next page, when there is one")),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "A non-admin asked for another user's records",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "A filter is not valid",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "503", description = "The log is unavailable", content = @OpenApiContent(from = ErrorBody.class))})
    void logs(Context ctx) {
        LogQuery query = query(ctx);
        LogPage page = queryLog.execute(Authentication.actor(ctx), query);
        if (page.next() != null) {
            ctx.header(NEXT_CURSOR, page.next().encode());
        }
        List<LogRecord> records = new ArrayList<>(page.records().size());
        page.records().forEach(r -> records.add(LogRecord.of(r)));
        ctx.json(records);
    }

    @OpenApi(path = "/monitor/features", methods = HttpMethod.GET, tags = "monitoring", operationId = "storedStudents",
            summary = "List the students in the online feature store",
            description = "Their ids, sorted; an empty list when the store cannot be reached, as the original did.",
            security = @OpenApiSecurity(name = MagicStepsServer.SECURITY_SCHEME),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = String[].class)),
                @OpenApiResponse(status = "401", description = "No valid token", content = @OpenApiContent(from = ErrorBody.class))})
    void storedStudents(Context ctx) {
        List<String> ids;
        try {
            ids = listStoredStudents.execute();
        } catch (PortException e) {
            LOG.warn("[{}] the feature store is unreachable; answering an empty list: {}",
                    ErrorHandling.correlationId(ctx), e.getMessage());
            ids = List.of();
        }
        ctx.json(ids);
    }

    private static LogQuery query(Context ctx) {
        List<Violation> violations = new ArrayList<>();
        int limit = QueryParameters.wholeNumber(ctx, "limit", LogQuery.DEFAULT_LIMIT, violations);
        Instant from = instant(ctx, "from", violations);
        Instant to = instant(ctx, "to", violations);
        LogCursor cursor = null;
        String cursorText = ctx.queryParam("cursor");
        try {
            if (cursorText != null && !cursorText.isBlank()) {
                cursor = LogCursor.decode(cursorText);
            }
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new HttpProblem.Rejected("query", violations);
        }
        try {
            return new LogQuery(blankToNull(ctx.queryParam("user")), blankToNull(ctx.queryParam("student_id")), from, to,
                    limit, cursor);
        } catch (ValidationException e) {
            throw new HttpProblem.Rejected("query", e.violations());
        }
    }

    private static Instant instant(Context ctx, String name, List<Violation> violations) {
        String text = blankToNull(ctx.queryParam(name));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    violations.add(Violation.of(name, text, Kind.INVALID, name + ": '" + text
                            + "' is not an ISO-8601 instant (2024-05-01T12:00:00Z) or date (2024-05-01)"));
                    return null;
                }
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
