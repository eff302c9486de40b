package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.ClaimValue;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Roles with column grants and row rules (#14), enforced by the executor itself on a real database: a
 * {@code support} role sees {@code id, name, status} of customers only and never a blocked customer (directly,
 * counted, through a link or a label), and cannot create or change a row into a blocked one (refused at preview and,
 * for what only the database knows, at confirm); a {@code portal} role keeps each user on the orders of the
 * customer its identity names ({@code customer_id = {claim: customer}}), and a user without that claim is refused.
 * The executor is given plans directly: a planner or an engine that let anything through would change nothing.
 */
public abstract class ExecutorRoleContract extends ExecutorConfirmContract {

    /** Company 101's blocked customers of the seed: every fiftieth. */
    private static final List<Long> BLOCKED = List.of(50L, 100L, 150L, 200L, 250L);

    private static final RoleGrant SUPPORT_GRANT = RoleGrant.forEntities(Map.of(
                    Intent.READ, Set.of("customers", "orders"),
                    Intent.CREATE, Set.of("customers", "orders"),
                    Intent.UPDATE, Set.of("customers", "orders")))
            .withColumns("customers", Set.of("id", "name", "status"))
            .withRowRules("customers", List.of(Filter.of("status", Op.NE, "blocked")))
            .withRowRules("orders", List.of(Filter.of("status", Op.NE, "new")));

    private static final RoleGrant PORTAL_GRANT = RoleGrant.forEntities(Map.of(
                    Intent.READ, Set.of("customers", "orders"),
                    Intent.CREATE, Set.of("orders"),
                    Intent.UPDATE, Set.of("orders")))
            .withRowRules("orders", List.of(Filter.eq("customer_id", ClaimValue.of("customer"))));

    private static final UserContext SUPPORT = UserContext.of("u-4001", "support", "101");

    private static UserContext portal(String userId, String customer) {
        return new UserContext(userId, "portal", Optional.of("101"), Map.of("customer", customer));
    }

    private GuardedExecutor roles() {
        return executorUnderTest(
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.of(Map.of(
                        "support",
                        SUPPORT_GRANT,
                        "portal",
                        PORTAL_GRANT,
                        "editor",
                        RoleGrant.of(Intent.READ, Intent.CREATE, Intent.UPDATE))),
                readOnlyMode,
                OptionalDouble.empty());
    }

    private static ReadPlan read(String entity, Condition... filters) {
        return ReadPlan.of(entity, List.of(filters));
    }

    private static long count(RowSet rows) {
        assertThat(rows.size()).isEqualTo(1);
        return ((Number) rows.rows().get(0).values().iterator().next()).longValue();
    }

    // ============================================================== columns

    @Test
    @Tag("invariant-6")
    void aRoleReadsOnlyItsGrantedColumnsAndAnUngrantedOneAnswersLikeAMissingOne() {
        GuardedExecutor executor = roles();

        RowSet rows = rows(executor.read(read("customers", Filter.of("id", Op.LE, 3L)), SUPPORT));
        Refusal ungranted = refused(executor.read(
                new ReadPlan(
                        "customers",
                        List.of("credit_limit"),
                        List.of(),
                        List.of(),
                        OptionalInt.empty(),
                        0,
                        Optional.empty()),
                SUPPORT));
        Refusal filtered = refused(executor.read(read("customers", Filter.eq("notes", "note 1")), SUPPORT));
        Refusal missing = refused(executor.read(read("customers", Filter.eq("notez", "note 1")), SUPPORT));
        Refusal set = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("credit_limit", 5L), List.of(Filter.eq("id", 1L))), SUPPORT));

        assertThat(rows.columns()).containsExactly("id", "name", "status");
        assertThat(List.of(ungranted.code(), filtered.code(), set.code())).containsOnly(RefusalCode.UNKNOWN_FIELD);
        assertThat(filtered.message().replace("notes", "X"))
                .isEqualTo(missing.message().replace("notez", "X"));
        assertThat(rows(executor.read(read("customers", Filter.of("id", Op.LE, 3L)), Users.editor()))
                        .columns())
                .as("an editor is not narrowed")
                .contains("credit_limit", "notes");
    }

    // ============================================================== rows

    @Test
    @Tag("invariant-7")
    void aRowRuleNarrowsReadsCountsLinksAndLabels() {
        GuardedExecutor executor = roles();
        shop().change("orders", 5, "customer_id", 50L);
        shop().change("orders", 4, "status", "paid");
        shop().change("orders", 5, "status", "paid");

        RowSet blocked = rows(executor.read(read("customers", Filter.eq("status", "blocked")), SUPPORT));
        long counted = count(rows(executor.read(read("customers").withAggregate(Aggregate.count()), SUPPORT)));
        long all = count(rows(executor.read(read("customers").withAggregate(Aggregate.count()), Users.editor())));
        RowSet linked = rows(executor.read(
                read("orders", Related.of("customer_id", "customers", Filter.of("id", Op.GE, 1L))), SUPPORT));
        RowSet labelled = rows(executor.read(read("orders", Filter.of("id", Op.GE, 4L)), SUPPORT));

        assertThat(blocked.rows()).isEmpty();
        assertThat(counted).isEqualTo(all - BLOCKED.size());
        assertThat(ids(linked))
                .as("orders' own rule and the blocked customer's")
                .containsExactly(4L);
        assertThat(ids(labelled)).containsExactly(4L, 5L);
        assertThat(labelled.rows().get(0)).containsEntry("customer_id__label", ShopFixture.customerName(4));
        assertThat(labelled.rows().get(1))
                .as("a blocked parent's label is not shown")
                .containsEntry("customer_id", 50L)
                .containsEntry("customer_id__label", null);
    }

    @Test
    @Tag("invariant-7")
    void aRowOutsideTheRuleCannotBeChangedAndAChangeCannotMoveARowOutsideIt() {
        GuardedExecutor executor = roles();

        Refusal outside = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("name", "Mine now"), List.of(Filter.eq("id", 50L))), SUPPORT));
        Refusal moved = refusedPreview(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "BLOCKED"), List.of(Filter.eq("id", 1L))), SUPPORT));
        PreviewOutcome.Ready allowed = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.eq("id", 1L))), SUPPORT));

        assertThat(outside.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(moved.code()).isEqualTo(RefusalCode.OUTSIDE_ROW_RULES);
        assertThat(moved.message()).contains("outside the rows your role").doesNotContainIgnoringCase("blocked");
        assertNoLeak(moved);
        assertThat(committed(executor.executeConfirmed(allowed.snapshot(), SUPPORT, committed -> {}))
                        .rowCount())
                .isEqualTo(1);
        assertThat(stored("customers", 1, "status")).isEqualTo("inactive");
        assertThat(stored("customers", 50, "name")).isEqualTo(ShopFixture.customerName(50));
    }

    @Test
    @Tag("invariant-7")
    void aCreateIntoAStateOutsideTheRuleIsRefusedAtPreviewAndWhatOnlyTheDatabaseKnowsAtConfirm() {
        GuardedExecutor executor = roles();
        long customers = count("customers");
        long orders = count("orders");

        Refusal blocked = refusedPreview(executor.previewCreate(
                new CreatePlan("customers", values("name", "Blocked Co", "status", "blocked")), SUPPORT));
        // the order's status is left to the database's default ('new'), which the rule excludes: only the
        // confirm, which checks the row as written, can tell
        PreviewOutcome.Ready defaulted = ready(executor.previewCreate(
                new CreatePlan("orders", values("customer_id", 1L, "total", new BigDecimal("10.00"))), SUPPORT));
        Refusal atConfirm = refusedCommit(executor.executeConfirmed(defaulted.snapshot(), SUPPORT, failingGate()));
        PreviewOutcome.Ready fine = ready(executor.previewCreate(
                new CreatePlan("customers", values("name", "Fine Co", "status", "active")), SUPPORT));

        assertThat(blocked.code()).isEqualTo(RefusalCode.OUTSIDE_ROW_RULES);
        assertThat(atConfirm.code()).isEqualTo(RefusalCode.OUTSIDE_ROW_RULES);
        assertNoLeak(atConfirm);
        assertThat(count("orders")).as("nothing written").isEqualTo(orders);
        committed(executor.executeConfirmed(fine.snapshot(), SUPPORT, committed -> {}));
        assertThat(count("customers")).isEqualTo(customers + 1);
    }

    @Test
    @Tag("invariant-6")
    void aCreateCannotSetAnUngrantedColumn() {
        Refusal refusal = refusedPreview(
                roles().previewCreate(new CreatePlan("customers", values("name", "Noted Co", "notes", "x")), SUPPORT));

        assertThat(refusal.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
    }

    @Test
    @Tag("invariant-7")
    void aClaimBasedRuleKeepsEachUserOnTheirOwnRows() {
        GuardedExecutor executor = roles();
        UserContext first = portal("p-1", "1");
        UserContext second = portal("p-2", "2");

        assertThat(ids(rows(executor.read(read("orders"), first)))).containsExactly(1L);
        assertThat(ids(rows(executor.read(read("orders"), second)))).containsExactly(2L);
        assertThat(count(rows(executor.read(read("orders").withAggregate(Aggregate.count()), first))))
                .isEqualTo(1);
        assertThat(refusedPreview(executor.previewUpdate(
                                new UpdatePlan("orders", Map.of("status", "paid"), List.of(Filter.eq("id", 2L))),
                                first))
                        .code())
                .isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(refusedPreview(executor.previewCreate(
                                new CreatePlan("orders", values("customer_id", 2L, "total", new BigDecimal("1.00"))),
                                first))
                        .code())
                .isEqualTo(RefusalCode.OUTSIDE_ROW_RULES);
        PreviewOutcome.Ready mine = ready(executor.previewCreate(
                new CreatePlan("orders", values("customer_id", 1L, "total", new BigDecimal("1.00"))), first));
        committed(executor.executeConfirmed(mine.snapshot(), first, committed -> {}));
        assertThat(ids(rows(executor.read(read("orders"), first)))).hasSize(2);
        assertThat(ids(rows(executor.read(read("orders"), second)))).containsExactly(2L);
    }

    @Test
    @Tag("invariant-7")
    void aMissingClaimRefusesAndNeverMatchesEverything() {
        UserContext noClaim = UserContext.of("p-3", "portal", "101");

        Refusal refusal = refused(roles().read(read("orders"), noClaim));

        assertThat(refusal.code()).isEqualTo(RefusalCode.CLAIM_MISSING);
        assertNoLeak(refusal);
        assertThat(rows(roles().read(read("customers", Filter.of("id", Op.LE, 2L)), noClaim))
                        .size())
                .as("an entity without rules is not affected")
                .isEqualTo(2);
    }

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }
}
