package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;

/** Registration, login, and every way a bearer token is refused. */
class AuthenticationTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registeringTwiceAnswers400UserAlreadyExists() {
        assertEquals(201, server.postJson("/register", "{\"username\":\"dup\",\"password\":\"senha123\"}", null).status());
        TestServer.Response again = server.postJson("/register", "{\"username\":\"dup\",\"password\":\"other-pass\"}", null);
        assertEquals(400, again.status());
        assertEquals("User already exists", again.detail());
    }

    @Test
    void weakPasswordAndBadUsernameAreBoth422AtOnce() {
        TestServer.Response r = server.postJson("/register", "{\"username\":\"a b\",\"password\":\"Zq7#xy\"}", null);
        assertEquals(422, r.status(), r.body());
        JsonNode detail = r.json().get("detail");
        assertEquals(2, detail.size(), r.body());
        assertEquals("[\"body\",\"username\"]", detail.get(0).get("loc").toString());
        assertEquals("[\"body\",\"password\"]", detail.get(1).get("loc").toString());
        assertEquals("too_short", detail.get(1).get("type").asText());
        assertFalse(r.body().contains("Zq7#xy"), "the password is never echoed");
    }

    @Test
    void passwordLongerThan128Is422() {
        String longPassword = "x".repeat(129);
        TestServer.Response r = server.postJson("/register",
                "{\"username\":\"longpw\",\"password\":\"" + longPassword + "\"}", null);
        assertEquals(422, r.status());
        assertEquals("too_long", r.json().get("detail").get(0).get("type").asText());
    }

    @Test
    void wrongPasswordIs401WithWwwAuthenticate() {
        server.userToken("carla");
        TestServer.Response r = server.postForm("/token", Map.of("username", "carla", "password", "wrong-pass"));
        assertEquals(401, r.status());
        assertEquals("Bearer", r.header("WWW-Authenticate"));
        assertEquals("Incorrect username or password", r.detail());
        TestServer.Response unknown = server.postForm("/token", Map.of("username", "nobody", "password", "senha123"));
        assertEquals(401, unknown.status());
        assertEquals(r.body(), unknown.body(), "an unknown user gets exactly the same answer");
    }

    @Test
    void tokenWithoutUsernameOrPasswordIs422() {
        TestServer.Response r = server.postForm("/token", Map.of("password", "senha123"));
        assertEquals(422, r.status());
        assertEquals("[\"body\",\"username\"]", r.json().get("detail").get(0).get("loc").toString());
        assertEquals("missing", r.json().get("detail").get(0).get("type").asText());
        TestServer.Response grant = server.postForm("/token",
                Map.of("username", "x", "password", "y", "grant_type", "client_credentials"));
        assertEquals(422, grant.status());
    }

    @Test
    void tokenCarriesTheRequiredClaims() throws Exception {
        String token = server.userToken("dora");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("dora", claims.getSubject());
        assertEquals("user", claims.getStringClaim("role"));
        assertEquals(HttpSettings.DEFAULT_ISSUER, claims.getIssuer());
        assertEquals(HttpSettings.DEFAULT_AUDIENCE, claims.getAudience().get(0));
        assertNotNull(claims.getIssueTime());
        assertNotNull(claims.getJWTID());
        assertEquals(1800, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(JWSAlgorithm.HS256, SignedJWT.parse(token).getHeader().getAlgorithm());
    }

    @Test
    void everyProtectedRouteIs401WithoutAToken() {
        for (Route route : server.server.routes()) {
            if (route.access() != Access.USER && route.access() != Access.ADMIN) {
                continue;
            }
            String path = TestServer.concrete(route.path());
            TestServer.Response r = server.send(server.request(path, null)
                    .method(route.method().name(), java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(401, r.status(), route.method() + " " + path);
            // The Open Inference Protocol's routes say it in that protocol's field, "error".
            assertEquals("Not authenticated", path.startsWith("/v2/") ? r.json().get("error").asText() : r.detail());
            assertEquals("Bearer", r.header("WWW-Authenticate"));
        }
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        server.userToken("eva");
        byte[] ours = TestServer.SECRET.getBytes();
        JWTClaimsSet good = claims("eva", HttpSettings.DEFAULT_ISSUER, HttpSettings.DEFAULT_AUDIENCE,
                Instant.now().plusSeconds(600));
        assertEquals(200, info(sign(good, JWSAlgorithm.HS256, ours)).status(), "the control token works");

        assertEquals(401, info(new PlainJWT(good).serialize()).status(), "alg none");
        assertEquals(401, info(sign(good, JWSAlgorithm.HS512, ours)).status(), "another algorithm");
        assertEquals(401, info(sign(good, JWSAlgorithm.HS256,
                "another-secret-of-sufficient-length-0123456789".getBytes())).status(), "another key");
        assertEquals(401, info(sign(claims("eva", "someone-else", HttpSettings.DEFAULT_AUDIENCE,
                Instant.now().plusSeconds(600)), JWSAlgorithm.HS256, ours)).status(), "wrong issuer");
        assertEquals(401, info(sign(claims("eva", HttpSettings.DEFAULT_ISSUER, "another-api",
                Instant.now().plusSeconds(600)), JWSAlgorithm.HS256, ours)).status(), "wrong audience");
        JWTClaimsSet noJti = new JWTClaimsSet.Builder(good).jwtID(null).build();
        assertEquals(401, info(sign(noJti, JWSAlgorithm.HS256, ours)).status(), "no jti");
        String tampered = sign(good, JWSAlgorithm.HS256, ours);
        String[] parts = tampered.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                good.toString().replace("\"eva\"", "\"adm\"").getBytes());
        assertEquals(401, info(parts[0] + "." + otherPayload + "." + parts[2]).status(), "bad signature");
        assertEquals(401, info("not-a-jwt").status());
    }

    @Test
    void expiredTokensAreRefusedButSmallSkewIsTolerated() throws Exception {
        server.userToken("fabi");
        byte[] ours = TestServer.SECRET.getBytes();
        assertEquals(401, info(sign(claims("fabi", HttpSettings.DEFAULT_ISSUER, HttpSettings.DEFAULT_AUDIENCE,
                Instant.now().minusSeconds(120)), JWSAlgorithm.HS256, ours)).status());
        assertEquals(200, info(sign(claims("fabi", HttpSettings.DEFAULT_ISSUER, HttpSettings.DEFAULT_AUDIENCE,
                Instant.now().minusSeconds(5)), JWSAlgorithm.HS256, ours)).status());
        JwtTokens past = new JwtTokens(TokenSecret.ofText(TestServer.SECRET), HttpSettings.DEFAULT_ISSUER,
                HttpSettings.DEFAULT_AUDIENCE, Duration.ofMinutes(30),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertEquals(401, info(past.issue(new Actor("fabi", Role.USER)).token()).status());
    }

    @Test
    void tokensOfDisabledOrUnknownUsersStopWorking() throws Exception {
        String token = server.userToken("gabi");
        assertEquals(200, info(token).status());
        server.users.replace(server.users.find("gabi").orElseThrow().disable());
        TestServer.Response r = info(token);
        assertEquals(401, r.status());
        assertEquals("Could not validate credentials", r.detail());
        assertEquals(401, server.postForm("/token", Map.of("username", "gabi", "password", "senha123")).status(),
                "a disabled user cannot log in either");

        String ghost = sign(claims("ghost", HttpSettings.DEFAULT_ISSUER, HttpSettings.DEFAULT_AUDIENCE,
                Instant.now().plusSeconds(600)), JWSAlgorithm.HS256, TestServer.SECRET.getBytes());
        assertEquals(401, info(ghost).status(), "a validly signed token of a user who does not exist");
    }

    @Test
    void theRoleComesFromTheStoreNotFromTheToken() throws Exception {
        server.userToken("hugo");
        JWTClaimsSet claimsAdmin = new JWTClaimsSet.Builder(claims("hugo", HttpSettings.DEFAULT_ISSUER,
                HttpSettings.DEFAULT_AUDIENCE, Instant.now().plusSeconds(600))).claim("role", "admin").build();
        String token = sign(claimsAdmin, JWSAlgorithm.HS256, TestServer.SECRET.getBytes());
        TestServer.Response r = server.putJson("/thresholds", "{\"threshold\": 0.3}", token);
        assertEquals(403, r.status(), r.body());
    }

    @Test
    void loginIsRateLimitedPerUsername() {
        try (TestServer limited = new TestServer(s -> s.withLoginLimits(3, 100, Duration.ofMinutes(1)))) {
            limited.userToken("ines");
            for (int i = 0; i < 2; i++) {
                assertEquals(401, limited.postForm("/token", Map.of("username", "ines", "password", "bad-guess")).status());
            }
            TestServer.Response blocked = limited.postForm("/token", Map.of("username", "ines", "password", "senha123"));
            assertEquals(429, blocked.status(), "the right password does not help once the limit is reached");
            long retryAfter = Long.parseLong(blocked.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(blocked.detail().startsWith("Too many login attempts"));
            assertEquals(401, limited.postForm("/token", Map.of("username", "other", "password", "x-x-x-x-x")).status(),
                    "another username is not blocked");
        }
    }

    @Test
    void loginIsRateLimitedPerClientAddress() {
        try (TestServer limited = new TestServer(s -> s.withLoginLimits(100, 4, Duration.ofMinutes(1)))) {
            for (int i = 0; i < 4; i++) {
                assertEquals(401, limited.postForm("/token",
                        Map.of("username", "spray" + i, "password", "guess-guess")).status());
            }
            TestServer.Response blocked = limited.postForm("/token", Map.of("username", "fresh", "password", "guess"));
            assertEquals(429, blocked.status());
            assertNotNull(blocked.header("Retry-After"));
        }
    }

    @Test
    void registrationsCountAgainstTheAddressAllowance() {
        try (TestServer limited = new TestServer(s -> s.withLoginLimits(100, 3, Duration.ofMinutes(1)))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(201, limited.postJson("/register",
                        "{\"username\":\"reg" + i + "\",\"password\":\"senha123\"}", null).status());
            }
            TestServer.Response blocked = limited.postJson("/register",
                    "{\"username\":\"reg9\",\"password\":\"senha123\"}", null);
            assertEquals(429, blocked.status());
            assertTrue(blocked.detail().startsWith("Too many registrations"), blocked.body());
            assertNotNull(blocked.header("Retry-After"));
            assertTrue(limited.users.find("reg9").isEmpty());
        }
    }

    @Test
    void registrationCanBeRestrictedToAdmins() {
        try (TestServer closed = new TestServer(RegistrationPolicy.ADMINS_ONLY)) {
            String body = "{\"username\":\"newbie\",\"password\":\"senha123\"}";
            assertEquals(401, closed.postJson("/register", body, null).status());
            closed.registerUser.executeAsOperator(new org.magicsteps.core.usecase.RegisterUser.Command("plain",
                    "senha123".toCharArray(), null, Role.USER));
            assertEquals(403, closed.postJson("/register", body, closed.token("plain", "senha123")).status());
            String admin = closed.adminToken("root");
            assertEquals(201, closed.postJson("/register", body, admin).status());
            assertEquals(200, closed.postForm("/token", Map.of("username", "newbie", "password", "senha123")).status());
        }
    }

    private static TestServer.Response info(String token) {
        return server.get("/info", token);
    }

    private static JWTClaimsSet claims(String subject, String issuer, String audience, Instant expires) {
        return new JWTClaimsSet.Builder().subject(subject).claim("role", "user").issuer(issuer).audience(audience)
                .issueTime(Date.from(expires.minusSeconds(1800))).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).build();
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm alg, byte[] key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
