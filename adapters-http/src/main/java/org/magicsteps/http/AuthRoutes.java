package org.magicsteps.http;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.javalin.http.Context;
import io.javalin.openapi.ContentType;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiContentProperty;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.usecase.AuthenticateUser;
import org.magicsteps.core.usecase.RegisterUser;

import org.magicsteps.http.ErrorBodies.ErrorBody;
import org.magicsteps.http.ErrorBodies.ValidationErrorBody;

/** {@code POST /register} and {@code POST /token} (the OAuth2 password flow, form-encoded). */
final class AuthRoutes {

    /** The body of {@code /register}. */
    record RegisterRequest(
            @OpenApiRequired @OpenApiExample("ana.souza") String username,
            @OpenApiRequired @OpenApiExample("senha123") String password,
            @OpenApiExample("Ana Souza") String full_name) {

        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", password=hidden]";
        }
    }

    /** A one-line confirmation. */
    record MessageResponse(@OpenApiExample("user created") String msg) {
    }

    /** An access token for the {@code Authorization: Bearer} header. */
    record TokenResponse(
            @OpenApiExample("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2ln") String access_token,
            @OpenApiExample("bearer") String token_type,
            @OpenApiExample("1800") long expires_in) {
    }

    private final RegisterUser registerUser;
    private final AuthenticateUser authenticateUser;
    private final JwtTokens tokens;
    private final LoginRateLimiter rateLimiter;
    private final JsonBodies bodies;

    AuthRoutes(RegisterUser registerUser, AuthenticateUser authenticateUser, JwtTokens tokens,
            LoginRateLimiter rateLimiter, JsonBodies bodies) {
        this.registerUser = registerUser;
        this.authenticateUser = authenticateUser;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.bodies = bodies;
    }

    /**
     * {@code /register} is public when the core's registration policy lets anybody register a
     * user; otherwise it asks for an admin's token first, so that a caller without one hears 401
     * (the use case checks the policy again either way).
     */
    List<Route> routes() {
        boolean anybody = registerUser.policy().allows(Optional.empty(), Role.USER);
        return List.of(
                Route.post("/register", anybody ? Access.PUBLIC : Access.ADMIN, this::register),
                Route.post("/token", Access.PUBLIC, this::token));
    }

    @OpenApi(path = "/register", methods = HttpMethod.POST, tags = "auth", operationId = "register",
            summary = "Register a user",
            description = "Creates a user with the `user` role. Open to anybody unless the server runs with "
                    + "REGISTRATION=admin, when it needs an admin's bearer token. Passwords: 8 to 128 characters. "
                    + "Registrations count against the client address's login allowance.",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RegisterRequest.class)),
            responses = {
                @OpenApiResponse(status = "201", description = "Created", content = @OpenApiContent(from = MessageResponse.class)),
                @OpenApiResponse(status = "400", description = "The username is taken, or the body is not JSON",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "401", description = "REGISTRATION=admin and no valid token",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "403", description = "REGISTRATION=admin and the caller is not an admin",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "Bad username, weak password",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "429", description = "Too many registrations or logins from this address",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void register(Context ctx) {
        OptionalLong wait = rateLimiter.tryFromAddress(ctx.ip());
        if (wait.isPresent()) {
            throw new HttpProblem.TooManyAttempts("registrations", wait.getAsLong());
        }
        RegisterRequest request = bodies.read(ctx, RegisterRequest.class);
        registerUser.execute(Authentication.actorIfAny(ctx), new RegisterUser.Command(request.username(),
                request.password() == null ? null : request.password().toCharArray(), request.full_name(), Role.USER));
        ctx.status(201).json(new MessageResponse("user created"));
    }

    @OpenApi(path = "/token", methods = HttpMethod.POST, tags = "auth", operationId = "login",
            summary = "Get an access token (OAuth2 password flow)",
            description = "Form-encoded `username` and `password`, as OAuth2 clients send them. "
                    + "Attempts are limited per username and per client address (429 with Retry-After).",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(
                    mimeType = ContentType.FORM_DATA_URL_ENCODED, properties = {
                        @OpenApiContentProperty(name = "username", type = "string"),
                        @OpenApiContentProperty(name = "password", type = "string"),
                        @OpenApiContentProperty(name = "grant_type", type = "string")})),
            responses = {
                @OpenApiResponse(status = "200", description = "OK", content = @OpenApiContent(from = TokenResponse.class)),
                @OpenApiResponse(status = "401", description = "Wrong username or password",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "422", description = "username or password missing",
                        content = @OpenApiContent(from = ValidationErrorBody.class)),
                @OpenApiResponse(status = "429", description = "Too many attempts; see Retry-After",
                        content = @OpenApiContent(from = ErrorBody.class))})
    void token(Context ctx) {
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        String grantType = ctx.formParam("grant_type");
        List<Violation> violations = new java.util.ArrayList<>();
        if (username == null || username.isEmpty()) {
            violations.add(Violation.of("username", null, Kind.MISSING, "username: is required but missing"));
        }
        if (password == null || password.isEmpty()) {
            violations.add(Violation.of("password", null, Kind.MISSING, "password: is required but missing"));
        }
        if (grantType != null && !grantType.isEmpty() && !grantType.equals("password")) {
            violations.add(Violation.of("grant_type", grantType, Kind.INVALID,
                    "grant_type: '" + grantType + "' is not supported; use 'password'"));
        }
        if (!violations.isEmpty()) {
            throw new HttpProblem.Rejected("body", violations);
        }
        OptionalLong wait = rateLimiter.tryAttempt(ctx.ip(), username);
        if (wait.isPresent()) {
            throw new HttpProblem.TooManyAttempts("login attempts", wait.getAsLong());
        }
        char[] secret = password.toCharArray();
        Actor actor;
        try {
            actor = authenticateUser.execute(username, secret)
                    .orElseThrow(() -> new HttpProblem.NotAuthenticated("Incorrect username or password"));
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
        JwtTokens.Issued issued = tokens.issue(actor);
        ctx.header("Cache-Control", "no-store");
        ctx.json(new TokenResponse(issued.token(), "bearer", issued.expiresInSeconds()));
    }
}
