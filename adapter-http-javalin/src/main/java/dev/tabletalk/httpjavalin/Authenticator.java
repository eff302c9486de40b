package dev.tabletalk.httpjavalin;

/** Establishes who is calling from a request, or says why not. Implementations are thread-safe. */
interface Authenticator {

    String CONTEXT_HEADER = "X-User-Context";

    AuthOutcome authenticate(RequestFacts request);
}
