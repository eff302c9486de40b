package dev.tabletalk.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Signed JWTs for the verifier's tests: user u-1001, editor of tenant 101, from the test issuer to the test audience. */
final class TestTokens {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "db-agent";
    static final String SECRET = "a-shared-hs256-secret-of-more-than-32-bytes";

    private TestTokens() {}

    /** A verifier of the test issuer's tokens: HS256 with the test secret, RS256 and ES256 with the keys of {@code jwks}, 30 s of clock skew. */
    static IdentityVerifier verifier(Path jwks, Clock clock) {
        return IdentityVerifiers.create(
                IdentitySettings.jwt(new JwtSettings(
                        ISSUER,
                        AUDIENCE,
                        Optional.of(SECRET),
                        Optional.of(jwks),
                        Optional.empty(),
                        Duration.ofSeconds(30))),
                clock);
    }

    /** The claims of user u-1001, expiring at {@code expiry}. */
    static JWTClaimsSet.Builder claims(Instant expiry) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expirationTime(Date.from(expiry))
                .claim("user_id", "u-1001")
                .claim("user_role", "editor")
                .claim("company_id", 101L);
    }

    /** A token of key id {@code k1} with the claims of {@link #claims} as {@code change} makes them, signed. */
    static String token(
            JWSAlgorithm algorithm, JWSSigner signer, Instant expiry, UnaryOperator<JWTClaimsSet.Builder> change)
            throws JOSEException {
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(algorithm).keyID("k1").build(),
                change.apply(claims(expiry)).build());
        token.sign(signer);
        return token.serialize();
    }
}
