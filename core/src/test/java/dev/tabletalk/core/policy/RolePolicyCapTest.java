package dev.tabletalk.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The affected-row caps that README.md and docs/security.md state: 20 by default, 100 for admin. */
@Tag("invariant-5")
class RolePolicyCapTest {

    @Test
    void editorsGetTheLimitsCapAndTheBuiltInAdminItsOwnHundredRows() {
        RolePolicy roles = RolePolicy.defaults();
        Limits limits = Limits.defaults();
        assertThat(limits.maxAffectedRows()).isEqualTo(20);
        assertThat(roles.maxAffectedRows("editor", limits)).isEqualTo(20);
        assertThat(roles.maxAffectedRows("viewer", limits)).isEqualTo(20);
        assertThat(roles.maxAffectedRows("admin", limits)).isEqualTo(100);
    }

    @Test
    void theAdminCapReplacesTheLimitsCapInsteadOfFollowingIt() {
        RolePolicy roles = RolePolicy.defaults();
        assertThat(roles.maxAffectedRows("admin", Limits.defaults().withMaxAffectedRows(5)))
                .isEqualTo(100);
        assertThat(roles.maxAffectedRows("editor", Limits.defaults().withMaxAffectedRows(5)))
                .isEqualTo(5);
        assertThat(roles.maxAffectedRows("nobody", Limits.defaults())).isEqualTo(20);
    }
}
