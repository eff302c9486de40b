package dev.tabletalk.httpjavalin;

/** Establishes who is calling from a request, or says why not. Implementations are thread-safe. */
interface Authenticator {

    String CONTEXT_HEADER = "X-User-Context";

    AuthOutcome authenticate(RequestFacts request);

    /**
     * Whether the identity covers the body (a signature over it), so the body must be read first; otherwise the
     * identity is checked before a byte of the body is read, and a bad one never makes the server wait for it.
     */
    default boolean needsBody() {
        return false;
    }
}
