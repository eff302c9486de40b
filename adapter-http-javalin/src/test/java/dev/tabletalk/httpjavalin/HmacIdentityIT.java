package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.ChatFlowIT.assertProblem;
import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.identity.HmacSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** HMAC-signed identity (attack catalogue HMAC cases) against PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HmacIdentityIT {

    private static final String KEY_ID = "gateway-1";
    private static final String SECRET = "the-gateway-shared-secret-32-bytes-or-more";

    private PostgresShop shop;
    private HttpServer server;
    private HttpTestClient client;

    @BeforeAll
    void start() {
        shop = new PostgresShop();
        server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder()
                                .port(0)
                                .hmac(HmacSettings.of(KEY_ID, SECRET))
                                .build())
                .start();
        client = new HttpTestClient(server.port());
    }

    @AfterAll
    void stop() {
        server.stop();
        shop.close();
    }

    /** The headers of a signed request, as the gateway would send them. */
    record Signed(String keyId, String timestamp, String nonce, String signature, String context) {
        String[] headers() {
            return new String[] {
                "X-Ctx-Key-Id",
                keyId,
                "X-Ctx-Timestamp",
                timestamp,
                "X-Ctx-Nonce",
                nonce,
                "X-Ctx-Signature",
                signature,
                "X-User-Context",
                context
            };
        }

        Signed withContext(String other) {
            return new Signed(keyId, timestamp, nonce, signature, other);
        }
    }

    static Signed sign(String secret, String method, String path, String body, String context, long timestamp) {
        String nonce = UUID.randomUUID().toString();
        try {
            String bodyHash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
            String canonical =
                    timestamp + "\n" + nonce + "\n" + method + "\n" + path + "\n" + bodyHash + "\n" + context;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            return new Signed(KEY_ID, Long.toString(timestamp), nonce, signature, context);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Signed signChat(String body, String context, long timestamp) {
        return sign(SECRET, "POST", "/chat", body, context, timestamp);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private void assertRefused(String body, Signed signed, int status, String reason) {
        int before = shop.planner.calls();
        HttpTestClient.Response response = client.post("/chat", body, signed.headers());
        assertProblem(response, status, reason);
        assertThat(response.body()).doesNotContain(signed.signature(), signed.context());
        assertThat(shop.planner.calls()).isEqualTo(before);
    }

    @Test
    @Tag("invariant-7")
    void aCorrectlySignedRequestIsAcceptedForChatAndSchema() {
        String body = chat(null, "show customers");
        HttpTestClient.Response response = client.post(
                "/chat",
                body,
                signChat(body, context("u-1001", "editor", 101), now()).headers());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("rows"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.path("company_id").asLong()).isEqualTo(101));

        HttpTestClient.Response schema = client.get(
                "/schema",
                sign(SECRET, "GET", "/schema", "", context("u-1001", "editor", 101), now())
                        .headers());
        assertThat(schema.status()).as(schema.body()).isEqualTo(200);
    }

    @Test
    void pub049AReplayedRequestIsRefused() {
        String body = chat(null, "show products");
        Signed signed = signChat(body, context("u-1001", "editor", 101), now());
        assertThat(client.post("/chat", body, signed.headers()).status()).isEqualTo(200);
        assertRefused(body, signed, 401, "replayed_nonce");
    }

    @Test
    void pub050AStaleOrFutureTimestampIsRefused() {
        String body = chat(null, "show customers");
        assertRefused(body, signChat(body, context("u-1001", "editor", 101), now() - 600), 401, "stale_timestamp");
        assertRefused(body, signChat(body, context("u-1001", "editor", 101), now() + 600), 401, "stale_timestamp");
    }

    @Test
    @Tag("invariant-7")
    void pub051ASwappedContextBreaksTheSignature() {
        String body = chat(null, "show customers");
        Signed signed = signChat(body, context("u-1001", "editor", 101), now());
        assertRefused(
                body,
                signed.withContext("eyJ1c2VyX2lkIjoidS0xMDAxIiwidXNlcl9yb2xlIjoiZWRpdG9yIiwiY29tcGFueV9pZCI6MjAyfQ=="),
                401,
                "bad_signature");
    }

    @Test
    void aChangedBodyPathOrKeyBreaksTheSignature() {
        String body = chat(null, "show customers");
        Signed signed = signChat(body, context("u-1001", "editor", 101), now());
        assertRefused(chat(null, "set the status of customer 5 to blocked"), signed, 401, "bad_signature");
        Signed wrongPath = sign(SECRET, "POST", "/schema", body, context("u-1001", "editor", 101), now());
        assertRefused(body, wrongPath, 401, "bad_signature");
        Signed wrongKey = sign(
                "another-secret-that-is-long-enough-too!!",
                "POST",
                "/chat",
                body,
                context("u-1001", "editor", 101),
                now());
        assertRefused(body, wrongKey, 401, "bad_signature");
        Signed unknownKeyId =
                new Signed("gateway-9", signed.timestamp(), signed.nonce(), signed.signature(), signed.context());
        assertRefused(body, unknownKeyId, 401, "bad_signature");
    }

    @Test
    void malformedOrMissingSignatureHeadersAreRefused() {
        String body = chat(null, "show customers");
        Signed signed = signChat(body, context("u-1001", "editor", 101), now());
        assertRefused(
                body,
                new Signed(KEY_ID, signed.timestamp(), signed.nonce(), "zz", signed.context()),
                400,
                "malformed_signature");
        assertRefused(
                body,
                new Signed(KEY_ID, "yesterday", signed.nonce(), signed.signature(), signed.context()),
                400,
                "malformed_timestamp");
        assertRefused(
                body,
                new Signed(KEY_ID, signed.timestamp(), "n", signed.signature(), signed.context()),
                400,
                "malformed_nonce");
        assertProblem(
                client.post("/chat", body, "X-User-Context", context("u-1001", "editor", 101)),
                401,
                "missing_credentials");
    }

    @Test
    @Tag("invariant-7")
    void aSignedContextFollowsTheSameClaimRules() {
        String body = chat(null, "show customers");
        String stringTenant = context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":\"101\"}");
        assertRefused(body, signChat(body, stringTenant, now()), 401, "type_error");
        String duplicate =
                context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101," + "\"company_id\":202}");
        assertRefused(body, signChat(body, duplicate, now()), 400, "duplicate_key");
    }
}
