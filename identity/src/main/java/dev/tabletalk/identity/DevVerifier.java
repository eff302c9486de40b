package dev.tabletalk.identity;

/** {@link AuthMode#DEV}: the unsigned {@code X-User-Context} header, for a loopback bind. */
final class DevVerifier implements IdentityVerifier {

    private final int maxContextHeaderBytes;

    DevVerifier(int maxContextHeaderBytes) {
        this.maxContextHeaderBytes = maxContextHeaderBytes;
    }

    @Override
    public Verification verify(IdentityRequest request) {
        IdentityRequest.HeaderValue header = request.header(IdentityHeaders.CONTEXT);
        if (header.repeated()) {
            return Verification.refused(header.repeatedFailure(IdentityHeaders.CONTEXT));
        }
        return IdentityClaims.fromContextHeader(header.value().orElse(null), maxContextHeaderBytes, "dev");
    }
}
