package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.lang.ref.WeakReference;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plans the rules planner keeps (#17): an equal request on the same view is not read again, and nothing
 * that makes a request differ (the view, the day, the conversation's place, the message) finds another
 * request's plan.
 */
class RulesPlannerRememberedPlansTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 3);

    private final RulesPlanner planner = RulesPlanner.create();
    private final SchemaView northwind = SampleSchemas.northwind();

    @Test
    void anEqualRequestOnTheSameViewIsAnsweredWithoutReadingTheMessageAgain() {
        PlannerOutput first =
                planner.plan(PlannerRequest.standalone("show customers where city is Berlin", northwind, DAY));
        PlannerOutput again =
                planner.plan(PlannerRequest.standalone("show customers where city is Berlin", northwind, DAY));

        assertThat(again).isSameAs(first);
        assertThat(planner.messagesRead()).isEqualTo(1);
        assertThat(first.entity()).contains("customers");
    }

    @Test
    void anEqualViewThatIsAnotherObjectIsReadAgain() {
        EntityCatalog catalog = SampleSchemas.northwindCatalog();
        planner.plan(PlannerRequest.standalone("show customers", SchemaView.of(catalog), DAY));
        planner.plan(PlannerRequest.standalone("show customers", SchemaView.of(catalog), DAY));

        assertThat(planner.messagesRead()).isEqualTo(2);
    }

    @Test
    void aViewThatIsNoLongerUsedIsNotKeptAliveByItsPlans() throws InterruptedException {
        SchemaView reloaded = SchemaView.of(SampleSchemas.northwindCatalog());
        planner.plan(PlannerRequest.standalone("show customers", reloaded, DAY));
        WeakReference<SchemaView> view = new WeakReference<>(reloaded);
        reloaded = null;
        // the planner also remembers the view it planned on last: plan on another one
        planner.plan(PlannerRequest.standalone("show orders", northwind, DAY));

        for (int i = 0; i < 20 && view.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(view.get()).as("the view, once the catalog lets it go").isNull();
        assertThat(planner.plan(PlannerRequest.standalone("show customers", northwind, DAY))
                        .entity())
                .contains("customers");
    }

    @Test
    void aRoleThatMayNotSeeAColumnNeverGetsThePlanOfOneThatMay() {
        EntityCatalog caller = SampleSchemas.northwindCatalog().forCaller(false, "tenant_id");
        SchemaView everything = SchemaView.of(caller);
        SchemaView granted = SchemaView.of(
                caller.withColumnGrants(Map.of("customers", Set.of("customer_id", "company_name", "country"))));
        String message = "show customers where city is Berlin";

        PlannerOutput seeing = planner.plan(PlannerRequest.standalone(message, everything, DAY));
        PlannerOutput notSeeing = planner.plan(PlannerRequest.standalone(message, granted, DAY));

        assertThat(seeing.filters()).containsExactly(Filter.eq("city", "Berlin"));
        assertThat(notSeeing.filters())
                .noneMatch(condition -> condition.toString().contains("city"));
        assertThat(planner.messagesRead()).isEqualTo(2);
    }

    @Test
    void relativeDatesAreReadAgainOnAnotherDay() {
        PlannerOutput friday = planner.plan(PlannerRequest.standalone("orders today", northwind, DAY));
        PlannerOutput saturday = planner.plan(PlannerRequest.standalone("orders today", northwind, DAY.plusDays(1)));

        assertThat(friday.filters()).containsExactly(Filter.eq("order_date", "2025-01-03"));
        assertThat(saturday.filters()).containsExactly(Filter.eq("order_date", "2025-01-04"));
    }

    @Test
    void theConversationsPlaceIsPartOfTheRequest() {
        PlannerRequest idle = PlannerRequest.standalone("city is Berlin", northwind, DAY);
        PlannerRequest answering = new PlannerRequest(
                "city is Berlin",
                Stage.COLLECTING,
                Optional.of(Intent.CREATE),
                Optional.of("customers"),
                Optional.of("city"),
                List.of("customer_id", "company_name"),
                northwind,
                DAY);

        PlannerOutput alone = planner.plan(idle);
        PlannerOutput answer = planner.plan(answering);

        assertThat(answer.fields()).containsEntry("city", "Berlin");
        assertThat(alone.fields()).isEmpty();
        assertThat(planner.plan(idle)).isSameAs(alone);
        assertThat(planner.plan(answering)).isSameAs(answer);
        assertThat(planner.messagesRead()).isEqualTo(2);
    }

    @Test
    void keepsAtMostItsLimitAndLongMessagesAreAlwaysRead() {
        for (int i = 0; i <= RememberedPlans.MAX_PLANS; i++) {
            planner.plan(PlannerRequest.standalone("show customer " + i, northwind, DAY));
        }
        long read = planner.messagesRead();
        // the memory was emptied at its limit, so the first message is read again, the last one is not
        planner.plan(PlannerRequest.standalone("show customer 0", northwind, DAY));
        planner.plan(PlannerRequest.standalone("show customer " + RememberedPlans.MAX_PLANS, northwind, DAY));
        assertThat(planner.messagesRead()).isEqualTo(read + 1);

        String long_ = "show customers where company name is \"" + "x".repeat(RememberedPlans.MAX_MESSAGE_CHARS) + "\"";
        planner.plan(PlannerRequest.standalone(long_, northwind, DAY));
        planner.plan(PlannerRequest.standalone(long_, northwind, DAY));
        assertThat(planner.messagesRead()).isEqualTo(read + 3);
    }
}
