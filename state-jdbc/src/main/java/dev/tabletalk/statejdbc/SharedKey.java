package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.ConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key every server of one deployment has ({@code sharedState.key}: 32 bytes, base64), which seals what must
 * not lie in the shared store in clear: a connect URL that carries a password. AES-256-GCM from the JDK, a fresh
 * random 96-bit nonce per seal and a 128-bit tag, so a sealed text reveals nothing of the URL and any change to it
 * (or another key) is detected on {@link #open}. Immutable and thread-safe; {@link #toString()} never shows the
 * key.
 */
public final class SharedKey {

    /** The length of a key in bytes. */
    public static final int LENGTH = 32;

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Bound into every seal, so that a sealed text is only ever opened as a connect target. */
    private static final byte[] CONTEXT = "tabletalk sharedState connect target v1".getBytes(StandardCharsets.UTF_8);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SharedKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The key written as base64 (standard or URL-safe alphabet), e.g. the output of {@code openssl rand -base64 32}.
     *
     * @throws ConfigurationException when it is not base64 or not 32 bytes; the message never quotes the value
     */
    public static SharedKey fromBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] bytes;
        String text = base64.strip();
        try {
            bytes = text.contains("-") || text.contains("_")
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "sharedState.key is not base64: give 32 random bytes in base64, e.g. `openssl rand -base64 32`");
        }
        if (bytes.length != LENGTH) {
            throw new ConfigurationException("sharedState.key must be 32 bytes in base64, not " + bytes.length
                    + ": make one with `openssl rand -base64 32` and give the same to every server");
        }
        try {
            return new SharedKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** {@code plain} sealed: {@code v1:} and the base64 of the nonce, the ciphertext and the tag. */
    public String seal(String plain) {
        Objects.requireNonNull(plain, "plain");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
            out.put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The text {@link #seal} sealed.
     *
     * @throws IllegalArgumentException when it was sealed with another key, was changed, or is not a sealed text;
     *     the message never quotes it
     */
    public String open(String sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed text of this version");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed text is base64", null);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed text is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed with another sharedState.key, or changed since", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SharedKey[***]";
    }
}
