package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;

/**
 * Every way of presenting credentials that must not work, against every route that needs a
 * token, over a real socket: each is a 401 with {@code WWW-Authenticate: Bearer} and one of two
 * fixed bodies, so the answer says nothing about why (no oracle for an attacker) and echoes
 * nothing of what was sent. A control case shows each attack differs from a working token in
 * exactly the one respect it names.
 */
class AuthAttacksTest {

    private static final String USER = "vitima";
    private static final byte[] OUR_KEY = TestServer.SECRET.getBytes(StandardCharsets.UTF_8);
    private static final String NOT_AUTHENTICATED = "{\"detail\":\"Not authenticated\"}";
    private static final String NOT_VALID = "{\"detail\":\"Could not validate credentials\"}";

    private static TestServer server;
    private static TestServer rotated;
    private static String rotatedAway;
    private static String disabledUsersToken;
    private static RSAKey rsa;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
        server.userToken(USER);
        disabledUsersToken = server.userToken("desligada");
        server.users.replace(server.users.find("desligada").orElseThrow().disable());
        rsa = new RSAKeyGenerator(2048).keyID("attacker").generate();
        // The same user on a server whose secret was rotated: the token of the old secret is replayed there.
        rotated = new TestServer(s -> s.withTokenSecret(TokenSecret.ofText(
                "the-new-secret-after-rotation-that-is-long-enough-for-hs256")));
        rotated.userToken(USER);
        rotatedAway = server.token(USER, "senha123");
    }

    @AfterAll
    static void stop() {
        server.close();
        rotated.close();
    }

    /** An attack: what the Authorization header says, and which of the two bodies it gets. */
    record Attack(String name, Function<TestServer, String> authorization, String expectedBody, TestServer target) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static JWTClaimsSet.Builder good() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(USER).claim("role", "user").issuer(HttpSettings.DEFAULT_ISSUER)
                .audience(HttpSettings.DEFAULT_AUDIENCE).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).jwtID(UUID.randomUUID().toString());
    }

    private static String hs(JWSAlgorithm alg, byte[] key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ours(JWTClaimsSet claims) {
        return hs(JWSAlgorithm.HS256, OUR_KEY, claims);
    }

    private static String rs256(boolean embedKey) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID());
            if (embedKey) {
                header.jwk(rsa.toPublicJWK());
            }
            SignedJWT jwt = new SignedJWT(header.build(), good().build());
            jwt.sign(new RSASSASigner(rsa));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Our valid token with one of its three parts replaced. */
    private static String swapPart(int part, String replacement) {
        String[] parts = ours(good().build()).split("\\.");
        parts[part] = replacement;
        return String.join(".", parts);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    static Stream<Attack> attacks() {
        Instant now = Instant.now();
        List<Attack> a = new ArrayList<>();
        a.add(new Attack("no Authorization header", s -> null, NOT_AUTHENTICATED, server));
        a.add(new Attack("Basic credentials", s -> "Basic " + Base64.getEncoder().encodeToString(
                (USER + ":senha123").getBytes(StandardCharsets.UTF_8)), NOT_AUTHENTICATED, server));
        a.add(new Attack("Bearer with nothing after it", s -> "Bearer ", NOT_AUTHENTICATED, server));
        a.add(new Attack("the token without the Bearer scheme", s -> ours(good().build()), NOT_AUTHENTICATED, server));
        a.add(new Attack("not a JWT", s -> bearer("not-a-jwt"), NOT_VALID, server));
        a.add(new Attack("4 KB of garbage", s -> bearer("x".repeat(4096)), NOT_VALID, server));
        a.add(new Attack("alg none (unsigned)", s -> bearer(new PlainJWT(good().build()).serialize()), NOT_VALID, server));
        a.add(new Attack("alg none, with our signature kept", s -> bearer(swapPart(0,
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}"))), NOT_VALID, server));
        a.add(new Attack("alg NONE in capitals", s -> bearer(b64("{\"alg\":\"NONE\"}") + "." + b64(good().build()
                .toString()) + "."), NOT_VALID, server));
        a.add(new Attack("HS384 with our secret", s -> bearer(hs(JWSAlgorithm.HS384, OUR_KEY, good().build())),
                NOT_VALID, server));
        a.add(new Attack("HS512 with our secret", s -> bearer(hs(JWSAlgorithm.HS512, OUR_KEY, good().build())),
                NOT_VALID, server));
        a.add(new Attack("the header says HS512, the signature is HS256", s -> bearer(swapPart(0,
                b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}"))), NOT_VALID, server));
        a.add(new Attack("RS256 with the attacker's key", s -> bearer(rs256(false)), NOT_VALID, server));
        a.add(new Attack("RS256 with the attacker's key embedded as jwk", s -> bearer(rs256(true)), NOT_VALID, server));
        a.add(new Attack("HS256 with another secret", s -> bearer(hs(JWSAlgorithm.HS256,
                "another-secret-of-sufficient-length-0123456789".getBytes(StandardCharsets.UTF_8), good().build())),
                NOT_VALID, server));
        a.add(new Attack("a tampered payload (another subject)", s -> bearer(swapPart(1,
                b64(good().subject("chefe").build().toString()))), NOT_VALID, server));
        a.add(new Attack("a tampered payload (role admin)", s -> bearer(swapPart(1,
                b64(good().claim("role", "admin").build().toString()))), NOT_VALID, server));
        a.add(new Attack("no signature", s -> bearer(swapPart(2, "")), NOT_VALID, server));
        a.add(new Attack("encrypted (JWE) instead of signed", s -> bearer(encrypted()), NOT_VALID, server));
        a.add(new Attack("expired 2 minutes ago", s -> bearer(ours(good().issueTime(Date.from(now.minusSeconds(1000)))
                .expirationTime(Date.from(now.minusSeconds(120))).build())), NOT_VALID, server));
        a.add(new Attack("not valid for another 2 minutes", s -> bearer(ours(good()
                .notBeforeTime(Date.from(now.plusSeconds(120))).build())), NOT_VALID, server));
        a.add(new Attack("another issuer", s -> bearer(ours(good().issuer("someone-else").build())), NOT_VALID, server));
        a.add(new Attack("no issuer", s -> bearer(ours(good().issuer(null).build())), NOT_VALID, server));
        a.add(new Attack("another audience", s -> bearer(ours(good().audience("another-api").build())), NOT_VALID,
                server));
        a.add(new Attack("no audience", s -> bearer(ours(good().audience((String) null).build())), NOT_VALID, server));
        a.add(new Attack("no expiry", s -> bearer(ours(good().expirationTime(null).build())), NOT_VALID, server));
        a.add(new Attack("no subject", s -> bearer(ours(good().subject(null).build())), NOT_VALID, server));
        a.add(new Attack("no token id", s -> bearer(ours(good().jwtID(null).build())), NOT_VALID, server));
        a.add(new Attack("a role nobody has", s -> bearer(ours(good().claim("role", "root").build())), NOT_VALID,
                server));
        a.add(new Attack("a disabled user's token", s -> bearer(disabledUsersToken), NOT_VALID, server));
        a.add(new Attack("a deleted or unknown user's token", s -> bearer(ours(good().subject("apagada").build())),
                NOT_VALID, server));
        a.add(new Attack("a token replayed after the secret rotated", s -> bearer(rotatedAway), NOT_VALID, rotated));
        return a.stream();
    }

    private static String encrypted() {
        try {
            EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                    good().build());
            jwt.encrypt(new DirectEncrypter(java.util.Arrays.copyOf(OUR_KEY, 32)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every route that needs a token, with a body it would accept. */
    static List<Route> protectedRoutes() {
        return server.server.routes().stream()
                .filter(r -> r.access() == Access.USER || r.access() == Access.ADMIN).toList();
    }

    private static TestServer.Response call(TestServer target, Route route, String authorization) {
        String path = TestServer.concrete(route.path());
        HttpRequest.Builder request = target.request(path, null).header("Content-Type", "application/json")
                .method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return target.send(request);
    }

    static Stream<Arguments> attacksOnEveryRoute() {
        return attacks().flatMap(attack -> protectedRoutes().stream().map(route -> Arguments.of(attack, route)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacksOnEveryRoute")
    void isRefusedWith401AndLeaksNothing(Attack attack, Route route) {
        String authorization = attack.authorization().apply(attack.target());
        TestServer.Response r = call(attack.target(), route, authorization);
        assertEquals(401, r.status(), r.body());
        assertEquals("Bearer", r.header("WWW-Authenticate"), "no error_description that tells why");
        assertEquals(TestServer.refusal(route.path(), attack.expectedBody()), r.body());
        assertNull(r.header("Set-Cookie"));
        assertFalse(r.headers().keySet().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).contains("token")),
                r.headers().toString());
    }

    @Test
    void theControlTokenOfEachAttackWorks() {
        assertEquals(200, server.get("/info", ours(good().build())).status(), "a token built like the attacks' works");
        assertEquals(200, server.get("/info", server.token(USER, "senha123")).status());
        TestServer.Response lower = server.send(server.request("/info", null)
                .header("Authorization", "bearer " + ours(good().build())).GET());
        assertEquals(200, lower.status(), "the scheme is case-blind, as RFC 6750 says");
        assertEquals(200, rotated.get("/info", rotated.token(USER, "senha123")).status(),
                "the rotated server's own tokens work");
    }

    @Test
    void aTokenInTheQueryStringIsNotAccepted() {
        TestServer.Response r = server.get("/info?access_token=" + ours(good().build()), null);
        assertEquals(401, r.status());
        assertEquals(NOT_AUTHENTICATED, r.body());
    }

    // Authorisation: what a valid user who is not an admin may not do.

    @Test
    void aNonAdminGets403OnEveryAdminRouteAndChangesNothing() {
        try (TestServer closed = new TestServer(RegistrationPolicy.ADMINS_ONLY)) {
            closed.registerUser.executeAsOperator(new org.magicsteps.core.usecase.RegisterUser.Command("comum",
                    "senha123".toCharArray(), null, Role.USER));
            String user = closed.token("comum", "senha123");
            List<Route> adminRoutes = closed.server.routes().stream().filter(r -> r.access() == Access.ADMIN).toList();
            assertTrue(adminRoutes.stream().map(r -> r.method() + " " + r.path()).toList()
                    .containsAll(List.of("PUT /thresholds", "POST /register")), adminRoutes.toString());
            double before = closed.get("/thresholds", user).json().get("threshold").asDouble();
            Map<String, String> bodies = Map.of("/thresholds", "{\"threshold\": 0.2}",
                    "/register", "{\"username\":\"intrusa\",\"password\":\"senha123\"}");
            for (Route route : adminRoutes) {
                TestServer.Response r = closed.send(closed.request(TestServer.concrete(route.path()), user)
                        .header("Content-Type", "application/json")
                        .method(route.method().name(), HttpRequest.BodyPublishers.ofString(
                                bodies.getOrDefault(route.path(), "{}"))));
                assertEquals(403, r.status(), route.path() + ": " + r.body());
                assertTrue(r.message().contains("admin"), r.body());
            }
            assertEquals(before, closed.get("/thresholds", user).json().get("threshold").asDouble());
            assertTrue(closed.users.find("intrusa").isEmpty());
        }
    }

    @Test
    void aNonAdminNeverSeesAnotherUsersLogRecords() {
        try (TestServer logs = new TestServer()) {
            String ana = logs.userToken("ana");
            String bia = logs.userToken("bia");
            String admin = logs.adminToken("chefe");
            predict(logs, ana, "RA-ANA");
            predict(logs, bia, "RA-BIA");
            predict(logs, bia, "RA-BIA-2");

            JsonNode own = logs.get("/monitor/logs", ana).json();
            assertEquals(1, own.size());
            assertEquals("ana", own.get(0).get("user").asText());
            assertEquals(403, logs.get("/monitor/logs?user=bia", ana).status());
            assertEquals(403, logs.get("/monitor/logs?user=BIA", ana).status());
            assertEquals(0, logs.get("/monitor/logs?student_id=RA-BIA", ana).json().size(),
                    "filtering by another user's student finds nothing");
            String adminCursor = logs.get("/monitor/logs?limit=1", admin).header(MonitorRoutes.NEXT_CURSOR);
            for (JsonNode record : logs.get("/monitor/logs?cursor=" + adminCursor, ana).json()) {
                assertEquals("ana", record.get("user").asText(), "an admin's cursor opens nothing more");
            }
            assertEquals(3, logs.get("/monitor/logs", admin).json().size(), "the admin sees all three");
        }
    }

    private static void predict(TestServer target, String token, String studentId) {
        String body = "{\"student_id\":\"" + studentId + "\",\"features\":" + TestModel.studentJson(5) + "}";
        assertEquals(200, target.postJson("/predict", body, token).status());
    }
}
