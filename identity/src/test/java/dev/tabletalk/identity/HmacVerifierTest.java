package dev.tabletalk.identity;

import static dev.tabletalk.identity.Requests.editorOf101;
import static dev.tabletalk.identity.Requests.post;
import static dev.tabletalk.identity.Requests.refused;
import static dev.tabletalk.identity.Requests.verified;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacVerifierTest {

    private static final String SECRET = "a-gateway-secret-of-at-least-32-bytes";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final IdentityVerifier hmac = IdentityVerifiers.create(
            IdentitySettings.hmac(HmacSettings.of("gw1", SECRET)), Clock.fixed(NOW, ZoneOffset.UTC));

    /** Signs as a gateway would, independently of the verifier's own code. */
    private static String sign(String secret, long ts, String nonce, String body, String context)
            throws GeneralSecurityException {
        String bodyHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String canonical = ts + "\n" + nonce + "\n" + "POST" + "\n" + "/chat" + "\n" + bodyHash + "\n" + context;
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static IdentityRequest signed(
            String keyId, String secret, long ts, String nonce, String signedBody, String sentBody)
            throws GeneralSecurityException {
        String context = editorOf101();
        return post(
                sentBody,
                "X-Ctx-Key-Id",
                keyId,
                "X-Ctx-Timestamp",
                Long.toString(ts),
                "X-Ctx-Nonce",
                nonce,
                "X-Ctx-Signature",
                sign(secret, ts, nonce, signedBody, context),
                "X-User-Context",
                context);
    }

    private String reason(IdentityRequest request) {
        return refused(hmac.verify(request)).reason();
    }

    @Test
    void aCorrectlySignedRequestIsVerifiedOnceAndItsNonceNeverAgain() throws GeneralSecurityException {
        assertThat(hmac.needsBody()).isTrue();
        String body = "{\"message\":\"show customers\"}";
        IdentityRequest request = signed("gw1", SECRET, NOW.getEpochSecond(), "nonce-0001", body, body);
        assertThat(verified(hmac.verify(request)).attributes()).containsEntry("auth", "hmac");
        assertThat(verified(hmac.verify(signed("gw1", SECRET, NOW.getEpochSecond(), "nonce-0002", body, body)))
                        .tenantId())
                .contains("101");
        assertThat(reason(request)).isEqualTo("replayed_nonce");
    }

    @Test
    void forgedTamperedAndStaleRequestsAreRefused() throws GeneralSecurityException {
        long now = NOW.getEpochSecond();
        assertThat(reason(signed("gw1", "another-secret-of-at-least-32-bytes!!", now, "nonce-1001", "{}", "{}")))
                .isEqualTo("bad_signature");
        assertThat(reason(signed("gw9", SECRET, now, "nonce-1002", "{}", "{}"))).isEqualTo("bad_signature");
        assertThat(reason(signed("gw1", SECRET, now, "nonce-1003", "{}", "{\"x\":1}")))
                .isEqualTo("bad_signature");
        assertThat(reason(signed("gw1", SECRET, now - 301, "nonce-1004", "{}", "{}")))
                .isEqualTo("stale_timestamp");
        assertThat(verified(hmac.verify(signed("gw1", SECRET, now - 299, "nonce-1005", "{}", "{}")))
                        .userId())
                .isEqualTo("u-1001");
        IdentityFailure badNonce = refused(hmac.verify(signed("gw1", SECRET, now, "short", "{}", "{}")));
        assertThat(badNonce.kind()).isEqualTo(IdentityFailure.Kind.MALFORMED);
        assertThat(badNonce.reason()).isEqualTo("malformed_nonce");
    }

    @Test
    void everySignedHeaderIsRequired() {
        IdentityFailure missing = refused(hmac.verify(post("{}", "X-User-Context", editorOf101())));
        assertThat(missing.kind()).isEqualTo(IdentityFailure.Kind.UNAUTHENTICATED);
        assertThat(missing.reason()).isEqualTo("missing_credentials");
        assertThat(reason(post(
                        "{}",
                        "X-Ctx-Key-Id",
                        "gw1",
                        "X-Ctx-Timestamp",
                        "1",
                        "X-Ctx-Nonce",
                        "nonce-0001",
                        "X-Ctx-Signature",
                        "0".repeat(64))))
                .isEqualTo("missing_context");
        assertThat(reason(post("{}", "X-Ctx-Key-Id", "gw1", "X-Ctx-Key-Id", "gw2")))
                .isEqualTo("duplicate_header");
    }
}
