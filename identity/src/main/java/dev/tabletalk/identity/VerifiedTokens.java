package dev.tabletalk.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens a {@link JwtVerifier} accepted lately, so that a client's next requests with the same token do
 * not pay for parsing it and checking its signature again (#17: an RS256 or ES256 signature costs a request more
 * CPU than the rest of a read turn). Thread-safe.
 *
 * <ul>
 *   <li>Only a token whose signature verified and whose claims gave a caller is kept, never a refused one, and
 *       only for the exact token: keyed by its SHA-256, so no bearer token is kept in memory and a token that
 *       differs in one character is verified from scratch.
 *   <li>The registered claims ({@code exp}, {@code nbf}) are checked against the clock on every request, a kept
 *       token included: an expired token is refused at its expiry as before.
 *   <li>A token is found again for {@link #KEEP} at most, then verified again: a key taken out of the key set stops
 *       being trusted at most that much later than before.
 *   <li>At most {@link #MAX_TOKENS} tokens; past it all are forgotten (a burst of new clients costs their first
 *       verification again, never memory).
 * </ul>
 */
final class VerifiedTokens {

    /** How long an accepted token is found again before its signature is checked again. */
    static final Duration KEEP = Duration.ofMinutes(1);

    /** The most tokens kept (each with its claims and caller: about a kilobyte, estimated, so 10 MB at most). */
    static final int MAX_TOKENS = 10_000;

    /** What a verification found: the token's claims and the caller they gave, accepted until {@code until}. */
    record Accepted(JWTClaimsSet claims, Verification caller, Instant until) {}

    private final ConcurrentHashMap<String, Accepted> accepted = new ConcurrentHashMap<>();

    /** The token's accepted verification if it was accepted less than {@link #KEEP} before {@code now}. */
    Optional<Accepted> find(String token, Instant now) {
        String key = digest(token);
        Accepted found = accepted.get(key);
        if (found == null) {
            return Optional.empty();
        }
        if (!now.isBefore(found.until())) {
            accepted.remove(key, found);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Keeps the token's accepted verification, made at {@code now}. */
    void keep(String token, JWTClaimsSet claims, Verification caller, Instant now) {
        if (accepted.size() >= MAX_TOKENS) {
            accepted.clear();
        }
        accepted.put(digest(token), new Accepted(claims, caller, now.plus(KEEP)));
    }

    /** How many tokens are kept (for tests). */
    int size() {
        return accepted.size();
    }

    /** The token's SHA-256, in hex: what a token is kept by. */
    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
