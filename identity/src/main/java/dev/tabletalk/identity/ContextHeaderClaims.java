package dev.tabletalk.identity;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link IdentityClaims#fromContextHeader} with its verified outcomes remembered (#17): the same header value always
 * yields the same claims, so a caller who sends the same {@code X-User-Context} on every request has it decoded and
 * parsed once, not on every request. Only a verified outcome is remembered; a refused header is judged in full every
 * time. At most {@value #CAPACITY} values are held (all are dropped when that many are held), so the memory it takes
 * stays bounded whatever callers send. Thread-safe.
 */
final class ContextHeaderClaims {

    static final int CAPACITY = 4096;

    private final int maxContextHeaderBytes;
    private final String transport;
    private final ConcurrentHashMap<String, Verification.Verified> verified = new ConcurrentHashMap<>();

    ContextHeaderClaims(int maxContextHeaderBytes, String transport) {
        this.maxContextHeaderBytes = maxContextHeaderBytes;
        this.transport = transport;
    }

    /** The outcome of {@link IdentityClaims#fromContextHeader} for this header value. */
    Verification verify(String header) {
        if (header == null) {
            return IdentityClaims.fromContextHeader(null, maxContextHeaderBytes, transport);
        }
        Verification.Verified known = verified.get(header);
        if (known != null) {
            return known;
        }
        Verification outcome = IdentityClaims.fromContextHeader(header, maxContextHeaderBytes, transport);
        if (outcome instanceof Verification.Verified fresh) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(header, fresh);
        }
        return outcome;
    }

    /** How many header values are remembered (for tests). */
    int size() {
        return verified.size();
    }
}
