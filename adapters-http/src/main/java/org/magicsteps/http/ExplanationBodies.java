package org.magicsteps.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.javalin.http.Context;
import io.javalin.openapi.OpenApiExample;

import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;

/**
 * The {@code explanation} of a prediction on the wire, and the {@code explain} query parameter that
 * asks for it. Without {@code explain=true} nothing here runs and no field is added.
 */
final class ExplanationBodies {

    static final String PARAMETER = "explain";

    /**
     * Why the model gave this probability, in log-odds: {@code base_value} plus every
     * {@code contribution} is {@code ln(p / (1 − p))}.
     *
     * @param method {@code linear} (exact) or {@code kernel_shap} (Shapley values over a background sample)
     */
    record ExplanationBody(
            @OpenApiExample("linear") String method,
            @OpenApiExample("-1.93") double base_value,
            List<ContributionBody> contributions) {

        static ExplanationBody of(Explanation e) {
            return new ExplanationBody(e.method(), e.baseValue(),
                    e.contributions().stream().map(ContributionBody::of).toList());
        }
    }

    /** One feature's share of the log-odds, strongest first, with a sentence in Portuguese. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ContributionBody(
            @OpenApiExample("score_ipv") String feature,
            @OpenApiExample("7.3") Object value,
            @OpenApiExample("-0.42") double contribution,
            @OpenApiExample("IPV 7,3 abaixo do típico (7,8): reduz a chance") String reason) {

        static ContributionBody of(Contribution c) {
            return new ContributionBody(c.feature(), FeatureValues.asSent(c.value()), c.contribution(), c.reason());
        }
    }

    private ExplanationBodies() {
    }

    /**
     * Whether the request asks for explanations: {@code explain=true}; absent or {@code false} is no.
     *
     * @throws HttpProblem.Rejected when the value is neither
     */
    static boolean requested(Context ctx) {
        String value = ctx.queryParam(PARAMETER);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new HttpProblem.Rejected("query", List.of(Violation.of(PARAMETER, value, Kind.INVALID,
                PARAMETER + ": '" + value + "' is not true or false")));
    }

    /** The refusal when the model cannot explain itself, located at the query's {@code explain}. */
    static List<Violation> unavailable(String reason) {
        return List.of(Violation.of(PARAMETER, "true", Kind.INVALID, PARAMETER + ": " + reason));
    }
}
