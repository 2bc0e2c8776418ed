package org.magicsteps.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.usecase.AccessDeniedException;
import org.magicsteps.core.usecase.ModelRefusedException;
import org.magicsteps.core.usecase.NotFoundException;
import org.magicsteps.core.usecase.UserAlreadyExistsException;

import org.magicsteps.http.ErrorBodies.InternalErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorItem;

/**
 * Maps every outcome that is not a success to a status and a JSON body with {@code detail} (on
 * the Open Inference Protocol's {@code /v2} routes, with {@code error}, as that protocol says). No
 * body ever carries a stack trace or a driver's message: unexpected failures are logged with a
 * correlation id, and only the id reaches the client.
 */
final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    static void install(Javalin app, long maxRequestBytes) {
        app.exception(HttpProblem.Rejected.class, (e, ctx) -> rejected(ctx, e.origin(), e.violations()));
        app.exception(HttpProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(ErrorBodies.of(ctx, e.getMessage()));
        });
        app.exception(ValidationException.class, (e, ctx) -> rejected(ctx, "body", e.violations()));
        app.exception(AccessDeniedException.class,
                (e, ctx) -> ctx.status(403).json(ErrorBodies.of(ctx, e.getMessage())));
        app.exception(UserAlreadyExistsException.class,
                (e, ctx) -> ctx.status(400).json(ErrorBodies.of(ctx, "User already exists")));
        app.exception(ModelRefusedException.class,
                (e, ctx) -> ctx.status(400).json(ErrorBodies.of(ctx, e.getMessage())));
        app.exception(NotFoundException.class, (e, ctx) -> ctx.status(404).json(ErrorBodies.of(ctx, e.getMessage())));
        app.exception(PortException.class, (e, ctx) -> {
            String id = correlationId(ctx);
            LOG.warn("[{}] {} {}: a backing service failed", id, ctx.method(), ctx.path(), e);
            ctx.status(503).json(ErrorBodies.of(ctx, "A backing service is unavailable; try again shortly "
                    + "(correlation id " + id + ")"));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            // Javalin's own refusals: no such route, wrong method, body too large, bad content type.
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            ctx.status(e.getStatus()).json(ErrorBodies.of(ctx, publicMessage(status, maxRequestBytes, ctx)));
        });
        app.exception(Exception.class, (e, ctx) -> {
            String id = correlationId(ctx);
            LOG.error("[{}] {} {} failed", id, ctx.method(), ctx.path(), e);
            ctx.status(500).json(ErrorBodies.isInferenceProtocol(ctx)
                    ? new ErrorBodies.InferenceErrorBody("Internal server error (correlation id " + id + ")")
                    : new InternalErrorBody("Internal server error", id));
        });
    }

    /** The id of this request in the log: the client's {@code X-Request-Id} if sane, else a new one. */
    static String correlationId(Context ctx) {
        String id = ctx.attribute(MagicStepsServer.REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.attribute(MagicStepsServer.REQUEST_ID, id);
        }
        return id;
    }

    private static void rejected(Context ctx, String origin, List<Violation> violations) {
        if (ErrorBodies.isInferenceProtocol(ctx)) {
            ctx.status(422).json(new ErrorBodies.InferenceErrorBody(
                    String.join("; ", violations.stream().map(Violation::message).toList())));
            return;
        }
        List<ValidationErrorItem> items = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            List<Object> loc = new ArrayList<>(v.location().size() + 1);
            loc.add(origin);
            loc.addAll(v.location());
            items.add(new ValidationErrorItem(loc, v.message(), ErrorBodies.type(v.kind())));
        }
        ctx.status(422).json(new ValidationErrorBody(items));
    }

    private static String publicMessage(HttpStatus status, long maxRequestBytes, Context ctx) {
        return switch (status) {
            case NOT_FOUND -> "Not Found: " + ctx.method() + " " + ctx.path();
            case METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case CONTENT_TOO_LARGE -> "Request body too large: the limit is " + maxRequestBytes + " bytes";
            default -> status == HttpStatus.UNKNOWN ? "Request refused" : status.getMessage();
        };
    }
}
