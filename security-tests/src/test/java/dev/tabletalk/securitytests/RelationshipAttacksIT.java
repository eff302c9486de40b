package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.f;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static dev.tabletalk.securitytests.SecureShop.OTHER_EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Attacks through links to other entities (#13) on the real stack over PostgreSQL: a planner that links into
 * another tenant's parent rows, into a hidden entity, or searches a parent by a hidden column gets nothing or the
 * refusal of a name that does not exist; a foreign key pointing at another tenant's row shows no label. G1-G7
 * hold after every case (G2: no other tenant's value in any reply, labels included).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("invariant-6")
@Tag("invariant-7")
class RelationshipAttacksIT {

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start("related");
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static PlannerOutput read(String entity, Condition... conditions) {
        return PlannerOutput.read(entity, List.of(conditions), ScriptedPlanner.TRACE);
    }

    private static Related customer(Condition... conditions) {
        return Related.of("customer_id", "customers", conditions);
    }

    @Test
    void aLinkIntoAnotherTenantsParentFindsNothingToReadOrChange() {
        CaseRun run = new CaseRun(shop);
        // in capitals: text compares case-insensitively, and the reply echoing it is no other tenant's value (G2)
        Reply byName = run.plan(EDITOR, read("orders", customer(eq("name", "OTHER TENANT CO"))));
        Reply byId = run.plan(EDITOR, read("orders", customer(eq("id", 9001))));
        Reply theirsToMine = run.plan(OTHER_EDITOR, read("orders", customer(f("id", Op.LE, 5))));
        Reply nested =
                run.plan(EDITOR, read("order_lines", Related.of("order_id", "orders", customer(eq("id", 9001)))));
        Reply update = run.plan(
                EDITOR,
                PlannerOutput.update(
                        "orders",
                        Map.of("status", "shipped"),
                        List.of(customer(eq("id", 9001))),
                        ScriptedPlanner.TRACE));

        assertThat(rows(byName)).isEmpty();
        assertThat(rows(byId)).isEmpty();
        assertThat(rows(theirsToMine)).isEmpty();
        assertThat(rows(nested)).isEmpty();
        assertThat(update.part(ReplyPart.Preview.class))
                .as("no preview of another tenant's rows")
                .isEmpty();
        run.assertGlobal();
    }

    @Test
    void myRowPointingAtAnotherTenantsParentShowsNoLabelAndIsNotMatchedThroughIt() {
        shop.harnessSql("update orders set customer_id = 9001 where id = 5");
        try {
            CaseRun run = new CaseRun(shop);
            List<Map<String, Object>> mine = rows(run.plan(EDITOR, read("orders", f("id", Op.GE, 4))));
            Reply linked = run.plan(EDITOR, read("orders", customer(f("name", Op.IS_NOT_NULL, null))));

            assertThat(mine).extracting(r -> r.get("id")).containsExactly(4L, 5L);
            assertThat(mine.get(0)).containsEntry("customer_id__label", "Customer 4");
            assertThat(mine.get(1)).containsEntry("customer_id", 9001L).containsEntry("customer_id__label", null);
            assertThat(rows(linked)).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L, 4L);
            run.assertGlobal();
        } finally {
            shop.harnessSql("update orders set customer_id = 5 where id = 5");
        }
    }

    @Test
    void aLinkIntoAHiddenEntityOrViewAnswersLikeAnEntityThatDoesNotExist() {
        CaseRun run = new CaseRun(shop);
        Refusal hidden =
                refusal(run.plan(EDITOR, read("orders", Related.of("customer_id", "users_auth", eq("user_id", "u")))));
        Refusal view =
                refusal(run.plan(EDITOR, read("orders", Related.of("customer_id", "customer_names", eq("id", 1)))));
        Refusal missing =
                refusal(run.plan(EDITOR, read("orders", Related.of("customer_id", "users_authz", eq("user_id", "u")))));

        assertThat(List.of(hidden.code(), view.code(), missing.code())).containsOnly(RefusalCode.UNKNOWN_ENTITY);
        assertThat(hidden.message().replace("users_auth", "X"))
                .isEqualTo(missing.message().replace("users_authz", "X"));
        assertThat(view.message().replace("customer_names", "X"))
                .isEqualTo(missing.message().replace("users_authz", "X"));
        run.assertGlobal();
    }

    @Test
    void aParentCannotBeSearchedByAHiddenColumnThroughALink() {
        CaseRun run = new CaseRun(shop);
        Refusal hidden = refusal(run.plan(EDITOR, read("orders", customer(eq("password_hash", "HASH-SECRET-1")))));
        Refusal missing = refusal(run.plan(EDITOR, read("orders", customer(eq("password_hashz", "HASH-SECRET-1")))));

        assertThat(hidden.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hidden.message().replace("password_hash", "X"))
                .isEqualTo(missing.message().replace("password_hashz", "X"));
        run.assertGlobal();
    }

    private static List<Map<String, Object>> rows(Reply reply) {
        return reply.part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError("no rows in " + reply))
                .rows()
                .rows();
    }

    private static Refusal refusal(Reply reply) {
        Optional<Refusal> refusal = reply.refusal();
        assertThat(refusal).as("a refusal in %s", reply).isPresent();
        return refusal.get();
    }
}
