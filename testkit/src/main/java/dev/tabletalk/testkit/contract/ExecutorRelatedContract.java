package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do with links to other entities (#13): a {@link Related} matches the rows whose
 * foreign key points at a row of the linked entity that meets the link's own conditions, nested (order lines of
 * orders of a customer), inside {@code anyOf} and {@code not}, in aggregates and in updates; the linked entity is
 * scoped exactly as a read of it would be, so a parent of another tenant or a soft-deleted one never matches. And
 * a read shows, beside each foreign key, the label of the row it points at ({@code customer_id__label}), under
 * the parent's own scopes: another tenant's parent or a deleted one gives {@code null}, never its name.
 *
 * <p>On the shop: customers (tenant column), orders (tenant column, {@code customer_id} to customers), order lines
 * (tenant through orders and products), products (tenant column, labelled by {@code name}).
 */
public abstract class ExecutorRelatedContract extends ExecutorConditionContract {

    /** An order of the caller's tenant whose customer belongs to the other tenant (the key itself is valid). */
    private static final long CROSS_TENANT_ORDER = 77;

    private static Related customer(Condition... conditions) {
        return Related.of("customer_id", "customers", conditions);
    }

    private RowSet orders(Condition... conditions) {
        return rows(executor.read(ReadPlan.of("orders", List.of(conditions)), Users.editor()));
    }

