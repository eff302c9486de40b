package dev.tabletalk.securitytests;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JWTs and HMAC signatures made by hand, so that forged ones are exactly what the catalogue describes. */
final class Tokens {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "db-agent";
    static final String KID = "idp-key-1";

    private Tokens() {}

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a JWKS file with the public key of {@code keys} under {@link #KID}. */
    static Path jwksFile(KeyPair keys) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KID + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(key.getModulus())) + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\"}]}";
        Path file = Files.createTempFile("tt-sec-jwks", ".json");
        Files.writeString(file, jwks);
        file.toFile().deleteOnExit();
        return file;
    }

    static String claims(String userId, String role, String companyJson, long exp) {
        return "{\"sub\":\"" + userId + "\",\"user_id\":\"" + userId + "\",\"user_role\":\"" + role
                + "\",\"company_id\":" + companyJson + ",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"exp\":" + exp + "}";
    }

    static long inOneHour() {
        return System.currentTimeMillis() / 1000 + 3600;
    }

    static String rs256(KeyPair keys, String kid, String claims) {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(byte[] key, String header, String claims) {
        String signingInput = b64(header) + "." + b64(claims);
        return signingInput + "." + b64(hmac(key.length == 0 ? new byte[] {0} : key, signingInput));
    }

    static String unsigned(String header, String claims) {
        return b64(header) + "." + b64(claims) + ".";
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The catalogue's HMAC header signature. */
    static String hmacSignature(
            String secret, long ts, String nonce, String method, String path, String body, String context) {
        try {
            String bodyHash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
            String data = ts + "\n" + nonce + "\n" + method + "\n" + path + "\n" + bodyHash + "\n" + context;
            return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
