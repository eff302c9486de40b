package dev.tabletalk.identity;

/** The names of the headers that carry an identity. */
public final class IdentityHeaders {

    /** The caller's claims as {@code base64(JSON)} (dev and HMAC identity). */
    public static final String CONTEXT = "X-User-Context";
    /** {@code Bearer <JWT>} (JWT identity). */
    public static final String AUTHORIZATION = "Authorization";
    /** The id of the HMAC key that signed the request. */
    public static final String KEY_ID = "X-Ctx-Key-Id";
    /** The signed time in unix seconds. */
    public static final String TIMESTAMP = "X-Ctx-Timestamp";
    /** The single-use nonce of a signed request. */
    public static final String NONCE = "X-Ctx-Nonce";
    /** The hex HMAC-SHA256 signature (see {@link HmacSettings}). */
    public static final String SIGNATURE = "X-Ctx-Signature";

    private IdentityHeaders() {}
}
