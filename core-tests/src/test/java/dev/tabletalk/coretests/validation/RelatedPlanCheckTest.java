package dev.tabletalk.coretests.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.engine.PlanChecker;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code plan} command's check of a link: canonical, worded, or refused as the conversation would. */
class RelatedPlanCheckTest {

    private final ScriptedPlanner planner = new ScriptedPlanner();
    private final PlanChecker checker = new PlanChecker(
            planner,
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off()),
            () -> ShopFixture.catalog("", FixtureDatabase.H2));

    @Test
    void aLinkIsShownCanonicalAndWorded() {
        planner.on(
                "orders of Ada",
                PlannerOutput.read(
                        "Orders",
                        List.of(Related.of("Customer_Id", "CUSTOMERS", Filter.eq("Name", "Ada"))),
                        ScriptedPlanner.TRACE));

        PlanCheck check = checker.checkPlan("orders of Ada", Users.editor());

        assertThat(check.refusal()).isEmpty();
        assertThat(check.filters()).containsExactly(Related.of("customer_id", "customers", Filter.eq("name", "Ada")));
        assertThat(check.interpretation()).contains("orders where customer is one whose name is Ada");
    }

    @Test
    void aLinkIntoAHiddenEntityIsRefusedAsTheConversationWould() {
        planner.on(
                "orders of auth",
                PlannerOutput.read(
                        "orders",
                        List.of(Related.of("customer_id", "users_auth", Filter.eq("user_id", "u"))),
                        ScriptedPlanner.TRACE));

        PlanCheck check = checker.checkPlan("orders of auth", Users.editor());

        assertThat(check.refusal()).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY));
        assertThat(check.interpretation()).isEmpty();
    }
}
