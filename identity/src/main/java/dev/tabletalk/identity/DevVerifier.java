package dev.tabletalk.identity;

/** {@link AuthMode#DEV}: the unsigned {@code X-User-Context} header, for a loopback bind. */
final class DevVerifier implements IdentityVerifier {

    private final ContextHeaderClaims claims;

    DevVerifier(int maxContextHeaderBytes) {
        this.claims = new ContextHeaderClaims(maxContextHeaderBytes, "dev");
    }

    @Override
    public Verification verify(IdentityRequest request) {
        IdentityRequest.HeaderValue header = request.header(IdentityHeaders.CONTEXT);
        if (header.repeated()) {
            return Verification.refused(header.repeatedFailure(IdentityHeaders.CONTEXT));
        }
        return claims.verify(header.value().orElse(null));
    }
}
