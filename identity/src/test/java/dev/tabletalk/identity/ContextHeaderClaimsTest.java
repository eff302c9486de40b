package dev.tabletalk.identity;

import static dev.tabletalk.identity.Requests.context;
import static dev.tabletalk.identity.Requests.editorOf101;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextHeaderClaimsTest {

    private final ContextHeaderClaims claims = new ContextHeaderClaims(4096, "dev");

    @Test
    void aVerifiedHeaderIsJudgedOnceAndThenGivesTheSameCaller() {
        Verification first = claims.verify(editorOf101());
        Verification again = claims.verify(editorOf101());

        assertThat(first).isInstanceOf(Verification.Verified.class);
        assertThat(again).isSameAs(first);
        assertThat(again).isEqualTo(IdentityClaims.fromContextHeader(editorOf101(), 4096, "dev"));
        assertThat(claims.size()).isEqualTo(1);
    }

    @Test
    void aRefusedHeaderIsNeverRememberedAndIsRefusedEveryTime() {
        String duplicate = context("{\"user_id\":\"a\",\"user_id\":\"b\",\"user_role\":\"editor\",\"company_id\":1}");
        String tooLarge = "A".repeat(4097);

        for (int i = 0; i < 2; i++) {
            assertThat(((Verification.Refused) claims.verify(duplicate))
                            .failure()
                            .reason())
                    .isEqualTo("duplicate_key");
            assertThat(((Verification.Refused) claims.verify(tooLarge))
                            .failure()
                            .reason())
                    .isEqualTo("context_too_large");
            assertThat(((Verification.Refused) claims.verify("not base64!"))
                            .failure()
                            .reason())
                    .isEqualTo("malformed_context");
            assertThat(((Verification.Refused) claims.verify(null)).failure().reason())
                    .isEqualTo("missing_context");
        }
        assertThat(claims.size()).isZero();
    }

    @Test
    void theRememberedHeadersStayBounded() {
        for (int tenant = 0; tenant < ContextHeaderClaims.CAPACITY + 10; tenant++) {
            String header = context("{\"user_id\":\"u\",\"user_role\":\"viewer\",\"company_id\":" + tenant + "}");
            Verification.Verified verified = (Verification.Verified) claims.verify(header);
            assertThat(verified.user().tenantId()).contains(Integer.toString(tenant));
        }
        assertThat(claims.size()).isLessThanOrEqualTo(ContextHeaderClaims.CAPACITY);
    }

    @Test
    void theTransportIsTheVerifiersOwn() {
        Verification.Verified hmac =
                (Verification.Verified) new ContextHeaderClaims(4096, "hmac").verify(editorOf101());
        Verification.Verified dev = (Verification.Verified) claims.verify(editorOf101());

        assertThat(hmac.user().attributes()).containsEntry("auth", "hmac");
        assertThat(dev.user().attributes()).containsEntry("auth", "dev");
    }
}
