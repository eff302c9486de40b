package dev.tabletalk.identity;

import static dev.tabletalk.identity.Requests.post;
import static dev.tabletalk.identity.Requests.refused;
import static dev.tabletalk.identity.Requests.verified;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #17: a token accepted a moment ago is found again without its signature checked again, and never more than that. */
class JwtVerifierKeptTokensTest {

    private static final String ISSUER = TestTokens.ISSUER;
    private static final String AUDIENCE = TestTokens.AUDIENCE;
    private static final String SECRET = TestTokens.SECRET;
    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    private final MovingClock clock = new MovingClock(START);
    private RSAKey rsa;
    private JwtVerifier jwt;

    @BeforeEach
    void verifier(@TempDir Path dir) throws JOSEException, IOException {
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(rsa.toPublicJWK()).toString());
        jwt = (JwtVerifier) TestTokens.verifier(jwks, clock);
    }

    @Test
    void aTokenAcceptedAMomentAgoIsAcceptedAgainWithoutItsSignatureCheckedAgain() throws JOSEException {
        String hs256 = hs256(c -> c);
        String rs256 = rs256(c -> c);

        for (int i = 0; i < 3; i++) {
            assertThat(verified(bearer(hs256)).userId()).isEqualTo("u-1001");
            assertThat(verified(bearer(rs256)).tenantId()).contains("101");
            clock.move(Duration.ofSeconds(10));
        }

        assertThat(jwt.tokensParsed()).isEqualTo(2);
    }

    @Test
    @Tag("invariant-7")
    void eachKeptTokenGivesItsOwnCallerNeverAnothers() throws JOSEException {
        String first = hs256(c -> c);
        String second = hs256(c -> c.claim("user_id", "u-2002").claim("company_id", 202L));

        for (int i = 0; i < 3; i++) {
            assertThat(verified(bearer(first)).userId()).isEqualTo("u-1001");
            assertThat(verified(bearer(first)).tenantId()).contains("101");
            assertThat(verified(bearer(second)).userId()).isEqualTo("u-2002");
            assertThat(verified(bearer(second)).tenantId()).contains("202");
        }
        assertThat(jwt.tokensParsed()).isEqualTo(2);
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() throws JOSEException {
        String expiring = hs256(c -> c.expirationTime(Date.from(START.plusSeconds(10))));
        assertThat(verified(bearer(expiring)).userId()).isEqualTo("u-1001");

        // the expiry and the 30 s of clock skew, both within the minute a token is kept
        clock.move(Duration.ofSeconds(10 + 29));
        assertThat(verified(bearer(expiring)).userId())
                .as("within the clock skew")
                .isEqualTo("u-1001");
        clock.move(Duration.ofSeconds(2));
        assertThat(refused(bearer(expiring)).reason()).isEqualTo("token_expired");
        assertThat(jwt.tokensParsed()).as("found again, refused by its claims").isEqualTo(1);
    }

    @Test
    void aKeptTokenIsVerifiedAgainAfterAMinute() throws JOSEException {
        String token = rs256(c -> c);
        verified(bearer(token));

        clock.move(VerifiedTokens.KEEP.minusSeconds(1));
        verified(bearer(token));
        assertThat(jwt.tokensParsed()).isEqualTo(1);

        clock.move(Duration.ofSeconds(1));
        verified(bearer(token));
        assertThat(jwt.tokensParsed()).as("a minute after it was accepted").isEqualTo(2);
    }

    @Test
    void aTokenWithAnotherSignatureIsVerifiedFromScratchAndRefused() throws JOSEException {
        String token = rs256(c -> c);
        verified(bearer(token));
        char last = token.charAt(token.length() - 2);
        String tampered =
                token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(refused(bearer(tampered)).reason()).isEqualTo("invalid_token");
        assertThat(refused(bearer(token + "x")).reason()).isEqualTo("invalid_token");
        assertThat(jwt.tokensParsed()).isEqualTo(3);
    }

    @Test
    void refusedTokensAreNeverKept() throws JOSEException {
        String forged = token(JWSAlgorithm.HS256, new MACSigner("another-secret-of-more-than-32-bytes!!"), c -> c);
        String otherAudience = hs256(c -> c.audience("other-service"));
        String noTenantOfTheRightType = hs256(c -> c.claim("company_id", "101"));

        for (int i = 0; i < 2; i++) {
            assertThat(refused(bearer(forged)).reason()).isEqualTo("invalid_token");
            assertThat(refused(bearer(otherAudience)).reason()).isEqualTo("invalid_audience");
            assertThat(refused(bearer(noTenantOfTheRightType)).reason()).isEqualTo("type_error");
        }
        assertThat(jwt.tokensParsed()).isEqualTo(6);
        assertThat(jwt.verifiedTokens().size()).isZero();
    }

    @Test
    void pastTheLimitEveryKeptTokenIsForgotten() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).build();
        Verification caller = bearer(hs256(c -> c));
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS; i++) {
            tokens.keep("token-" + i, claims, caller, START);
        }
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_TOKENS);
        assertThat(tokens.find("token-0", START)).isPresent();

        tokens.keep("one-more", claims, caller, START);

        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.find("token-0", START)).isEmpty();
        assertThat(tokens.find("one-more", START.plus(VerifiedTokens.KEEP).minusNanos(1)))
                .isPresent();
        assertThat(tokens.find("one-more", START.plus(VerifiedTokens.KEEP))).isEmpty();
    }

    private Verification bearer(String token) {
        return jwt.verify(post("", "Authorization", "Bearer " + token));
    }

    private static String token(
            JWSAlgorithm algorithm, com.nimbusds.jose.JWSSigner signer, UnaryOperator<JWTClaimsSet.Builder> change)
            throws JOSEException {
        return TestTokens.token(algorithm, signer, START.plusSeconds(3600), change);
    }

    private static String hs256(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return token(JWSAlgorithm.HS256, new MACSigner(SECRET), change);
    }

    private String rs256(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return token(JWSAlgorithm.RS256, new RSASSASigner(rsa), change);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
