package dev.tabletalk.identity;

import static dev.tabletalk.identity.Requests.post;
import static dev.tabletalk.identity.Requests.refused;
import static dev.tabletalk.identity.Requests.verified;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.tabletalk.core.user.UserContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

    private static final String ISSUER = TestTokens.ISSUER;
    private static final String AUDIENCE = TestTokens.AUDIENCE;
    private static final String SECRET = TestTokens.SECRET;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static RSAKey rsa;
    private static RSAKey attacker;
    private static IdentityVerifier jwt;

    @BeforeAll
    static void keys(@TempDir Path dir) throws JOSEException, IOException {
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(rsa.toPublicJWK()).toString());
        jwt = TestTokens.verifier(jwks, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder claims() {
        return TestTokens.claims(NOW.plusSeconds(600));
    }

    private static String token(JWSAlgorithm algorithm, JWSSigner signer, UnaryOperator<JWTClaimsSet.Builder> change)
            throws JOSEException {
        return TestTokens.token(algorithm, signer, NOW.plusSeconds(600), change);
    }

    private static String hs256(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return token(JWSAlgorithm.HS256, new MACSigner(SECRET), change);
    }

    private static Verification bearer(String token) {
        return jwt.verify(post("", "Authorization", "Bearer " + token));
    }

    private static String reason(String token) {
        return refused(bearer(token)).reason();
    }

    @Test
    @Tag("invariant-7")
    void hs256AndRs256TokensGiveTheUserAndTenantOfTheirClaims() throws JOSEException {
        assertThat(jwt.needsBody()).isFalse();
        UserContext user = verified(bearer(hs256(c -> c)));
        assertThat(user.userId()).isEqualTo("u-1001");
        assertThat(user.role()).isEqualTo("editor");
        assertThat(user.tenantId()).contains("101");
        assertThat(user.attributes()).containsEntry("auth", "jwt");
        assertThat(verified(bearer(token(JWSAlgorithm.RS256, new RSASSASigner(rsa), c -> c)))
                        .tenantId())
                .contains("101");
    }

    @Test
    void forgedAndUnsignedTokensAreRefused() throws JOSEException {
        assertThat(reason(token(JWSAlgorithm.RS256, new RSASSASigner(attacker), c -> c)))
                .isEqualTo("invalid_token");
        assertThat(reason(token(JWSAlgorithm.HS256, new MACSigner("another-secret-of-more-than-32-bytes!!"), c -> c)))
                .isEqualTo("invalid_token");
        // the RSA public key used as an HMAC secret (algorithm confusion) never verifies
        assertThat(reason(token(
                        JWSAlgorithm.HS256, new MACSigner(rsa.toPublicJWK().toJSONString()), c -> c)))
                .isEqualTo("invalid_token");
        assertThat(reason(new PlainJWT(claims().build()).serialize())).isEqualTo("invalid_token");
        assertThat(reason(hs256(c -> c).substring(0, 40))).isEqualTo("invalid_token");
    }

    @Test
    void registeredClaimsAreCheckedWithTheClockSkew() throws JOSEException {
        assertThat(reason(hs256(c -> c.expirationTime(Date.from(NOW.minusSeconds(31))))))
                .isEqualTo("token_expired");
        assertThat(verified(bearer(hs256(c -> c.expirationTime(Date.from(NOW.minusSeconds(29))))))
                        .userId())
                .isEqualTo("u-1001");
        assertThat(reason(hs256(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(31))))))
                .isEqualTo("token_not_yet_valid");
        assertThat(reason(hs256(c -> c.issuer("https://other.example")))).isEqualTo("invalid_issuer");
        assertThat(reason(hs256(c -> c.audience("other-service")))).isEqualTo("invalid_audience");
        IdentityFailure noExpiry = refused(bearer(hs256(c -> c.expirationTime(null))));
        assertThat(noExpiry.reason()).isEqualTo("missing_claim");
        assertThat(noExpiry.facts()).containsEntry("claim", "exp");
        assertThat(reason(hs256(c -> c.claim("company_id", "101")))).isEqualTo("type_error");
    }

    @Test
    void theAuthorizationHeaderMustBeOneBearerToken() throws JOSEException {
        IdentityFailure missing = refused(jwt.verify(post("")));
        assertThat(missing.kind()).isEqualTo(IdentityFailure.Kind.UNAUTHENTICATED);
        assertThat(missing.reason()).isEqualTo("missing_credentials");
        assertThat(refused(jwt.verify(post("", "Authorization", "Basic dTpw"))).reason())
                .isEqualTo("invalid_token");
        String token = hs256(c -> c);
        IdentityFailure twice =
                refused(jwt.verify(post("", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token)));
        assertThat(twice.kind()).isEqualTo(IdentityFailure.Kind.MALFORMED);
        assertThat(twice.reason()).isEqualTo("duplicate_header");
    }
}
