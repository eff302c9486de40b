package dev.tabletalk.coretests.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The validator's rules for links to other entities ({@link Related}) on the reference shop: a link is a real
 * single-column foreign key to an entity exposed to and readable by the caller, its conditions are checked on that
 * entity exactly like a read's own (hidden and masked columns usable nowhere, values coerced, operators checked),
 * and it counts toward the depth and size limits; and {@code ColumnView.references} names only exposed targets.
 */
class RelatedValidationTest {

    private final PlanValidator validator =
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off());
    private final EntityCatalog catalog = ShopFixture.catalog("", FixtureDatabase.H2);

    private static Related customer(Condition... conditions) {
        return Related.of("customer_id", "customers", conditions);
    }

    private Validation read(String entity, Condition... conditions) {
        return validator.validate(ReadPlan.of(entity, List.of(conditions)), catalog, Users.editor());
    }

    private static Plan valid(Validation validation) {
        assertThat(validation).as("valid: %s", validation).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) validation).plan();
    }

    private static Refusal refused(Validation validation) {
        assertThat(validation).as("refused").isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) validation).refusal();
    }

    @Test
    void aLinkIsCanonicalisedAndItsValuesCoercedToTheLinkedColumns() {
        ReadPlan plan = (ReadPlan) valid(
                read("orders", Related.of("CUSTOMER_ID", "Customers", Filter.of("credit_limit", Op.GE, 40L))));

        Related related = (Related) plan.filters().get(0);
        assertThat(related.field()).isEqualTo("customer_id");
        assertThat(related.entity()).isEqualTo("customers");
        assertThat(((Filter) related.filters().get(0)).value())
                .as("coerced to the linked column's type")
                .isInstanceOfSatisfying(BigDecimal.class, v -> assertThat(v).isEqualByComparingTo("40"));
    }

    @Test
    void linksNestInsideAnyOfNotAggregatesAndUpdates() {
        valid(read("order_lines", Related.of("order_id", "orders", customer(Filter.eq("name", "Ada")))));
        valid(read("orders", AnyOf.of(customer(Filter.eq("name", "Ada")), Filter.eq("id", 5L))));
        valid(read("orders", Not.of(customer(Filter.eq("name", "Ada")))));
        valid(validator.validate(
                new ReadPlan(
                        "orders",
                        List.of(),
                        List.of(customer(Filter.eq("name", "Ada"))),
                        List.of(),
                        OptionalInt.empty(),
                        0,
                        Optional.of(Aggregate.count())),
                catalog,
                Users.editor()));
        valid(validator.validate(
                new UpdatePlan("orders", Map.of("status", "shipped"), List.of(customer(Filter.eq("name", "Ada")))),
                catalog,
                Users.editor()));
    }

    @Test
    void aLinkToAHiddenEntityGetsTheRefusalOfOneThatDoesNotExist() {
        Refusal hidden = refused(read("orders", Related.of("customer_id", "users_auth", Filter.eq("user_id", "x"))));
        Refusal view = refused(read("orders", Related.of("customer_id", "customer_names", Filter.eq("id", 1L))));
        Refusal unknown = refused(read("orders", Related.of("customer_id", "nothing_here", Filter.eq("id", 1L))));

        assertThat(List.of(hidden.code(), view.code(), unknown.code())).containsOnly(RefusalCode.UNKNOWN_ENTITY);
        assertThat(hidden.message().replace("users_auth", "X"))
                .isEqualTo(unknown.message().replace("nothing_here", "X"))
                .doesNotContainIgnoringCase("hidden");
        assertThat(view.message().replace("customer_names", "X"))
                .isEqualTo(unknown.message().replace("nothing_here", "X"));
    }

    @Test
    void aFieldThatDoesNotPointAtTheEntityIsRefusedNamingTheLinksThatExist() {
        Refusal notAKey = refused(read("orders", Related.of("status", "customers", Filter.eq("name", "Ada"))));
        Refusal otherTarget = refused(read("orders", Related.of("customer_id", "products", Filter.eq("name", "x"))));
        Refusal lines = refused(read("order_lines", Related.of("product_id", "orders", Filter.eq("id", 1L))));

        assertThat(notAKey.code()).isEqualTo(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(notAKey.message())
                .isEqualTo("status of orders does not point at customers. orders links to customers through"
                        + " customer_id.");
        assertThat(otherTarget.message()).contains("customer_id of orders does not point at products");
        assertThat(lines.message()).contains("orders through order_id", "products through product_id");
    }

    @Test
    void theKeyMustBeAVisibleSearchableColumnAndNeverTheTenantColumn() {
        Refusal unknown = refused(read("orders", Related.of("buyer", "customers", Filter.eq("name", "Ada"))));
        Refusal tenant = refused(read("orders", Related.of("company_id", "customers", Filter.eq("name", "Ada"))));

        assertThat(unknown.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(unknown.message()).contains("orders has no field 'buyer'");
        assertThat(tenant.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
    }

    @Test
    void aLinkNeedsConditionsOfItsOwn() {
        Refusal empty = refused(read("orders", new Related("customer_id", "customers", List.of())));

        assertThat(empty.code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(empty.message()).isEqualTo("Say which customers you mean, e.g. 'whose name is ...'.");
    }

    @Test
    @Tag("invariant-6")
    void theLinkedConditionsFollowTheLinkedEntitysRules() {
        Refusal hidden = refused(read("orders", customer(Filter.eq("password_hash", "x"))));
        Refusal masked = refused(read("orders", customer(Filter.of("email", Op.CONTAINS, "@"))));
        Refusal tenant = refused(read("orders", customer(Filter.eq("company_id", 202L))));
        Refusal value = refused(read("orders", customer(Filter.of("credit_limit", Op.GT, "lots"))));
        Refusal operator = refused(read("orders", customer(Filter.of("credit_limit", Op.CONTAINS, "1"))));
        Refusal ownField = refused(read("orders", customer(Filter.eq("total", 5L))));

        assertThat(hidden.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hidden.message()).isEqualTo("customers has no field 'password_hash'.");
        assertThat(masked.code()).isEqualTo(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(tenant.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
        assertThat(value.code()).isNotIn(RefusalCode.UNKNOWN_FIELD, RefusalCode.UNKNOWN_ENTITY);
        assertThat(value.message()).contains("lots");
        assertThat(operator.code()).isNotIn(RefusalCode.UNKNOWN_FIELD, RefusalCode.UNKNOWN_ENTITY);
        assertThat(ownField.message())
                .as("the plan's own field is not the linked entity's")
                .contains("customers");
    }

    @Test
    void linksCountTowardTheDepthLimit() {
        Related twoDeep = Related.of("order_id", "orders", customer(Filter.eq("name", "Ada")));
        Refusal threeLinks = refused(read(
                "line_notes",
                Related.of("line_id", "order_lines", Related.of("order_id", "orders", customer(Filter.eq("id", 1L))))));
        Refusal notInside = refused(read(
                "order_lines", Related.of("order_id", "orders", customer(Not.of(Filter.eq("name", "Ada"))))));

        valid(read("order_lines", twoDeep));
        assertThat(threeLinks.code()).isEqualTo(RefusalCode.TOO_MANY_FILTERS);
        assertThat(threeLinks.message()).contains("links to other tables").contains("Ask in two steps");
        assertThat(notInside.code()).isEqualTo(RefusalCode.TOO_MANY_FILTERS);
    }

    @Test
    void theConditionsInsideLinksCountTowardTheSizeLimit() {
        List<Condition> many = new ArrayList<>();
        for (long id = 1; id <= 11; id++) {
            many.add(Filter.of("id", Op.NE, id));
        }
        Refusal refusal = refused(read("orders", new Related("customer_id", "customers", many)));

        assertThat(refusal.code()).isEqualTo(RefusalCode.TOO_MANY_FILTERS);
        assertThat(refusal.message()).contains("11 conditions");
    }

    @Test
    void aRoleThatMayNotReadTheLinkedEntityCannotFollowALinkToIt() {
        RolePolicy roles = RolePolicy.of(Map.of("clerk", RoleGrant.of().withEntity("orders", Set.of(Intent.READ))));
        PlanValidator clerks = new PlanValidator(Limits.defaults(), roles, ReadOnlyMode.off());
        UserContext clerk = UserContext.of("u-9", "clerk", "101");

        valid(clerks.validate(ReadPlan.of("orders", List.of(Filter.eq("id", 1L))), catalog, clerk));
        Refusal refusal = refused(clerks.validate(
                ReadPlan.of("orders", List.of(customer(Filter.eq("name", "Ada")))), catalog, clerk));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusal.message()).contains("may not read customers");
    }

    // ============================================================== ColumnView.references

    private static SchemaView.ColumnView column(SchemaView view, String entity, String column) {
        return view.entity(entity).orElseThrow().columns().stream()
                .filter(c -> c.name().equals(column))
                .findFirst()
                .orElseThrow();
    }

    /** {@code entity} with one more visible integer column {@code column} pointing at {@code target.targetColumn}. */
    private static Entity withLink(Entity entity, String column, String target, String targetColumn) {
        List<Column> columns = new ArrayList<>(entity.columns());
        columns.add(Column.builder(column, ValueType.INTEGER).build());
        List<ForeignKey> keys = new ArrayList<>(entity.foreignKeys());
        keys.add(new ForeignKey(column + "_fk", List.of(column), entity.schema(), target, List.of(targetColumn)));
        return new Entity(
                entity.schema(),
                entity.name(),
                entity.kind(),
                columns,
                entity.primaryKey(),
                entity.uniqueKeys(),
                entity.indexes(),
                keys,
                entity.comment(),
                entity.exposure(),
                entity.reason(),
                entity.form(),
                entity.softDelete());
    }

    private static EntityCatalog linkedShop() {
        return EntityCatalog.of(ShopFixture.catalog("", FixtureDatabase.H2).entities().stream()
                .map(e -> e.name().equals("orders")
                        ? withLink(
                                withLink(
                                        withLink(e, "auth_user", "users_auth", "user_id"),
                                        "hash_of",
                                        "customers",
                                        "password_hash"),
                                "name_row",
                                "customer_names",
                                "id")
                        : e)
                .toList());
    }

    @Test
    @Tag("invariant-6")
    void columnViewsNameOnlyExposedTargetsThroughVisibleColumns() {
        SchemaView view = SchemaView.of(validator.callerCatalog(linkedShop(), Users.editor()));

        assertThat(column(view, "orders", "customer_id").references()).contains("customers");
        assertThat(column(view, "order_lines", "product_id").references()).contains("products");
        assertThat(column(view, "orders", "total").references()).isEmpty();
        assertThat(column(view, "orders", "auth_user").references())
                .as("a hidden entity")
                .isEmpty();
        assertThat(column(view, "orders", "hash_of").references())
                .as("a hidden column")
                .isEmpty();
        assertThat(view.toString()).doesNotContain("users_auth").doesNotContain("password_hash");
    }

    @Test
    @Tag("invariant-6")
    void columnViewsFollowTheCallersView() {
        EntityCatalog shop = linkedShop();
        SchemaView operator = SchemaView.of(shop);
        SchemaView caller = SchemaView.of(validator.callerCatalog(shop, Users.editor()));

        // a view cannot be tied to a tenant: the operator sees it, a caller does not, nor any link to it
        assertThat(column(operator, "orders", "name_row").references()).contains("customer_names");
        assertThat(column(caller, "orders", "name_row").references()).isEmpty();
        assertThat(caller.entity("customer_names")).isEmpty();
    }
}
