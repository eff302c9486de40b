package dev.tabletalk.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link AuthMode#HMAC}: the {@code X-User-Context} header signed by a trusted gateway.
 *
 * <p>{@code X-Ctx-Signature = hex(HMAC-SHA256(key[X-Ctx-Key-Id], ts + "\n" + nonce + "\n" + METHOD + "\n" + path
 * + "\n" + hex(SHA-256(body)) + "\n" + X-User-Context))} where {@code ts} is {@code X-Ctx-Timestamp} (unix
 * seconds), {@code nonce} is {@code X-Ctx-Nonce} (8-128 of {@code [A-Za-z0-9_-]}) and {@code path} is the raw
 * request path without the query string. The signature is checked first (in constant time), then the
 * timestamp window, then the nonce (single use, kept for twice the window), then the claims.
 */
final class HmacVerifier implements IdentityVerifier {

    private static final String KEY_ID = IdentityHeaders.KEY_ID;
    private static final String TIMESTAMP = IdentityHeaders.TIMESTAMP;
    private static final String NONCE = IdentityHeaders.NONCE;
    private static final String SIGNATURE = IdentityHeaders.SIGNATURE;
    private static final String CONTEXT_HEADER = IdentityHeaders.CONTEXT;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final HmacSettings settings;
    private final int maxContextHeaderBytes;
    private final ContextHeaderClaims claims;
    private final NonceCache nonces;
    private final Clock clock;

    HmacVerifier(HmacSettings settings, int maxContextHeaderBytes, Clock clock) {
        this.settings = settings;
        this.maxContextHeaderBytes = maxContextHeaderBytes;
        this.claims = new ContextHeaderClaims(maxContextHeaderBytes, "hmac");
        this.clock = clock;
        settings.keys()
                .forEach((id, secret) ->
                        keys.put(id, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        this.nonces = new NonceCache(settings.window().multipliedBy(2), 1_000_000);
    }

    @Override
    public boolean needsBody() {
        return true;
    }

    @Override
    public Verification verify(IdentityRequest request) {
        Map<String, String> values = new HashMap<>();
        for (String name : new String[] {KEY_ID, TIMESTAMP, NONCE, SIGNATURE, CONTEXT_HEADER}) {
            IdentityRequest.HeaderValue header = request.header(name);
            if (header.repeated()) {
                return Verification.refused(header.repeatedFailure(name));
            }
            if (header.value().isEmpty()) {
                return Verification.refused(IdentityFailure.unauthenticated(
                        CONTEXT_HEADER.equals(name) ? "missing_context" : "missing_credentials",
                        "Signed requests need the headers " + KEY_ID + ", " + TIMESTAMP + ", " + NONCE + ", "
                                + SIGNATURE + " and " + CONTEXT_HEADER + "."));
            }
            values.put(name, header.value().get());
        }
        String context = values.get(CONTEXT_HEADER);
        if (context.length() > maxContextHeaderBytes) {
            return Verification.refused(IdentityFailure.malformed(
                            "context_too_large",
                            "The X-User-Context header is longer than " + maxContextHeaderBytes + " bytes.")
                    .with("limit", maxContextHeaderBytes));
        }
        String timestamp = values.get(TIMESTAMP);
        String nonce = values.get(NONCE);
        String signature = values.get(SIGNATURE);
        if (!DIGITS.matcher(timestamp).matches()) {
            return Verification.refused(IdentityFailure.malformed(
                    "malformed_timestamp", TIMESTAMP + " must be the time in whole unix seconds."));
        }
        if (!NONCE_FORMAT.matcher(nonce).matches()) {
            return Verification.refused(IdentityFailure.malformed(
                    "malformed_nonce", NONCE + " must be 8 to 128 characters of letters, digits, '-' and '_'."));
        }
        if (!HEX_256.matcher(signature).matches()) {
            return Verification.refused(IdentityFailure.malformed(
                    "malformed_signature", SIGNATURE + " must be 64 hex digits (HMAC-SHA256)."));
        }
        Optional<byte[]> expected = sign(
                values.get(KEY_ID),
                canonical(timestamp, nonce, request.method(), request.path(), request.body(), context));
        byte[] given = HEX.parseHex(signature.toLowerCase(Locale.ROOT));
        // constant time; an unknown key id fails exactly like a wrong signature
        boolean matches = MessageDigest.isEqual(expected.orElse(new byte[32]), given) && expected.isPresent();
        if (!matches) {
            return Verification.refused(IdentityFailure.unauthenticated(
                    "bad_signature",
                    "The request signature does not match; sign the exact method, path, body and context."));
        }
        Instant now = clock.instant();
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > settings.window().getSeconds()) {
            return Verification.refused(IdentityFailure.unauthenticated(
                    "stale_timestamp",
                    "The signed timestamp is more than " + settings.window().getSeconds()
                            + " seconds away from the server's clock."));
        }
        switch (nonces.claim(values.get(KEY_ID) + "\n" + nonce, now)) {
            case REPLAYED:
                return Verification.refused(IdentityFailure.unauthenticated(
                        "replayed_nonce", "This nonce was already used; sign every request with a new nonce."));
            case FULL:
                return Verification.refused(IdentityFailure.of(
                                IdentityFailure.Kind.BUSY,
                                "busy",
                                "Too many signed requests are in flight; try again shortly.")
                        .retryAfter(5));
            case FRESH:
            default:
                break;
        }
        // the signature, timestamp and nonce are checked above on every request; only the claims are remembered
        return claims.verify(context);
    }

    /** The string to sign. */
    static String canonical(String timestamp, String nonce, String method, String path, byte[] body, String context) {
        return timestamp + "\n" + nonce + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + path + "\n"
                + HEX.formatHex(sha256(body)) + "\n" + context;
    }

    private Optional<byte[]> sign(String keyId, String canonical) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Optional.of(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
