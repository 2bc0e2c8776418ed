package org.magicsteps.http;

import java.util.List;

import io.javalin.http.Context;
import io.javalin.openapi.OpenApiExample;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * The JSON bodies of error responses; every one has {@code detail}, as FastAPI's do, except on
 * the Open Inference Protocol's routes, whose clients read {@code error}.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** Whether the request went to an Open Inference Protocol route ({@code /v2...}). */
    static boolean isInferenceProtocol(Context ctx) {
        String path = ctx.path();
        return path.equals(InferenceProtocolRoutes.PREFIX) || path.startsWith(InferenceProtocolRoutes.PREFIX + "/");
    }

    /** A refusal in a sentence, in the shape the route's clients read. */
    static Object of(Context ctx, String message) {
        return isInferenceProtocol(ctx) ? new InferenceErrorBody(message) : new ErrorBody(message);
    }

    /** A refusal on an Open Inference Protocol route: {@code {"error": "..."}}. */
    record InferenceErrorBody(@OpenApiExample("no model 'x' is served; the models served are default") String error) {
    }

    /**
     * The {@code type} of a 422 item: the name pydantic gives the rule, which clients of the
     * original service match on. A new rule in the core does not compile until it is named here.
     */
    static String type(Kind kind) {
        return switch (kind) {
            case MISSING -> "missing";
            case NOT_A_NUMBER -> "number_type";
            case NOT_A_WHOLE_NUMBER -> "int_from_float";
            case NOT_TEXT -> "string_type";
            case BELOW_MINIMUM -> "greater_than_equal";
            case ABOVE_MAXIMUM -> "less_than_equal";
            case NOT_ALLOWED -> "enum";
            case UNKNOWN_FIELD -> "extra_forbidden";
            case TOO_SHORT -> "too_short";
            case TOO_LONG -> "too_long";
            case INVALID -> "value_error";
        };
    }

    /** A refusal in a sentence. */
    record ErrorBody(@OpenApiExample("User already exists") String detail) {
    }

    /** A 422: every rule the input broke. */
    record ValidationErrorBody(List<ValidationErrorItem> detail) {
    }

    /**
     * One broken rule, located as FastAPI locates it.
     *
     * @param loc where: {@code body} or {@code query}, then the path inside it
     * @param msg the rule, naming the field and the value
     * @param type the rule's machine-readable name, as pydantic names it ({@link ErrorBodies#type(Kind)})
     */
    record ValidationErrorItem(
            List<Object> loc,
            @OpenApiExample("score_inde: 11.2 is above the maximum 10") String msg,
            @OpenApiExample("less_than_equal") String type) {
    }

    /** A 500: what to quote when reporting it. */
    record InternalErrorBody(
            @OpenApiExample("Internal server error") String detail,
            @OpenApiExample("5f0c6a3e-8d4b-4d7e-9a0e-2b1f7c9d1e23") String correlation_id) {
    }
}
