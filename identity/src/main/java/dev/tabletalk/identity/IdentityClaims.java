package dev.tabletalk.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The claim rules shared by every identity transport, so a dev header, a JWT and an HMAC-signed header
 * are judged alike: {@code user_id} a non-empty string or a JSON integer (the product brief's header
 * {@code {"user_id": 42, "user_role": "admin", "company_id": 10}}; normalised to the text {@code "42"}),
 * {@code user_role} a role name, {@code company_id} a non-negative JSON integer (never a string, a fraction, a
 * boolean or an array: the strict rule of PUB-034/PUB-048, the same for every transport). Booleans, objects,
 * fractions and empty values are refused with {@code type_error} and the claim's name. The tenant comes only
 * from here (invariant 7).
 */
final class IdentityClaims {

    static final String USER_ID = "user_id";
    static final String USER_ROLE = "user_role";
    static final String COMPANY_ID = "company_id";

    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_USER_ID = 128;

    private IdentityClaims() {}

    /**
     * Reads the dev/HMAC context header: size first, then strict base64, then strict JSON ({@link StrictJson}:
     * one object, no duplicate keys), then the claims.
     */
    static Verification fromContextHeader(String header, int maxBytes, String transport) {
        if (header == null || header.isEmpty()) {
            return Verification.refused(IdentityFailure.unauthenticated(
                    "missing_context", "Send the caller's identity in the X-User-Context header."));
        }
        // header values are ISO-8859-1 on the wire: one char is one byte
        if (header.length() > maxBytes) {
            return Verification.refused(IdentityFailure.malformed(
                            "context_too_large", "The X-User-Context header is longer than " + maxBytes + " bytes.")
                    .with("limit", maxBytes));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return malformed("The X-User-Context header is not valid base64.");
        }
        JsonNode node;
        try {
            node = StrictJson.parse(decoded);
        } catch (IOException e) {
            if (StrictJson.isDuplicateKey(e)) {
                return Verification.refused(IdentityFailure.malformed(
                        "duplicate_key", "The X-User-Context JSON repeats a key; each claim must appear once."));
            }
            return malformed("The X-User-Context header does not hold JSON.");
        }
        if (!node.isObject()) {
            return malformed("The X-User-Context JSON must be an object with user_id, user_role and company_id.");
        }
        return fromClaims(
                name -> {
                    JsonNode value = node.get(name);
                    if (value == null) {
                        return Claim.ABSENT;
                    }
                    if (value.isTextual()) {
                        return new Claim(Claim.Kind.STRING, value.textValue());
                    }
                    if (value.isIntegralNumber()) {
                        return new Claim(Claim.Kind.INTEGER, value.bigIntegerValue());
                    }
                    return new Claim(Claim.Kind.OTHER, null);
                },
                transport);
    }

    /** Reads the claims of a verified JWT (nimbus gives Long/Integer for integers, Double for fractions). */
    static Verification fromJwtClaims(Map<String, Object> claims) {
        return fromClaims(
                name -> {
                    if (!claims.containsKey(name)) {
                        return Claim.ABSENT;
                    }
                    Object value = claims.get(name);
                    if (value instanceof String s) {
                        return new Claim(Claim.Kind.STRING, s);
                    }
                    if (value instanceof Long
                            || value instanceof Integer
                            || value instanceof Short
                            || value instanceof Byte) {
                        return new Claim(Claim.Kind.INTEGER, BigInteger.valueOf(((Number) value).longValue()));
                    }
                    if (value instanceof BigInteger big) {
                        return new Claim(Claim.Kind.INTEGER, big);
                    }
                    return new Claim(Claim.Kind.OTHER, null);
                },
                "jwt");
    }

    private static Verification fromClaims(Function<String, Claim> claims, String transport) {
        Claim userId = claims.apply(USER_ID);
        Claim role = claims.apply(USER_ROLE);
        Claim company = claims.apply(COMPANY_ID);
        for (String name : List.of(USER_ID, USER_ROLE, COMPANY_ID)) {
            if (claims.apply(name).kind() == Claim.Kind.ABSENT) {
                return Verification.refused(IdentityFailure.unauthenticated(
                                "missing_claim",
                                "The identity has no " + name + " claim; user_id, user_role and company_id are "
                                        + "all required.")
                        .with("claim", name));
            }
        }
        Optional<String> user = userIdText(userId);
        if (user.isEmpty()) {
            return typeError(
                    USER_ID,
                    "a non-empty string of at most " + MAX_USER_ID + " characters, or an integer "
                            + "(not a boolean, a fraction, an object or a list)");
        }
        if (role.kind() != Claim.Kind.STRING
                || !ROLE.matcher((String) role.value()).matches()) {
            return typeError(USER_ROLE, "a role name such as viewer, editor or admin");
        }
        if (company.kind() != Claim.Kind.INTEGER) {
            return typeError(COMPANY_ID, "a JSON integer (not a string, a fraction or a list)");
        }
        BigInteger tenant = (BigInteger) company.value();
        if (tenant.signum() < 0 || tenant.bitLength() > 63) {
            return typeError(COMPANY_ID, "a non-negative integer that fits in 64 bits");
        }
        return new Verification.Verified(new UserContext(
                user.get(), (String) role.value(), Optional.of(tenant.toString()), Map.of("auth", transport)));
    }

    /** The user id as text: a string as given, an integer (within 64 bits) in its decimal form. */
    private static Optional<String> userIdText(Claim claim) {
        if (claim.kind() == Claim.Kind.INTEGER) {
            BigInteger number = (BigInteger) claim.value();
            return number.bitLength() > 63 ? Optional.empty() : Optional.of(number.toString());
        }
        if (claim.kind() != Claim.Kind.STRING) {
            return Optional.empty();
        }
        String text = (String) claim.value();
        if (text.isBlank() || text.length() > MAX_USER_ID || hasControlCharacters(text)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static boolean hasControlCharacters(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }

    private static Verification malformed(String detail) {
        return Verification.refused(IdentityFailure.malformed("malformed_context", detail));
    }

    private static Verification typeError(String claim, String expected) {
        return Verification.refused(
                IdentityFailure.unauthenticated("type_error", "The " + claim + " claim must be " + expected + ".")
                        .with("claim", claim));
    }

    /** One claim as found: absent, a string, an integer or something else. */
    private record Claim(Kind kind, Object value) {
        static final Claim ABSENT = new Claim(Kind.ABSENT, null);

        enum Kind {
            ABSENT,
            STRING,
            INTEGER,
            OTHER
        }
    }
}
