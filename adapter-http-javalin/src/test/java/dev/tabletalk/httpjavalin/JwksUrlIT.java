package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tabletalk.identity.JwtSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** JWT keys from a JWKS URL (served locally), and a 503 with a reason when the URL cannot be read. */
class JwksUrlIT {

    private static final String ISSUER = "https://idp.example.test";

    @Test
    void keysComeFromTheJwksUrlAndAnUnreachableUrlIs503NotAnIdentity() throws IOException, JOSEException {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("url-key").generate();
        byte[] jwks = new JWKSet(rsa.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        AtomicInteger fetches = new AtomicInteger();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        idp.start();
        URI url = URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json");
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("url-key").build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience("db-agent")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .claim("user_id", "u-1")
                        .claim("user_role", "viewer")
                        .claim("company_id", 101L)
                        .build());
        jwt.sign(new RSASSASigner(rsa));
        String token = jwt.serialize();

        HttpConfig config = HttpConfig.builder()
                .port(0)
                .jwt(JwtSettings.withJwksUrl(ISSUER, "db-agent", url))
                .build();
        try (PostgresShop shop = new PostgresShop();
                dev.tabletalk.httpjavalin.HttpServer server = dev.tabletalk.httpjavalin.HttpServer.create(
                                shop.tableTalk.conversations(),
                                shop.tableTalk.catalogView(),
                                shop.tableTalk.securityEvents(),
                                config)
                        .start()) {
            HttpTestClient client = new HttpTestClient(server.port());
            HttpTestClient.Response ok = client.get("/schema", "Authorization", "Bearer " + token);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(fetches.get()).isPositive();
        } finally {
            idp.stop(0);
        }

        HttpConfig down = HttpConfig.builder()
                .port(0)
                .jwt(JwtSettings.withJwksUrl(ISSUER, "db-agent", URI.create("http://127.0.0.1:9/jwks.json")))
                .build();
        try (PostgresShop shop = new PostgresShop();
                dev.tabletalk.httpjavalin.HttpServer server = dev.tabletalk.httpjavalin.HttpServer.create(
                                shop.tableTalk.conversations(),
                                shop.tableTalk.catalogView(),
                                shop.tableTalk.securityEvents(),
                                down)
                        .start()) {
            HttpTestClient client = new HttpTestClient(server.port());
            int before = shop.planner.calls();
            HttpTestClient.Response unavailable =
                    client.post("/chat", chat(null, "show customers"), "Authorization", "Bearer " + token);
            assertProblem(unavailable, 503, "identity_provider_unavailable");
            assertThat(unavailable.header("Retry-After")).isPresent();
            assertThat(shop.planner.calls()).isEqualTo(before);
        }
    }
}
