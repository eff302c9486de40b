package dev.tabletalk.coretests.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.ClaimValue;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.RowRules;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Column grants and row rules of a role (#14) in the validator and the caller's catalog, on the reference shop: a
 * {@code support} role sees only {@code id, name, status} of customers, and every other column of customers answers
 * for it exactly like a column that does not exist, in every use (invariant 6); its reads show only granted
 * columns; a create that needs an ungranted column is refused without naming it; another role is not affected.
 * And the row rules' resolution for a caller: a claim fills a value, a missing claim refuses, never widens.
 */
@Tag("invariant-6")
class RoleGrantValidationTest {

    private static final UserContext SUPPORT = UserContext.of("u-5", "support", "101");

    private final EntityCatalog catalog = ShopFixture.catalog("", FixtureDatabase.H2);
    private final RolePolicy roles = RolePolicy.of(Map.of(
            "support",
            RoleGrant.forEntities(Map.of(
                            Intent.READ, Set.of("customers", "orders"),
                            Intent.UPDATE, Set.of("customers"),
                            Intent.CREATE, Set.of("customers", "orders")))
                    .withColumns("customers", Set.of("id", "NAME", "status"))
                    .withColumns("orders", Set.of("id", "customer_id", "total")),
            "editor",
            RoleGrant.of(Intent.READ, Intent.CREATE, Intent.UPDATE)));
    private final PlanValidator validator = new PlanValidator(Limits.defaults(), roles, ReadOnlyMode.off());

    private Validation validate(Plan plan) {
        return validator.validate(plan, catalog, SUPPORT);
    }

    private static Refusal refused(Validation validation) {
        assertThat(validation).as("refused").isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) validation).refusal();
    }

    private static ReadPlan read(String entity, List<String> fields, List<Condition> filters, List<Sort> order) {
        return new ReadPlan(entity, fields, filters, order, OptionalInt.empty(), 0, Optional.empty());
    }

    /** The refusal of {@code ungranted} and of a column that does not exist, with each name replaced: the same. */
    private void answersLikeAMissingColumn(Plan ungranted, Plan missing, String ungrantedName, String missingName) {
        Refusal a = refused(validate(ungranted));
        Refusal b = refused(validate(missing));
        assertThat(a.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(a.code()).isEqualTo(b.code());
        assertThat(a.message().replace(ungrantedName, "X"))
                .isEqualTo(b.message().replace(missingName, "X"));
    }

    @Test
    void anUngrantedColumnCannotBeReadFilteredSortedAggregatedOrSetAndAnswersLikeAMissingOne() {
        answersLikeAMissingColumn(
                read("customers", List.of("credit_limit"), List.of(), List.of()),
                read("customers", List.of("credit_limitz"), List.of(), List.of()),
                "credit_limit",
                "credit_limitz");
        answersLikeAMissingColumn(
                ReadPlan.of("customers", List.of(Filter.of("credit_limit", Op.GT, 5L))),
                ReadPlan.of("customers", List.of(Filter.of("credit_limitz", Op.GT, 5L))),
                "credit_limit",
                "credit_limitz");
        answersLikeAMissingColumn(
                read("customers", List.of(), List.of(), List.of(Sort.descending("credit_limit"))),
                read("customers", List.of(), List.of(), List.of(Sort.descending("credit_limitz"))),
                "credit_limit",
                "credit_limitz");
        answersLikeAMissingColumn(
                ReadPlan.of("customers", List.of()).withAggregate(Aggregate.of(Aggregate.Fn.SUM, "credit_limit")),
                ReadPlan.of("customers", List.of()).withAggregate(Aggregate.of(Aggregate.Fn.SUM, "credit_limitz")),
                "credit_limit",
                "credit_limitz");
        answersLikeAMissingColumn(
                ReadPlan.of("customers", List.of()).withAggregate(Aggregate.count("notes")),
                ReadPlan.of("customers", List.of()).withAggregate(Aggregate.count("notez")),
                "notes",
                "notez");
        answersLikeAMissingColumn(
                new UpdatePlan("customers", Map.of("notes", "x"), List.of(Filter.eq("id", 1L))),
                new UpdatePlan("customers", Map.of("notez", "x"), List.of(Filter.eq("id", 1L))),
                "notes",
                "notez");
        answersLikeAMissingColumn(
                ReadPlan.of("orders", List.of(Related.of("customer_id", "customers", Filter.eq("notes", "vip")))),
                ReadPlan.of("orders", List.of(Related.of("customer_id", "customers", Filter.eq("notez", "vip")))),
                "notes",
                "notez");
    }

    @Test
    void grantedColumnsStayUsableWhateverTheirCaseInTheGrant() {
        Validation valid = validate(read(
                "customers",
                List.of("id", "name", "status"),
                List.of(Filter.eq("name", "Ada"), Filter.eq("status", "active")),
                List.of(Sort.ascending("name"))));

        assertThat(valid).isInstanceOf(Validation.Valid.class);
        assertThat(validate(new UpdatePlan("customers", Map.of("status", "inactive"), List.of(Filter.eq("id", 1L)))))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void theCallersCatalogAndThePlannersViewShowOnlyTheGrantedColumnsAndTheKey() {
        EntityCatalog seen = validator.callerCatalog(catalog, SUPPORT);
        Entity customers = seen.find("customers").orElseThrow();

        assertThat(customers.visibleColumns()).extracting(Column::name).containsExactly("id", "name", "status");
        assertThat(customers.form().readNames()).isSubsetOf("id", "name", "status");
        assertThat(customers.form().filterNames()).isSubsetOf("id", "name", "status");
        assertThat(customers.form().updateNames()).isSubsetOf("id", "name", "status");
        SchemaView view = SchemaView.of(seen);
        assertThat(view.entities().stream()
                        .filter(e -> e.name().equals("customers"))
                        .flatMap(e -> e.columns().stream())
                        .map(SchemaView.ColumnView::name))
                .containsExactly("id", "name", "status");
        assertThat(seen.fingerprint())
                .as("another view, another fingerprint")
                .isNotEqualTo(validator.callerCatalog(catalog, Users.editor()).fingerprint());
        assertThat(validator.callerCatalog(seen, SUPPORT))
                .as("cut once, cached")
                .isSameAs(seen);
    }

    @Test
    void anotherRoleStillSeesEveryVisibleColumn() {
        Entity customers = validator
                .callerCatalog(catalog, Users.editor())
                .find("customers")
                .orElseThrow();

        assertThat(customers.visibleColumns()).extracting(Column::name).contains("credit_limit", "notes", "email");
        assertThat(validator.validate(
                        read("customers", List.of("credit_limit"), List.of(), List.of()), catalog, Users.editor()))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void aForeignKeyLabelNeverShowsAnUngrantedColumnOfTheParent() {
        RolePolicy noNames = RolePolicy.of(
                Map.of("support", RoleGrant.of(Intent.READ).withColumns("customers", Set.of("id", "status"))));
        PlanValidator strict = new PlanValidator(Limits.defaults(), noNames, ReadOnlyMode.off());
        EntityCatalog seen = strict.callerCatalog(catalog, SUPPORT);
        EntityCatalog all = validator.callerCatalog(catalog, Users.editor());
        Entity orders = seen.find("orders").orElseThrow();

        assertThat(ForeignKeyLabels.of(seen, orders, List.of("customer_id"), e -> true))
                .as("customers' name is not granted: no label")
                .isEmpty();
        assertThat(ForeignKeyLabels.of(all, all.find("orders").orElseThrow(), List.of("customer_id"), e -> true))
                .as("an editor's orders label their customer")
                .isNotEmpty();
    }

    @Test
    void aCreateThatNeedsAnUngrantedColumnIsRefusedAsTheRolesWithoutNamingIt() {
        RolePolicy noName = RolePolicy.of(Map.of(
                "support",
                RoleGrant.of(Intent.READ, Intent.CREATE).withColumns("customers", Set.of("id", "status", "notes"))));
        PlanValidator strict = new PlanValidator(Limits.defaults(), noName, ReadOnlyMode.off());

        Refusal refusal =
                refused(strict.validate(new CreatePlan("customers", Map.of("status", "active")), catalog, SUPPORT));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusal.message()).contains("may not add to customers").doesNotContain("name");
        assertThat(validate(new CreatePlan("customers", Map.of("name", "Ada")))).isInstanceOf(Validation.Valid.class);
        assertThat(refused(validate(new CreatePlan("customers", Map.of("name", "Ada", "notes", "x"))))
                        .code())
                .as("an ungranted optional column cannot be set")
                .isEqualTo(RefusalCode.UNKNOWN_FIELD);
    }

    @Test
    void entitiesPerIntentFollowAConfigurationsShape() {
        RoleGrant support = RoleGrant.forEntities(Map.of(
                Intent.READ, Set.of("customers", "orders"),
                Intent.UPDATE, Set.of("customers")));
        RoleGrant editor = RoleGrant.forEntities(
                Map.of(Intent.READ, Set.of(RoleGrant.EVERY_ENTITY), Intent.UPDATE, Set.of("customers")));

        assertThat(support.allows(Intent.READ, "orders")).isTrue();
        assertThat(support.allows(Intent.UPDATE, "customers")).isTrue();
        assertThat(support.allows(Intent.UPDATE, "orders")).isFalse();
        assertThat(support.allows(Intent.CREATE, "customers")).isFalse();
        assertThat(support.allows(Intent.READ, "products")).isFalse();
        assertThat(editor.allows(Intent.READ, "products")).isTrue();
        assertThat(editor.allows(Intent.READ, "customers")).isTrue();
        assertThat(editor.allows(Intent.UPDATE, "customers")).isTrue();
        assertThat(editor.allows(Intent.UPDATE, "products")).isFalse();
        assertThat(RolePolicy.of(Map.of("support", support)).grant("editor"))
                .as("configured roles replace the defaults")
                .isEmpty();
    }

    @Test
    void aRowRuleIsAFilterTreeOnTheEntitysOwnFieldsNeverALink() {
        assertThatThrownBy(() -> RoleGrant.of(Intent.READ)
                        .withRowRules("orders", List.of(Related.of("customer_id", "customers", Filter.eq("id", 1L)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimFillsARulesValueInTheColumnsTypeAndAMissingClaimRefuses() {
        Entity orders = catalog.find("orders").orElseThrow();
        List<Condition> rules = List.of(Filter.eq("customer_id", ClaimValue.of("customer")));
        UserContext withClaim = new UserContext("u-7", "support", Optional.of("101"), Map.of("customer", "3"));

        RowRules.Resolution ready = RowRules.resolve(rules, orders, "orders", withClaim);
        RowRules.Resolution missing = RowRules.resolve(rules, orders, "orders", SUPPORT);
        RowRules.Resolution userId = RowRules.resolve(
                List.of(Filter.eq("status", ClaimValue.of(ClaimValue.USER_ID))), orders, "orders", SUPPORT);

        assertThat(ready).isEqualTo(new RowRules.Resolution.Ready(List.of(Filter.eq("customer_id", 3L))));
        assertThat(missing).isInstanceOf(RowRules.Resolution.Refused.class);
        assertThat(((RowRules.Resolution.Refused) missing).refusal().code()).isEqualTo(RefusalCode.CLAIM_MISSING);
        assertThat(userId).isEqualTo(new RowRules.Resolution.Ready(List.of(Filter.eq("status", "u-5"))));
    }

    @Test
    void aRowIsCheckedAgainstRulesInThreeWays() {
        List<Condition> rules = List.of(Filter.of("status", Op.NE, "cancelled"), Filter.of("total", Op.LE, 500L));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", "NEW");
        row.put("total", new java.math.BigDecimal("120.50"));

        assertThat(RowRules.holds(rules, row)).contains(true);
        row.put("status", "Cancelled");
        assertThat(RowRules.holds(rules, row)).as("text ignores case").contains(false);
        row.put("status", null);
        assertThat(RowRules.holds(rules, row)).as("NULL meets no comparison").contains(false);
        row.remove("status");
        assertThat(RowRules.holds(rules, row)).as("not known before the write").isEmpty();
        row.put("total", 900L);
        assertThat(RowRules.holds(rules, row)).as("one rule broken is enough").contains(false);
    }

    @Test
    void aGrantOfAHiddenOrUnknownColumnOrEntityIsAConfigurationProblem() {
        RolePolicy bad = RolePolicy.of(Map.of(
                "support",
                RoleGrant.forEntities(Map.of(Intent.READ, Set.of("customers", "users_auth")))
                        .withColumns("customers", Set.of("id", "password_hash", "nmae"))
                        .withRowRules("customers", List.of(Filter.eq("owner", ClaimValue.of("user_id"))))
                        .withRowRules("orderz", List.of(Filter.eq("status", "new")))));

        assertThat(bad.problems(catalog))
                .extracting(Object::toString)
                .containsExactly(
                        "roles.support.entities.users_auth: users_auth is not an entity the catalog exposes (hidden,"
                                + " or misspelt)",
                        "roles.support.columns.customers: nmae is hidden or does not exist on customers: a role can"
                                + " only be granted visible columns",
                        "roles.support.columns.customers: password_hash is hidden or does not exist on customers: a"
                                + " role can only be granted visible columns",
                        "roles.support.rows.customers: a rule names owner, which customers does not have",
                        "roles.support.rows.orderz: orderz is not an entity the catalog exposes (hidden, or misspelt)");
        assertThat(roles.problems(catalog)).isEmpty();
    }
}
