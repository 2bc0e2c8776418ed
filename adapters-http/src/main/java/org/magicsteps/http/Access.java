package org.magicsteps.http;

import io.javalin.security.RouteRole;

/** Who may call a route. */
enum Access implements RouteRole {
    /** Anybody. */
    PUBLIC,
    /** Any user with a valid token. */
    USER,
    /** A user with the admin role. */
    ADMIN,
    /** Whoever presents the metrics token (or anybody, when none is configured). */
    METRICS
}
