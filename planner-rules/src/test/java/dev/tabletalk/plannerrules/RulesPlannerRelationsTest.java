package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Relationship phrases (#13): a related row named by its label becomes a {@link Related} condition along the
 * declared foreign keys only; a key stays a plain filter; a phrase that reads more than one way is asked about
 * with numbered choices that each carry their whole plan; and one that cannot be placed is refused, never
 * dropped.
 */
@Tag("invariant-11")
class RulesPlannerRelationsTest {

    private static final SchemaView NORTHWIND = SampleSchemas.northwind();
    private static final SchemaView SAKILA = SampleSchemas.sakila();

    private final RulesPlanner planner = RulesPlanner.create();

    private PlannerOutput plan(String message, SchemaView schema) {
        return planner.plan(PlannerRequest.standalone(message, schema));
    }

    @Test
    void aRelatedRowNamedByItsLabelIsARelationshipCondition() {
        assertThat(plan("products in the category Beverages", NORTHWIND).filters())
                .containsExactly(Related.of("category_id", "categories", Filter.eq("category_name", "Beverages")));
        assertThat(plan("orders of customer Alfreds Futterkiste", NORTHWIND).filters())
                .containsExactly(
                        Related.of("customer_id", "customers", Filter.eq("company_name", "Alfreds Futterkiste")));
        // a two-word name of an entity with first and last names is both
        assertThat(plan("payments of customer MARY SMITH", SAKILA).filters())
                .containsExactly(Related.of(
                        "customer_id", "customer", Filter.eq("first_name", "MARY"), Filter.eq("last_name", "SMITH")));
        // "by" with no field after it: the one key whose name shares the verb's stem
        assertThat(plan("products supplied by Exotic Liquids", NORTHWIND).filters())
                .containsExactly(Related.of("supplier_id", "suppliers", Filter.eq("company_name", "Exotic Liquids")));
        assertThat(plan("employees managed by Andrew Fuller", NORTHWIND).filters())
                .containsExactly(Related.of(
                        "reports_to",
                        "employees",
                        Filter.eq("first_name", "Andrew"),
                        Filter.eq("last_name", "Fuller")));
    }

    @Test
    void theRelatedRowsNameIsKeptAsTyped() {
        assertThat(plan("products supplied by \"Pavlova, Ltd.\"", NORTHWIND).filters())
                .containsExactly(Related.of("supplier_id", "suppliers", Filter.eq("company_name", "Pavlova, Ltd.")));
        assertThat(plan("products of supplier AC/DC Imports", NORTHWIND).filters())
                .containsExactly(Related.of("supplier_id", "suppliers", Filter.eq("company_name", "AC/DC Imports")));
        assertThat(plan("products of the supplier Heli Süßwaren GmbH", NORTHWIND)
                        .filters())
                .containsExactly(
                        Related.of("supplier_id", "suppliers", Filter.eq("company_name", "Heli Süßwaren GmbH")));
    }

    @Test
    void theRestOfTheMessageStillCounts() {
        PlannerOutput output = plan("the 5 latest rentals of customer MARY SMITH", SAKILA);
        assertThat(output.filters())
                .containsExactly(Related.of(
                        "customer_id", "customer", Filter.eq("first_name", "MARY"), Filter.eq("last_name", "SMITH")));
        assertThat(output.orderBy()).containsExactly(Sort.descending("rental_date"));
        assertThat(output.limit()).isEqualTo(OptionalInt.of(5));
        assertThat(plan("orders of customer Alfreds Futterkiste with freight over 50", NORTHWIND)
                        .filters())
                .containsExactlyInAnyOrder(
                        Filter.of("freight", Op.GT, 50L),
                        Related.of("customer_id", "customers", Filter.eq("company_name", "Alfreds Futterkiste")));
    }

    @Test
    void aKeyIsAPlainFilterOnTheForeignKey() {
        assertThat(plan("orders of customer ALFKI", NORTHWIND).filters())
                .containsExactly(Filter.eq("customer_id", "ALFKI"));
        assertThat(plan("show payments by customer 1", SAKILA).filters()).containsExactly(Filter.eq("customer_id", 1L));
        // a rental has no film_id: the key of the film is followed through the inventory item
        assertThat(plan("rentals of film 5", SAKILA).filters())
                .containsExactly(Related.of("inventory_id", "inventory", Filter.eq("film_id", 5L)));
    }

    @Test
    void foreignKeysAreFollowedInARow() {
        assertThat(plan("rentals of the film ACADEMY DINOSAUR", SAKILA).filters())
                .containsExactly(Related.of(
                        "inventory_id",
                        "inventory",
                        Related.of("film_id", "film", Filter.eq("title", "ACADEMY DINOSAUR"))));
        // three keys (address, city, country) nest deeper than a plan may: refused with a way to ask, never cut
        PlannerOutput tooDeep = plan("customers in the country Canada", SAKILA);
        assertThat(tooDeep.refusal()).isPresent();
        assertThat(tooDeep.refusal().get().message()).contains("at most two links", "two steps");
    }

    @Test
    void relationshipPhrasesChain() {
        assertThat(plan("order details of orders of customer ALFKI", NORTHWIND).filters())
                .containsExactly(Related.of("order_id", "orders", Filter.eq("customer_id", "ALFKI")));
        assertThat(plan("order details of orders of customer Alfreds Futterkiste", NORTHWIND)
                        .filters())
                .containsExactly(Related.of(
                        "order_id",
                        "orders",
                        Related.of("customer_id", "customers", Filter.eq("company_name", "Alfreds Futterkiste"))));
    }

    @Test
    void twoKeysToChooseFromAreAskedAboutWithTheWholePlanInEachChoice() {
        PlannerOutput output = plan("orders by Nancy Davolio sorted by freight", NORTHWIND);

        assertThat(output.refusal()).isEmpty();
        assertThat(output.intent()).isEqualTo(Intent.UNKNOWN);
        Question question = output.question().orElseThrow();
        assertThat(question.text()).contains("\"Nancy Davolio\"");
        assertThat(question.choices())
                .extracting(Question.Choice::label)
                .containsExactly("customer_id (customers)", "employee_id (employees)", "ship_via (shippers)");
        ReadPlan employee = (ReadPlan) question.choices().get(1).plan();
        assertThat(employee.entity()).isEqualTo("orders");
        assertThat(employee.filters())
                .containsExactly(Related.of(
                        "employee_id",
                        "employees",
                        Filter.eq("first_name", "Nancy"),
                        Filter.eq("last_name", "Davolio")));
        assertThat(employee.orderBy()).containsExactly(Sort.ascending("freight"));
    }

    @Test
    void aByThatCouldGoSeveralWaysIsAskedAboutNotGuessed() {
        // a rental's customer, its staff member, or its inventory item's film: "by" does not say which
        Question question = plan("rentals by MARY SMITH", SAKILA).question().orElseThrow();

        assertThat(question.choices())
                .extracting(Question.Choice::label)
                .contains("customer_id (customer)", "staff_id (staff)", "inventory_id (inventory) > film_id (film)");
        assertThat(plan("films by PENELOPE GUINESS", SAKILA).filters()).isEmpty();
    }

    @Test
    void aOneWordPersonNameIsAskedAboutNotGuessed() {
        Question question =
                plan("payments of customer SMITH", SAKILA).question().orElseThrow();

        assertThat(question.choices()).extracting(Question.Choice::label).containsExactly("first_name", "last_name");
        assertThat(((ReadPlan) question.choices().get(1).plan()).filters())
                .containsExactly(Related.of("customer_id", "customer", Filter.eq("last_name", "SMITH")));
    }

    @Test
    void entitiesWithNoForeignKeyBetweenThemAreRefusedSayingSo() {
        PlannerOutput output = plan("films in the category Action", SAKILA);

        assertThat(output.refusal()).isPresent();
        assertThat(output.refusal().get().message())
                .contains("\"category Action\"", "film has no foreign key to category", "nothing was read");
    }

    @Test
    void aRelatedEntityWithoutANameOrTitleIsRefusedSayingSo() {
        PlannerOutput output = plan("territories in the region Eastern", NORTHWIND);

        assertThat(output.refusal()).isPresent();
        assertThat(output.refusal().get().message()).contains("region has no name or title", "\"Eastern\"");
    }

    @Test
    void onlyDeclaredForeignKeysAreFollowedNeverColumnNames() {
        // the same schema without its foreign keys (or with their targets hidden): customer_id names no entity
        SchemaView undeclared = new SchemaView(
                NORTHWIND.fingerprint(),
                NORTHWIND.entities().stream()
                        .map(RulesPlannerRelationsTest::withoutReferences)
                        .toList());

        PlannerOutput output = plan("orders of customer Alfreds Futterkiste", undeclared);

        assertThat(output.refusal()).isPresent();
        assertThat(output.filters()).isEmpty();
        assertThat(plan("products supplied by Exotic Liquids", undeclared).refusal())
                .isPresent();
    }

    @Test
    void anUpdatesRowsOfARelatedRowAreAConditionNeverAChange() {
        PlannerOutput output = plan("set the email of customers of the store 1 to x@example.com", SAKILA);

        assertThat(output.intent()).isEqualTo(Intent.UPDATE);
        assertThat(output.fields()).containsExactly(Map.entry("email", "x@example.com"));
        assertThat(output.filters()).containsExactly(Filter.eq("store_id", 1L));
        // a related row's name cannot choose the rows of an update yet: refused, not widened
        assertThat(plan("update orders of customer Alfreds Futterkiste set freight to 0", NORTHWIND)
                        .refusal())
                .isPresent();
    }

    private static EntityView withoutReferences(EntityView entity) {
        List<ColumnView> columns = entity.columns().stream()
                .map(c -> new ColumnView(c.name(), c.type(), c.enumValues(), c.comment(), c.nullable(), c.roles()))
                .toList();
        return new EntityView(
                entity.name(),
                entity.comment(),
                entity.writable(),
                entity.primaryKey(),
                columns,
                entity.tenancy(),
                entity.softDelete());
    }
}
