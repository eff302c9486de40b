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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tabletalk.identity.IdentityRequest;
import dev.tabletalk.identity.IdentitySettings;
import dev.tabletalk.identity.IdentityVerifier;
import dev.tabletalk.identity.IdentityVerifiers;
import dev.tabletalk.identity.JwtSettings;
import dev.tabletalk.identity.Verification;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request's bearer token costs to verify (issue #17), per algorithm (HS256, RS256 with a 2048-bit key, ES256),
 * on one thread: the first request with a token (parsed, its signature checked: the cost of every request before
 * the verifier kept accepted tokens) against the next ones with the same token (found again; its time claims
 * checked). Both are measured in the same run, in alternating rounds, as CPU time of this thread.
 *
 * <p>Run with {@code mvn -B -Pbenchmarks -pl benchmarks exec:java@token-verification} after installing the modules;
 * the arguments are the tokens per round and the rounds (2000, 5; the first round is a warm-up, not reported).
 */
public final class TokenVerificationBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerificationBenchmark.class);

    private static final String ISSUER = "https://idp.example.test";
    private static final String AUDIENCE = "tabletalk";
    private static final String SECRET = "a-shared-hs256-secret-of-more-than-32-bytes";

    private TokenVerificationBenchmark() {}

    /** Runs the benchmark; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        Path dir = Files.createTempDirectory("tt-token-bench");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        IdentityVerifier verifier = IdentityVerifiers.create(IdentitySettings.jwt(new JwtSettings(
                ISSUER, AUDIENCE, Optional.of(SECRET), Optional.of(jwks), Optional.empty(), Duration.ofSeconds(30))));
        Map<String, Signing> algorithms = Map.of(
                "HS256", new Signing(JWSAlgorithm.HS256, "hs", new MACSigner(SECRET)),
                "RS256", new Signing(JWSAlgorithm.RS256, "rsa", new RSASSASigner(rsa)),
                "ES256", new Signing(JWSAlgorithm.ES256, "ec", new ECDSASigner(ec)));
        LOG.info(
                "Bearer token verification, one thread, {} tokens a round, {} rounds after a warm-up:", tokens, rounds);
        for (String name : List.of("HS256", "RS256", "ES256")) {
            Signing signing = algorithms.get(name);
            double firstTotal = 0;
            double againTotal = 0;
            for (int round = 0; round <= rounds; round++) {
                List<IdentityRequest> fresh = new ArrayList<>(tokens);
                for (int i = 0; i < tokens; i++) {
                    fresh.add(request(signing.sign()));
                }
                IdentityRequest repeated = request(signing.sign());
                double first = cpuMicrosPerCall(verifier, fresh);
                List<IdentityRequest> same = new ArrayList<>(tokens);
                for (int i = 0; i < tokens; i++) {
                    same.add(repeated);
                }
                double again = cpuMicrosPerCall(verifier, same);
                if (round > 0) {
                    firstTotal += first;
                    againTotal += again;
                }
            }
            LOG.info(String.format(
                    Locale.ROOT,
                    "  %s  first use %7.1f us  again %6.1f us  ratio again/first %.3f",
                    name,
                    firstTotal / rounds,
                    againTotal / rounds,
                    againTotal / firstTotal));
        }
        Files.delete(jwks);
        Files.delete(dir);
    }

    /** The CPU time of this thread per verification of {@code requests}, each of which must be accepted. */
    private static double cpuMicrosPerCall(IdentityVerifier verifier, List<IdentityRequest> requests) {
        var threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (IdentityRequest request : requests) {
            if (!(verifier.verify(request) instanceof Verification.Verified)) {
                throw new IllegalStateException("a token of the benchmark was refused");
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / requests.size();
    }

    private static IdentityRequest request(String token) {
        Map<String, List<String>> headers = Map.of("authorization", List.of("Bearer " + token));
        return new IdentityRequest("POST", "/chat", name -> headers.get(name.toLowerCase(Locale.ROOT)), new byte[0]);
    }

    /** Signs tokens of one algorithm, each with its own id, valid for an hour. */
    private record Signing(JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
        String sign() throws JOSEException {
            SignedJWT token = new SignedJWT(
                    new JWSHeader.Builder(algorithm).keyID(keyId).build(),
                    new JWTClaimsSet.Builder()
                            .issuer(ISSUER)
                            .audience(AUDIENCE)
                            .jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                            .claim("user_id", "u-1")
                            .claim("user_role", "editor")
                            .claim("company_id", 1L)
                            .build());
            token.sign(signer);
            return token.serialize();
        }
    }
}
