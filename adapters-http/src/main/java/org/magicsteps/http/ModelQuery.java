package org.magicsteps.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;

import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;

/**
 * The {@code ?model=NAME} query parameter, which picks one of the models served for a route that
 * would otherwise use the default one. The one place that reads it, and that documents it: a
 * route in {@link #ROUTES} passes {@link #of} to its use case; absent, the default model answers
 * exactly as before.
 */
final class ModelQuery {

    static final String NAME = "model";

    /** The routes that take {@code ?model=}, by path, with their methods as the OpenAPI document spells them. */
    static final Map<String, Set<String>> ROUTES = Map.of(
            "/predict", Set.of("post"),
            "/predict/batch", Set.of("post"),
            "/students/{student_id}/prediction", Set.of("post"),
            "/features", Set.of("get"),
            "/features/process", Set.of("post"),
            "/info", Set.of("get"),
            "/thresholds", Set.of("get", "put"),
            "/monitor/drift", Set.of("get"),
            SheetRoutes.PATH, Set.of("post"));

    private static final String DESCRIPTION = "Which served model answers (see GET /models); the default model "
            + "when absent. An unknown name is a 404 that lists the models served.";

    private ModelQuery() {
    }

    /**
     * The model asked for, or {@code null} for the default.
     *
     * @throws HttpProblem.Rejected when the parameter is blank or given twice
     */
    static String of(Context ctx) {
        List<String> values = ctx.queryParams(NAME);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new HttpProblem.Rejected("query", List.of(Violation.of(NAME, values, Kind.INVALID,
                    NAME + ": give one model, not " + values.size())));
        }
        String value = values.get(0);
        if (value.isBlank()) {
            throw new HttpProblem.Rejected("query", List.of(Violation.of(NAME, value, Kind.INVALID,
                    NAME + ": must name a served model (see GET /models), not be blank")));
        }
        return value;
    }

    /** Adds the parameter, and the 404 for an unknown model, to the document's operations that take it. */
    static ObjectNode document(ObjectNode document) {
        ROUTES.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode operation = document.path("paths").path(path).path(method);
            if (operation instanceof ObjectNode op) {
                ObjectNode parameter = op.withArray("/parameters").addObject();
                parameter.put("name", NAME).put("in", "query").put("required", false).put("description", DESCRIPTION);
                parameter.putObject("schema").put("type", "string").put("example", "early-warning");
                if (!op.path("responses").has("404")) {
                    ObjectNode notFound = op.withObject("/responses").putObject("404");
                    notFound.put("description", "No model of that name is served");
                    notFound.putObject("content").putObject("application/json").putObject("schema")
                            .put("$ref", "#/components/schemas/ErrorBody");
                }
            }
        }));
        return document;
    }
}
