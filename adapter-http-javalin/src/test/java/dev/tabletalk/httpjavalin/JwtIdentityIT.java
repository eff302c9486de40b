package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JWT identity (attack catalogue JWT cases) against PostgreSQL: RS256/ES256 from a JWKS file and HS256. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtIdentityIT {

    private static final String ISSUER = "https://idp.example.test";
    private static final String AUDIENCE = "db-agent";
    private static final String SECRET = "a-shared-hs256-secret-of-more-than-32-bytes";

    private Path dir;
    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;
    private RSAKey rsa;
    private ECKey ec;
    private RSAKey attacker;

    @BeforeAll
    void start() throws JOSEException, IOException {
        dir = Files.createTempDirectory("tt-http-jwks");
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        shop = new PostgresShop();
        JwtSettings jwt = new JwtSettings(
                ISSUER, AUDIENCE, Optional.of(SECRET), Optional.of(jwks), Optional.empty(), Duration.ofSeconds(30));
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder().port(0).jwt(jwt).build())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() throws IOException {
        server.stop();
        shop.close();
        Files.deleteIfExists(dir.resolve("jwks.json"));
        Files.deleteIfExists(dir);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("u-1001")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("user_id", "u-1001")
                .claim("user_role", "editor")
                .claim("company_id", 101L);
    }

    private static String sign(
            JWSAlgorithm algorithm, String kid, JWSSigner signer, UnaryOperator<JWTClaimsSet.Builder> change)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                change.apply(claims()).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String rs256(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return sign(JWSAlgorithm.RS256, "k1", new RSASSASigner(rsa), change);
    }

    private HttpTestClient.Response chatWith(String token) {
        return client.post("/chat", chat(null, "show customers"), "Authorization", "Bearer " + token);
    }

    private void assertRefused(String token, String reason) {
        int before = shop.planner.calls();
        HttpTestClient.Response response = chatWith(token);
        assertProblem(response, 401, reason);
        assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        assertThat(response.body()).doesNotContain(token);
        assertThat(shop.planner.calls()).isEqualTo(before);
    }

    @Test
    @Tag("invariant-7")
    void correctlySignedRs256Es256AndHs256TokensAreAcceptedAndScopeRowsToTheirTenant() throws JOSEException {
        for (String token : List.of(
                rs256(c -> c),
                sign(JWSAlgorithm.ES256, "e1", new ECDSASigner(ec), c -> c),
                sign(JWSAlgorithm.HS256, null, new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), c -> c))) {
            HttpTestClient.Response response = chatWith(token);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("rows"))
                    .isNotEmpty()
                    .allSatisfy(
                            row -> assertThat(row.path("company_id").asLong()).isEqualTo(101));
        }
    }

    @Test
    void pub040AlgNoneIsRefused() {
        assertRefused(
                "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1LTEwMDEiLCJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoi"
                        + "YWRtaW4iLCJjb21wYW55X2lkIjoyMDIsImlzcyI6Imh0dHBzOi8vaWRwLmV4YW1wbGUudGVzdCIsImF1ZCI6ImRiLWFnZW50Iiwi"
                        + "ZXhwIjo0MTAyNDQ0ODAwfQ.",
                "invalid_token");
    }

    @Test
    void pub041Hs256SignedWithTheRsaPublicKeyIsRefused() throws JOSEException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertRefused(
                sign(
                        JWSAlgorithm.HS256,
                        "k1",
                        new MACSigner(pem.getBytes(StandardCharsets.UTF_8)),
                        c -> c.claim("user_role", "admin").claim("company_id", 202L)),
                "invalid_token");
    }

    @Test
    void pub042AnExpiredTokenIsRefusedButTheClockSkewIsAllowed() throws JOSEException {
        assertRefused(rs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))), "token_expired");
        assertThat(chatWith(rs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10)))))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void pub043ATokenWithoutExpIsRefused() throws JOSEException {
        assertRefused(rs256(c -> c.expirationTime(null)), "missing_claim");
    }

    @Test
    void pub044AWrongOrMissingAudienceIsRefused() throws JOSEException {
        assertRefused(rs256(c -> c.audience("some-other-service")), "invalid_audience");
        assertRefused(rs256(c -> c.audience((String) null)), "missing_claim");
    }

    @Test
    void pub045AnotherIssuerIsRefusedWhateverKeySignedIt() throws JOSEException {
        assertRefused(
                sign(
                        JWSAlgorithm.RS256,
                        "attacker",
                        new RSASSASigner(attacker),
                        c -> c.issuer("https://attacker.example")),
                "invalid_token");
        assertRefused(rs256(c -> c.issuer("https://attacker.example")), "invalid_issuer");
        assertRefused(rs256(c -> c.issuer(null)), "missing_claim");
    }

    @Test
    void pub046AKidThatLooksLikeAPathIsOnlyALookupKey() {
        assertRefused(
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLy4uLy4uLy4uLy4uLy4uL2Rldi9udWxsIn0.eyJzdWIiOiJ1LTEw"
                        + "MDEiLCJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiYWRtaW4iLCJjb21wYW55X2lkIjoyMDIsImlzcyI6Imh0dHBzOi8v"
                        + "aWRwLmV4YW1wbGUudGVzdCIsImF1ZCI6ImRiLWFnZW50IiwiZXhwIjo0MTAyNDQ0ODAwfQ.SgB6KnEnJqGVnUV7A4S3Oo5xyZuXjM3"
                        + "VBXdJUFFfpdY",
                "invalid_token");
    }

    @Test
    void pub047AStrippedSignatureIsRefused() throws JOSEException {
        String token = rs256(c -> c);
        assertRefused(token.substring(0, token.lastIndexOf('.') + 1), "invalid_token");
    }

    @Test
    @Tag("invariant-7")
    void pub048TheClaimRulesAreTheDevHeadersRules() throws JOSEException {
        assertRefused(rs256(c -> c.claim("company_id", null)), "missing_claim");
        assertRefused(rs256(c -> c.claim("company_id", "202")), "type_error");
        assertRefused(rs256(c -> c.claim("company_id", List.of(101, 202))), "type_error");
        assertRefused(rs256(c -> c.claim("user_id", null)), "missing_claim");
    }

    @Test
    void aTamperedPayloadIsRefused() throws JOSEException {
        String[] parts = rs256(c -> c).split("\\.");
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        claims().claim("company_id", 202L).build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + payload + "." + parts[2], "invalid_token");
    }

    @Test
    void missingOrNonBearerCredentialsAreRefused() {
        int before = shop.planner.calls();
        assertProblem(client.post("/chat", chat(null, "show customers")), 401, "missing_credentials");
        assertProblem(
                client.post("/chat", chat(null, "show customers"), "Authorization", "Basic dTpw"),
                401,
                "invalid_token");
        assertProblem(
                client.post("/chat", chat(null, "show customers"), "Authorization", "Bearer not.a.jwt"),
                401,
                "invalid_token");
        // the dev header means nothing in jwt mode (PUB-039)
        assertProblem(
                client.post(
                        "/chat",
                        chat(null, "show customers"),
                        "X-User-Context",
                        "eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MTAxfQ=="),
                401,
                "missing_credentials");
        assertThat(shop.planner.calls()).isEqualTo(before);
    }
}
