package org.magicsteps.http;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;

/**
 * Issues and verifies the HS256 access tokens. Verification accepts only HS256 signed with our
 * key (so {@code alg: none} and every other algorithm fail), and only tokens with our issuer and
 * audience that carry {@code sub}, {@code role}, {@code iat}, {@code exp} and {@code jti} and have
 * not expired (30 s of clock skew allowed).
 */
final class JwtTokens {

    static final int MAX_CLOCK_SKEW_SECONDS = 30;
    private static final String ROLE = "role";

    /** An access token as {@code /token} hands it out. */
    record Issued(String token, long expiresInSeconds) {
    }

    /** What a verified token says; {@code expiresAt} is its {@code exp}. */
    record Verified(String username, Role role, String tokenId, Instant expiresAt) {
    }

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    JwtTokens(TokenSecret secret, String issuer, String audience, Duration lifetime, Clock clock) {
        byte[] key = secret.bytes();
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token secret is not a valid HS256 key", e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", ROLE, "iat", "exp", "jti"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    Issued issue(Actor actor) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(actor.username())
                .claim(ROLE, actor.role().label())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), lifetime.toSeconds());
    }

    /** The token's claims when it is one of ours and still valid; empty otherwise. */
    Optional<Verified> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Date expiry = claims.getExpirationTime();
            return Optional.of(new Verified(claims.getSubject(), Role.fromLabel(claims.getStringClaim(ROLE)),
                    claims.getJWTID(), expiry == null ? null : expiry.toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
