package dev.tabletalk.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.JwtSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a benchmark's clients say who they are to a TableTalk server: the dev header (the default) or a bearer JWT
 * signed with HS256, RS256 (2048-bit) or ES256 (P-256), one token per tenant signed up front and sent with each of
 * its requests, as a client that keeps its token does. The caller is the same either way: user {@code u-<tenant>},
 * role {@code editor}, tenant {@code <tenant>}.
 */
final class Callers {

    private static final String ISSUER = "https://idp.benchmark.test";
    private static final String AUDIENCE = "tabletalk";
    private static final String SECRET = "a-benchmark-hs256-secret-of-more-than-32-bytes";

    private final String name;
    private final Optional<JwtSettings> jwt;
    private final String[] tokens;

    private Callers(String name, Optional<JwtSettings> jwt, String[] tokens) {
        this.name = name;
        this.jwt = jwt;
        this.tokens = tokens;
    }

    /** {@code dev}, {@code hs256}, {@code rs256} or {@code es256}, for tenants 1 to {@code tenants}. */
    static Callers of(String name, int tenants) throws IOException, JOSEException {
        if (name.equals("dev")) {
            return new Callers(name, Optional.empty(), new String[0]);
        }
        JWSAlgorithm algorithm;
        JWSSigner signer;
        Optional<Path> jwks = Optional.empty();
        switch (name) {
            case "hs256" -> {
                algorithm = JWSAlgorithm.HS256;
                signer = new MACSigner(SECRET);
            }
            case "rs256" -> {
                var key = new RSAKeyGenerator(2048).keyID("k").generate();
                algorithm = JWSAlgorithm.RS256;
                signer = new RSASSASigner(key);
                jwks = Optional.of(jwks(key));
            }
            case "es256" -> {
                ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
                algorithm = JWSAlgorithm.ES256;
                signer = new ECDSASigner(key);
                jwks = Optional.of(jwks(key));
            }
            default -> throw new IllegalArgumentException("the callers are dev, hs256, rs256 or es256, not " + name);
        }
        String[] tokens = new String[tenants + 1];
        for (int tenant = 1; tenant <= tenants; tenant++) {
            SignedJWT token = new SignedJWT(
                    new JWSHeader.Builder(algorithm).keyID("k").build(),
                    new JWTClaimsSet.Builder()
                            .issuer(ISSUER)
                            .audience(AUDIENCE)
                            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(6))))
                            .claim("user_id", "u-" + tenant)
                            .claim("user_role", "editor")
                            .claim("company_id", (long) tenant)
                            .build());
            token.sign(signer);
            tokens[tenant] = token.serialize();
        }
        JwtSettings settings = new JwtSettings(
                ISSUER,
                AUDIENCE,
                algorithm.equals(JWSAlgorithm.HS256) ? Optional.of(SECRET) : Optional.empty(),
                jwks,
                Optional.empty(),
                Duration.ofSeconds(30));
        return new Callers(name, Optional.of(settings), tokens);
    }

    /** A JWKS file of the key's public half, deleted when the JVM exits. */
    private static Path jwks(JWK key) throws IOException {
        Path file = Files.createTempFile("tt-benchmark-jwks", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, new JWKSet(List.of(key.toPublicJWK())).toString());
        return file;
    }

    /** The server's identity settings for these callers. */
    HttpConfig.Builder configure(HttpConfig.Builder builder) {
        return jwt.map(settings -> builder.authMode(AuthMode.JWT).jwt(settings)).orElse(builder);
    }

    /** The header that names a caller of {@code tenant}: its name, then its value. */
    String[] header(long tenant) {
        if (jwt.isEmpty()) {
            return new String[] {"X-User-Context", devContext(tenant)};
        }
        return new String[] {"Authorization", "Bearer " + tokens[(int) tenant]};
    }

    /** The dev header's value for a caller of {@code tenant} (the minimal handler reads it whatever the callers). */
    static String devContext(long tenant) {
        String json = "{\"user_id\":\"u-" + tenant + "\",\"user_role\":\"editor\",\"company_id\":" + tenant + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** What the report calls these callers. */
    String description() {
        return switch (name) {
            case "dev" -> "dev identity header";
            default -> name.toUpperCase(Locale.ROOT) + " bearer tokens (one per tenant, reused)";
        };
    }
}
