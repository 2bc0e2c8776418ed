package org.magicsteps.http;

import java.util.List;

import io.javalin.http.Context;

import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;

/** Reads query parameters, adding what is wrong with them to the request's violations. */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The whole number in query parameter {@code name}, or {@code fallback} when it is absent (or
     * when it is not a whole number, which is then added to {@code violations}).
     */
    static int wholeNumber(Context ctx, String name, int fallback, List<Violation> violations) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            violations.add(Violation.of(name, text, Kind.NOT_A_WHOLE_NUMBER,
                    name + ": '" + text + "' is not a whole number"));
            return fallback;
        }
    }
}
