package dev.tabletalk.identity;

import static dev.tabletalk.identity.Requests.editorOf101;
import static dev.tabletalk.identity.Requests.post;
import static dev.tabletalk.identity.Requests.refused;
import static dev.tabletalk.identity.Requests.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.user.UserContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DevVerifierTest {

    private final IdentityVerifier dev = IdentityVerifiers.create(IdentitySettings.dev());

    @Test
    @Tag("invariant-7")
    void theContextHeaderGivesTheUserAndTenantBeforeTheBodyIsRead() {
        assertThat(dev.needsBody()).isFalse();
        UserContext user = verified(dev.verify(post("", IdentityHeaders.CONTEXT, editorOf101())));
        assertThat(user.userId()).isEqualTo("u-1001");
        assertThat(user.tenantId()).contains("101");
        assertThat(user.attributes()).containsEntry("auth", "dev");
    }

    @Test
    void aMissingOrRepeatedHeaderIsRefused() {
        IdentityFailure missing = refused(dev.verify(post("")));
        assertThat(missing.kind()).isEqualTo(IdentityFailure.Kind.UNAUTHENTICATED);
        assertThat(missing.reason()).isEqualTo("missing_context");
        IdentityFailure repeated =
                refused(dev.verify(post("", "X-User-Context", editorOf101(), "x-user-context", editorOf101())));
        assertThat(repeated.kind()).isEqualTo(IdentityFailure.Kind.MALFORMED);
        assertThat(repeated.reason()).isEqualTo("duplicate_header");
        IdentityFailure tooLarge = refused(dev.verify(post("", IdentityHeaders.CONTEXT, "A".repeat(4097))));
        assertThat(tooLarge.reason()).isEqualTo("context_too_large");
        assertThat(tooLarge.facts()).containsEntry("limit", 4096);
    }
}
