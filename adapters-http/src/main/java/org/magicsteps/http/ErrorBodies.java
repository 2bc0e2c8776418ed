package org.magicsteps.http;

import java.util.List;

import io.javalin.openapi.OpenApiExample;

/** The JSON bodies of error responses; every one has {@code detail}, as FastAPI's do. */
final class ErrorBodies {

    private ErrorBodies() {
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
     * @param type a stable machine-readable name of the rule
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
