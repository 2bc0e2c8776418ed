package org.magicsteps.http;

import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.Violation;

/**
 * A request the server refuses for a reason of its own (not the core's): no or a bad token, too
 * many login attempts, a body that is not JSON, input rejected before it reaches a use case.
 * {@link ErrorHandling} turns each into its status and a JSON body with {@code detail}.
 */
abstract sealed class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HttpProblem(String detail) {
        super(detail, null, false, false);
    }

    abstract int status();

    Map<String, String> headers() {
        return Map.of();
    }

    /** 401: no token, or a token that is not valid (any more). */
    static final class NotAuthenticated extends HttpProblem {
        private static final long serialVersionUID = 1L;

        NotAuthenticated(String detail) {
            super(detail);
        }

        @Override
        int status() {
            return 401;
        }

        @Override
        Map<String, String> headers() {
            return Map.of("WWW-Authenticate", "Bearer");
        }
    }

    /** 429: too many attempts; the client may retry after {@code retryAfterSeconds}. */
    static final class TooManyAttempts extends HttpProblem {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyAttempts(String what, long retryAfterSeconds) {
            super("Too many " + what + "; retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        int status() {
            return 429;
        }

        @Override
        Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }

    /** 413: the body is larger than the server accepts. */
    static final class TooLarge extends HttpProblem {
        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("Request body too large: the limit is " + maxBytes + " bytes");
        }

        @Override
        int status() {
            return 413;
        }
    }

    /** 415: the body is not of a media type the route reads. */
    static final class UnsupportedMediaType extends HttpProblem {
        private static final long serialVersionUID = 1L;

        UnsupportedMediaType(String detail) {
            super(detail);
        }

        @Override
        int status() {
            return 415;
        }
    }

    /** 400: the body cannot be read at all. */
    static final class MalformedBody extends HttpProblem {
        private static final long serialVersionUID = 1L;

        MalformedBody(String detail) {
            super(detail);
        }

        @Override
        int status() {
            return 400;
        }
    }

    /**
     * 422: input refused, with every violation located under {@code origin} ({@code body},
     * {@code query}, {@code path}) as FastAPI does.
     */
    static final class Rejected extends HttpProblem {
        private static final long serialVersionUID = 1L;
        private final transient String origin;
        private final transient List<Violation> violations;

        Rejected(String origin, List<Violation> violations) {
            super("input rejected");
            this.origin = origin;
            this.violations = List.copyOf(violations);
        }

        String origin() {
            return origin;
        }

        List<Violation> violations() {
            return violations;
        }

        @Override
        int status() {
            return 422;
        }
    }
}
