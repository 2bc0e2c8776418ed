package org.magicsteps.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.security.RouteRole;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.usecase.AccessDeniedException;

/**
 * Runs before every matched route: checks the bearer token against the route's {@link Access}
 * and leaves the caller in the context for the handler. A token is honoured only while its user
 * exists and is enabled, with the role the user has now (not the one in the token).
 */
final class Authentication {

    private static final String ACTOR = "magicsteps.actor";
    private static final String BEARER = "bearer ";

    private final VerifiedTokens tokens;
    private final ActiveUsers activeUsers;
    private final byte[] metricsToken;

    Authentication(VerifiedTokens tokens, ActiveUsers activeUsers, String metricsToken) {
        this.tokens = tokens;
        this.activeUsers = activeUsers;
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
            return;
        }
        if (roles.contains(Access.METRICS)) {
            checkMetricsToken(ctx);
            return;
        }
        Actor actor = authenticate(ctx);
        if (roles.contains(Access.ADMIN) && !actor.isAdmin()) {
            throw new AccessDeniedException("This route needs the admin role");
        }
        ctx.attribute(ACTOR, actor);
    }

    /** The caller of a route that needs a token; set by {@link #check(Context)}. */
    static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("no authenticated caller: the route is missing its Access role");
        }
        return actor;
    }

    /** The caller, when the route asked for a token; empty on a public route. */
    static Optional<Actor> actorIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ACTOR));
    }

    private Actor authenticate(Context ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            throw new HttpProblem.NotAuthenticated("Not authenticated");
        }
        return tokens.verify(token)
                .flatMap(verified -> activeUsers.find(verified.username()))
                .orElseThrow(() -> new HttpProblem.NotAuthenticated("Could not validate credentials"));
    }

    private void checkMetricsToken(Context ctx) {
        if (metricsToken == null) {
            return;
        }
        String token = bearerToken(ctx);
        if (token == null || !MessageDigest.isEqual(metricsToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpProblem.NotAuthenticated(token == null ? "Not authenticated" : "Could not validate credentials");
        }
    }

    private static String bearerToken(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
