package dev.tabletalk.identity;

/**
 * Establishes who is calling from the credentials of a request, or says why not. Get one from
 * {@link IdentityVerifiers#create(IdentitySettings)}. Implementations are thread-safe.
 */
public interface IdentityVerifier {

    /** The identity of the caller, or the reason it was refused; never throws for bad input. */
    Verification verify(IdentityRequest request);

    /**
     * Whether the identity covers the body (a signature over it), so the body must be read first; otherwise the
     * identity is checked before a byte of the body is read, and a bad one never makes the server wait for it.
     */
    default boolean needsBody() {
        return false;
    }
}
