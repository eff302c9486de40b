package dev.tabletalk.httpjavalin;

/** {@link AuthMode#DEV}: the unsigned {@code X-User-Context} header, for a loopback bind. */
final class DevAuthenticator implements Authenticator {

    private final int maxContextHeaderBytes;

    DevAuthenticator(int maxContextHeaderBytes) {
        this.maxContextHeaderBytes = maxContextHeaderBytes;
    }

    @Override
    public AuthOutcome authenticate(RequestFacts request) {
        RequestFacts.HeaderValue header = request.header(CONTEXT_HEADER);
        if (header.repeated()) {
            return AuthOutcome.failed(header.repeatedProblem(CONTEXT_HEADER));
        }
        return IdentityClaims.fromContextHeader(header.value().orElse(null), maxContextHeaderBytes, "dev");
    }
}
