package dev.tabletalk.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tabletalk.core.error.ConfigurationException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link AuthMode#JWT}: {@code Authorization: Bearer <JWT>}, verified with nimbus-jose-jwt. The algorithm is
 * pinned to the key type: HS256 only with the configured secret, RS256 only with RSA keys and ES256 only with
 * P-256 keys of the configured JWKS; {@code none} and every other algorithm are refused, so a public RSA key can
 * never serve as an HMAC secret. A {@code kid} only selects among the configured keys. {@code exp}, {@code iss}
 * and {@code aud} are required; {@code exp} and {@code nbf} allow the configured clock skew. A token accepted in
 * the last minute is found again without its signature checked again ({@link VerifiedTokens}); its time claims are
 * checked on every request.
 */
final class JwtVerifier implements IdentityVerifier {

    private static final String AUTHORIZATION = IdentityHeaders.AUTHORIZATION;
    private static final int MAX_TOKEN_CHARS = 8192;

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Clock clock;
    /** #17: tokens accepted lately, found again without their signature checked again. */
    private final VerifiedTokens verified = new VerifiedTokens();

    private final AtomicLong tokensParsed = new AtomicLong();

    JwtVerifier(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        SecretKey secret = settings.hs256Secret()
                .map(s -> (SecretKey) new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .orElse(null);
        JWKSource<SecurityContext> keys = keySource(settings);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new PinnedKeySelector(secret, keys));
        // the claims are checked below, with reasons of our own
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    private static JWKSource<SecurityContext> keySource(JwtSettings settings) {
        if (settings.jwksFile().isPresent()) {
            try {
                return new ImmutableJWKSet<>(
                        JWKSet.load(settings.jwksFile().get().toFile()));
            } catch (IOException | ParseException e) {
                throw new ConfigurationException(
                        "the JWKS file " + settings.jwksFile().get() + " cannot be read as a JSON Web Key Set", e);
            }
        }
        if (settings.jwksUrl().isPresent()) {
            try {
                return JWKSourceBuilder.<SecurityContext>create(
                                settings.jwksUrl().get().toURL())
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new ConfigurationException("the JWKS URL is not a valid URL", e);
            }
        }
        return null;
    }

    @Override
    public Verification verify(IdentityRequest request) {
        IdentityRequest.HeaderValue header = request.header(AUTHORIZATION);
        if (header.repeated()) {
            return Verification.refused(header.repeatedFailure(AUTHORIZATION));
        }
        if (header.value().isEmpty()) {
            return Verification.refused(
                    unauthenticated("missing_credentials", "Send a bearer token: Authorization: Bearer <JWT>."));
        }
        String value = header.value().get();
        if (value.length() < 7
                || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Verification.refused(
                    unauthenticated("invalid_token", "The Authorization header must be 'Bearer' followed by a JWT."));
        }
        String token = value.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Verification.refused(invalidToken());
        }
        Instant now = clock.instant();
        Optional<VerifiedTokens.Accepted> kept = verified.find(token, now);
        if (kept.isPresent()) {
            // the same token, accepted a moment ago: its signature holds, its time claims are checked again
            Verification registered = checkRegisteredClaims(kept.get().claims(), now);
            return registered != null ? registered : kept.get().caller();
        }
        JWTClaimsSet claims;
        try {
            tokensParsed.incrementAndGet();
            claims = processor.process(SignedJWT.parse(token), null);
        } catch (KeySourceException e) {
            return Verification.refused(IdentityFailure.of(
                            IdentityFailure.Kind.PROVIDER_UNAVAILABLE,
                            "identity_provider_unavailable",
                            "The keys to verify tokens cannot be loaded right now; try again shortly.")
                    .retryAfter(5));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return Verification.refused(invalidToken());
        }
        Verification registered = checkRegisteredClaims(claims, now);
        if (registered != null) {
            return registered;
        }
        Verification caller = IdentityClaims.fromJwtClaims(claims.getClaims());
        if (caller instanceof Verification.Verified) {
            verified.keep(token, claims, caller, now);
        }
        return caller;
    }

    /** How many tokens were parsed and their signatures checked (for tests). */
    long tokensParsed() {
        return tokensParsed.get();
    }

    /** The accepted tokens kept (for tests). */
    VerifiedTokens verifiedTokens() {
        return verified;
    }

    private Verification checkRegisteredClaims(JWTClaimsSet claims, Instant now) {
        Duration skew = settings.clockSkew();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return missing("exp");
        }
        if (expiry.toInstant().plus(skew).isBefore(now)) {
            return Verification.refused(unauthenticated("token_expired", "The token has expired; get a new one."));
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(skew).isAfter(now)) {
            return Verification.refused(unauthenticated("token_not_yet_valid", "The token is not valid yet."));
        }
        if (claims.getIssuer() == null) {
            return missing("iss");
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            return Verification.refused(unauthenticated("invalid_issuer", "The token was issued by another issuer."));
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.isEmpty()) {
            return missing("aud");
        }
        if (!audience.contains(settings.audience())) {
            return Verification.refused(unauthenticated("invalid_audience", "The token is meant for another service."));
        }
        return null;
    }

    private static Verification missing(String claim) {
        return Verification.refused(
                unauthenticated("missing_claim", "The token has no " + claim + " claim; exp, iss and aud are required.")
                        .with("claim", claim));
    }

    private static IdentityFailure invalidToken() {
        return unauthenticated("invalid_token", "The bearer token is not a valid, correctly signed JWT.");
    }

    private static IdentityFailure unauthenticated(String reason, String detail) {
        return IdentityFailure.unauthenticated(reason, detail);
    }

    /** Chooses keys by the header's algorithm, never by anything else the token says. */
    private static final class PinnedKeySelector implements JWSKeySelector<SecurityContext> {

        private final SecretKey secret;
        private final JWKSource<SecurityContext> keys;

        PinnedKeySelector(SecretKey secret, JWKSource<SecurityContext> keys) {
            this.secret = secret;
            this.keys = keys;
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            JWSAlgorithm algorithm = header.getAlgorithm();
            if (JWSAlgorithm.HS256.equals(algorithm)) {
                return secret == null ? List.of() : List.of(secret);
            }
            if (keys == null) {
                return List.of();
            }
            JWKMatcher.Builder matcher;
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                matcher = new JWKMatcher.Builder().keyType(KeyType.RSA);
            } else if (JWSAlgorithm.ES256.equals(algorithm)) {
                matcher = new JWKMatcher.Builder().keyType(KeyType.EC).curve(Curve.P_256);
            } else {
                return List.of();
            }
            matcher.keyUses(KeyUse.SIGNATURE, null).algorithms(algorithm, null);
            if (header.getKeyID() != null) {
                matcher.keyID(header.getKeyID());
            }
            List<JWK> found = keys.get(new JWKSelector(matcher.build()), context);
            return KeyConverter.toJavaKeys(found).stream()
                    .filter(PublicKey.class::isInstance)
                    .toList();
        }
    }
}