    private void insertCrossTenantOrder() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", CROSS_TENANT_ORDER);
        row.put("company_id", ShopFixture.TENANT);
        row.put("customer_id", ShopFixture.OTHER_TENANT_CUSTOMER);
        row.put("total", new BigDecimal("1.00"));
        row.put("status", "new");
        shop().insert("orders", row);
    }

    private static Object label(RowSet rows, long id, String key) {
        return rows.rows().stream()
                .filter(row -> ((Number) row.get("id")).longValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in " + rows.rows()))
                .get(key);
    }

    @Test
    void aLinkMatchesRowsPointingAtAParentThatMeetsItsConditionsTextCaseInsensitively() {
        assertThat(ids(orders(customer(Filter.eq("name", "customer 3"))))).containsExactly(3L);
        assertThat(ids(orders(customer(Filter.of("credit_limit", Op.GE, new BigDecimal("40"))))))
                .containsExactly(4L, 5L);
        assertThat(ids(orders(customer(Filter.eq("name", "Customer 3")), Filter.eq("id", 4L))))
                .as("ANDed with the plan's own conditions")
                .isEmpty();
    }

    @Test
    void linksNestThroughAGrandparent() {
        RowSet lines = rows(executor.read(
                ReadPlan.of(
                        "order_lines",
                        List.of(Related.of("order_id", "orders", customer(Filter.eq("name", "Customer 1"))))),
                Users.editor()));

        assertThat(ids(lines)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLinkWorksInsideAnyOfAndNot() {
        assertThat(ids(orders(AnyOf.of(customer(Filter.eq("name", "Customer 2")), Filter.eq("id", 5L)))))
                .containsExactly(2L, 5L);
        // the other tenant's order 900 stays out: NOT never widens past the tenant scope
        assertThat(ids(orders(Not.of(customer(Filter.eq("name", "Customer 2"))))))
                .containsExactly(1L, 3L, 4L, 5L);
    }

    @Test
    void aLinkNarrowsAnAggregate() {
        ReadPlan plan = new ReadPlan(
                "orders",
                List.of(),
                List.of(customer(Filter.of("credit_limit", Op.GE, new BigDecimal("30")))),
                List.of(),
                OptionalInt.empty(),
                0,
                Optional.of(Aggregate.count()));

        RowSet rows = rows(executor.read(plan, Users.editor()));

        assertThat(((Number) rows.rows().get(0).get("count")).longValue()).isEqualTo(3L);
        assertThat(rows.columns()).as("aggregates get no labels").containsExactly("count");
    }

    @Test
    void anUpdateThroughALinkPreviewsAndChangesExactlyTheLinkedRows() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", "shipped");
        UpdatePlan update = new UpdatePlan("orders", changes, List.of(customer(Filter.eq("name", "Customer 4"))));

        PreviewOutcome.Ready ready = ready(executor.previewUpdate(update, Users.editor()));
        assertThat(ready.snapshot().keys().stream()
                        .map(RowKey::values)
                        .map(values -> ((Number) values.get("id")).longValue())
                        .toList())
                .containsExactly(4L);
        committed(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(stored("orders", 4, "status")).isEqualTo("shipped");
        assertThat(stored("orders", 3, "status")).isEqualTo("new");
    }

    @Test
    @Tag("invariant-7")
    void aParentOfAnotherTenantNeverMatchesAndGivesNoLabel() {
        insertCrossTenantOrder();

        assertThat(ids(orders(customer(Filter.eq("id", ShopFixture.OTHER_TENANT_CUSTOMER)))))
                .as("my order pointing at the other tenant's customer")
                .isEmpty();
        assertThat(ids(orders(customer(Filter.of("name", Op.IS_NOT_NULL, null)))))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        RowSet mine = orders(Filter.of("id", Op.IN, List.of(1L, CROSS_TENANT_ORDER)));
        assertThat(label(mine, 1, "customer_id__label")).isEqualTo("Customer 1");
        assertThat(label(mine, CROSS_TENANT_ORDER, "customer_id__label")).isNull();
        assertThat(mine.rows().toString()).doesNotContain("other tenant");
    }

    @Test
    @Tag("invariant-7")
    void theOtherTenantReachesNoneOfMyParentsThroughALink() {
        UserContext other = Users.otherTenantEditor();
        RowSet theirs =
                rows(executor.read(ReadPlan.of("orders", List.of(customer(Filter.eq("name", "Customer 1")))), other));

        assertThat(theirs.rows()).isEmpty();
    }

    @Test
    void aSoftDeletedParentDoesNotMatchAndGivesNoLabel() {
        // customers.notes borrowed as a timestamp-kind marker: odd seeded customers have notes, so are deleted
        EntityCatalog base = catalog();
        EntityCatalog marked = EntityCatalog.of(base.entities().stream()
                .map(e -> e.name().equals("customers")
                        ? e.withSoftDelete(Optional.of(
                                new SoftDelete("notes", SoftDelete.Kind.TIMESTAMP, "borrowed by the contract")))
                        : e)
                .toList());
        GuardedExecutor soft = executor(marked, Limits.defaults());

        RowSet linked = rows(soft.read(
                ReadPlan.of("orders", List.of(customer(Filter.of("id", Op.IN, List.of(1L, 2L, 3L))))), Users.editor()));
        RowSet all = rows(soft.read(ReadPlan.of("orders", List.of(Filter.of("id", Op.LE, 2L))), Users.editor()));

        assertThat(ids(linked)).containsExactly(2L);
        assertThat(label(all, 1, "customer_id__label")).isNull();
        assertThat(label(all, 2, "customer_id__label")).isEqualTo("Customer 2");
    }

    @Test
    void aReadShowsTheLabelOfEachForeignKeyRightAfterIt() {
        RowSet orders = orders(Filter.eq("id", 3L));
        RowSet lines = rows(executor.read(ReadPlan.of("order_lines", List.of(Filter.eq("id", 2L))), Users.editor()));

        int key = orders.columns().indexOf("customer_id");
        assertThat(key).isNotNegative();
        assertThat(orders.columns().get(key + 1)).isEqualTo("customer_id__label");
        assertThat(orders.rows().get(0)).containsEntry("customer_id__label", "Customer 3");
        // products are labelled by their name; orders have no text to label them by, so order_id gets none
        assertThat(lines.rows().get(0)).containsEntry("product_id__label", "Product 2");
        assertThat(lines.columns()).doesNotContain("order_id__label");
    }

    @Test
    void aReadOfChosenColumnsLabelsOnlyTheForeignKeysItShows() {
        ReadPlan plan = new ReadPlan(
                "orders",
                List.of("id", "total"),
                List.of(Filter.eq("id", 1L)),
                List.of(),
                OptionalInt.empty(),
                0,
                Optional.empty());

        assertThat(rows(executor.read(plan, Users.editor())).columns()).containsExactly("id", "total");
    }

    @Test
    @Tag("invariant-6")
    void aLinkToAHiddenEntityIsRefusedLikeOneThatDoesNotExist() {
        Refusal hidden = refused(executor.read(
                ReadPlan.of("orders", List.of(Related.of("customer_id", "users_auth", Filter.eq("user_id", "u-1001")))),
                Users.editor()));
        Refusal unknown = refused(executor.read(
                ReadPlan.of("orders", List.of(Related.of("customer_id", "no_such_table", Filter.eq("id", 1L)))),
                Users.editor()));

        assertThat(hidden.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(unknown.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(hidden.message().replace("users_auth", "X"))
                .as("the same words, the caller's own name echoed back")
                .isEqualTo(unknown.message().replace("no_such_table", "X"));
    }

    @Test
    @Tag("invariant-6")
    void aLinkCannotSearchByAHiddenOrMaskedColumnOfTheParent() {
        Refusal hidden = refused(executor.read(
                ReadPlan.of("orders", List.of(customer(Filter.eq("password_hash", "HASH-SECRET-1")))), Users.editor()));
        Refusal masked = refused(executor.read(
                ReadPlan.of("orders", List.of(customer(Filter.of("email", Op.CONTAINS, "@")))), Users.editor()));

        assertThat(hidden.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(masked.code()).isEqualTo(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(hidden.message()).doesNotContain(ShopFixture.HIDDEN_MARKER);
    }
}
