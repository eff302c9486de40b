package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import dev.tabletalk.testkit.fixtures.Users;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #13: the rules planner asks a short question where one part of a message fits more than one column, uses the
 * column when only one fits, and refuses as before when none does; the answer, by number or by name, runs the
 * chosen plan through the engine.
 */
@Tag("invariant-11")
class RulesPlannerClarifyTest {

    private static final SchemaView NORTHWIND = SampleSchemas.northwind();
    private static final SchemaView SAKILA = SampleSchemas.sakila();

    private final RulesPlanner planner = RulesPlanner.create();

    private PlannerOutput plan(String message, SchemaView schema) {
        return planner.plan(PlannerRequest.standalone(message, schema));
    }

    private Question question(String message, SchemaView schema) {
        PlannerOutput output = plan(message, schema);
        assertThat(output.question()).as(message + " -> " + PlanText.of(output)).isPresent();
        assertThat(output.refusal()).isEmpty();
        return output.question().get();
    }

    private static List<String> labels(Question question) {
        return question.choices().stream().map(Question.Choice::label).toList();
    }

    @Test
    void aValueWithoutItsFieldIsAskedAboutWithAChoicePerPlaceColumnCountryFirst() {
        Question question = question("customers from Germany", NORTHWIND);

        assertThat(question.text()).isEqualTo("'Germany': country, city or region?");
        assertThat(labels(question)).containsExactly("country", "city", "region");
        assertThat(question.choices())
                .extracting(Question.Choice::plan)
                .containsExactly(
                        ReadPlan.of("customers", List.of(Filter.eq("country", "Germany"))),
                        ReadPlan.of("customers", List.of(Filter.eq("city", "Germany"))),
                        ReadPlan.of("customers", List.of(Filter.eq("region", "Germany"))));
        assertThat(question.choices().get(0).value()).isEqualTo("customers.country = Germany");
    }

    @Test
    void eachChoiceCarriesTheWholeRestOfThePlan() {
        Question question = question("the first 5 customers in Germany sorted by company name", NORTHWIND);

        assertThat(question.choices())
                .extracting(Question.Choice::plan)
                .first()
                .isEqualTo(new ReadPlan(
                        "customers",
                        List.of(),
                        List.of(Filter.eq("country", "Germany")),
                        List.of(new Sort("company_name", false)),
                        OptionalInt.of(5)));
        // orders keep their ship_ columns: the same question, in the entity's own words
        assertThat(labels(question("orders from France", NORTHWIND)))
                .containsExactly("ship_country", "ship_city", "ship_region");
        // a quoted multi-word value is kept whole, and is a place after "in", not a company name
        assertThat(question("customers in 'Buenos Aires'", NORTHWIND).text()).startsWith("'Buenos Aires':");
        // an update asks about its condition; the chosen plan still goes to a preview
        assertThat(question("set the fax of customers in Berlin to 030-0076545", NORTHWIND)
                        .choices()
                        .get(1)
                        .plan())
                .isEqualTo(new UpdatePlan(
                        "customers", Map.of("fax", "030-0076545"), List.of(Filter.eq("city", "Berlin"))));
    }

    @Test
    void shippedToOrOrAndNotAreAskedAboutWithTheirOperator() {
        assertThat(question("orders shipped to Germany", NORTHWIND)
                        .choices()
                        .get(1)
                        .plan())
                .isEqualTo(ReadPlan.of("orders", List.of(Filter.eq("ship_city", "Germany"))));
        Question either = question("customers in Germany or France", NORTHWIND);
        assertThat(either.text()).isEqualTo("'Germany or France': country, city or region?");
        assertThat(either.choices().get(0).plan())
                .isEqualTo(
                        ReadPlan.of("customers", List.of(Filter.of("country", Op.IN, List.of("Germany", "France")))));
        assertThat(question("customers not in Germany", NORTHWIND)
                        .choices()
                        .get(0)
                        .plan())
                .isEqualTo(ReadPlan.of("customers", List.of(Filter.of("country", Op.NE, "Germany"))));
        assertThat(question("suppliers not from Japan or Italy", NORTHWIND)
                        .choices()
                        .get(2)
                        .plan())
                .isEqualTo(
                        ReadPlan.of("suppliers", List.of(Filter.of("region", Op.NOT_IN, List.of("Japan", "Italy")))));
        // "to" names a place only after "shipped", "sent", "delivered"
        assertThat(PlanText.of(plan("customers to Germany", NORTHWIND))).isEqualTo("refuse not_understood");
    }

    @Test
    void theOnePlaceColumnIsUsedWithoutAsking() {
        SchemaView onlyCountry = SchemaView.of(withoutColumns("suppliers", "city", "region"));

        assertThat(PlanText.of(plan("suppliers from Japan", onlyCountry)))
                .isEqualTo("read suppliers where country = \"Japan\"");
    }

    @Test
    void anEnumColumnThatAllowsTheValueWinsOutright() {
        assertThat(PlanText.of(plan("films in PG-13", SAKILA))).isEqualTo("read film where rating = \"PG-13\"");
    }

    @Test
    void noColumnOrAPlaceReachedThroughAForeignKeyIsRefusedAsBefore() {
        // sakila's customer reaches its city through address_id: a relationship, never one of its own columns
        assertThat(PlanText.of(plan("customers in Paris", SAKILA))).isEqualTo("refuse not_understood");
        // a city's own name column does not hold its country
        assertThat(PlanText.of(plan("cities in Canada", SAKILA))).isEqualTo("refuse not_understood");
        // products have no place at all
        assertThat(PlanText.of(plan("products from Exotic Liquids", NORTHWIND))).isEqualTo("refuse not_understood");
        // two values without fields: one question at a time, so the second is refused, never dropped
        assertThat(PlanText.of(plan("customers from Germany in Berlin", NORTHWIND)))
                .startsWith("refuse");
    }

    @Test
    void aSuperlativeWithSeveralFittingDatesAsksWhichOne() {
        Question oldest = question("the 3 oldest employees", NORTHWIND);

        assertThat(oldest.text()).isEqualTo("'oldest': by birth_date or hire_date?");
        assertThat(oldest.choices())
                .extracting(Question.Choice::plan)
                .containsExactly(
                        new ReadPlan(
                                "employees",
                                List.of(),
                                List.of(),
                                List.of(new Sort("birth_date", false)),
                                OptionalInt.of(3)),
                        new ReadPlan(
                                "employees",
                                List.of(),
                                List.of(),
                                List.of(new Sort("hire_date", false)),
                                OptionalInt.of(3)));
        assertThat(labels(question("5 latest films", SAKILA))).containsExactly("release_year", "last_update");
    }

    @Test
    void theEntitysOwnDateOrTheOnlyCreationDateIsUsedWithoutAsking() {
        assertThat(PlanText.of(plan("most recent orders", NORTHWIND))).isEqualTo("read orders order order_date desc");
        assertThat(PlanText.of(plan("the latest rentals", SAKILA))).isEqualTo("read rental order rental_date desc");
        // create_date beside last_update: the row's creation is what "newest" means
        assertThat(PlanText.of(plan("newest customers", SAKILA))).isEqualTo("read customer order create_date desc");
    }

    @Test
    void cheapestAsksBetweenTwoAmountsAndUsesTheOnlyOne() {
        Question cheapest = question("the 10 cheapest films rated PG", SAKILA);

        assertThat(cheapest.text()).isEqualTo("'cheapest': by rental_rate or replacement_cost?");
        assertThat(cheapest.choices().get(1).plan())
                .isEqualTo(new ReadPlan(
                        "film",
                        List.of(),
                        List.of(Filter.eq("rating", "PG")),
                        List.of(new Sort("replacement_cost", false)),
                        OptionalInt.of(10)));
        assertThat(PlanText.of(plan("the most expensive product", NORTHWIND)))
                .isEqualTo("read products order unit_price desc limit 1");
    }

    // ---- answered through the engine ------------------------------------------------------------------

    @Test
    void anAnswerByNumberOrByNameRunsThatChoicesPlan() {
        Conversation talk = new Conversation();

        Reply asked = talk.say("customers from Germany");
        assertThat(asked.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(asked.text()).contains("'Germany'", "1. country", "2. city", "3. region");
        assertThat(asked.part(ReplyPart.Rows.class)).isEmpty();

        Reply byNumber = talk.say("1");
        assertThat(byNumber.stage()).isEqualTo(Stage.IDLE);
        assertThat(talk.ids(byNumber)).containsExactly("ALFKI", "FRANK");

        talk.say("customers from Berlin");
        Reply byName = talk.say("city");
        assertThat(talk.ids(byName)).containsExactly("ALFKI");
    }

    @Test
    void anAnsweredSortRunsInTheChosenOrder() {
        Conversation talk = new Conversation();

        assertThat(talk.say("the 2 oldest employees").stage()).isEqualTo(Stage.CLARIFYING);
        Reply byBirth = talk.say("birth_date");
        assertThat(talk.ids(byBirth)).containsExactly(2L, 1L);

        talk.say("the 2 oldest employees");
        assertThat(talk.ids(talk.say("2"))).containsExactly(1L, 2L);
    }

    /** One session through the engine, the rules planner and the in-memory executor over Northwind. */
    private static final class Conversation {

        private final ConversationEngine engine;

        Conversation() {
            EntityCatalog catalog = SampleSchemas.northwindCatalog();
            InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
            executor.insert("customers", customer("ALFKI", "Berlin", "Germany"));
            executor.insert("customers", customer("BONAP", "Marseille", "France"));
            executor.insert("customers", customer("FRANK", "München", "Germany"));
            executor.insert("employees", employee(1L, "1948-12-08", "1992-05-01"));
            executor.insert("employees", employee(2L, "1937-09-19", "1993-10-17"));
            engine = ConversationEngine.builder()
                    .schemaCatalog(new StaticSchemaCatalog(catalog))
                    .planner(RulesPlanner.create())
                    .executor(executor)
                    .auditLog(new RecordingAuditLog())
                    .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                    .readOnlyMode(ReadOnlyMode.off())
                    .build();
        }

        Reply say(String message) {
            return engine.handle(ChatRequest.of("s-clarify", Users.editorWithoutTenant(), message));
        }

        List<Object> ids(Reply reply) {
            assertThat(reply.part(ReplyPart.Rows.class)).as(reply.text()).isPresent();
            return reply.part(ReplyPart.Rows.class).orElseThrow().rows().rows().stream()
                    .map(row -> row.get(row.containsKey("customer_id") ? "customer_id" : "employee_id"))
                    .toList();
        }

        private static Map<String, Object> customer(String id, String city, String country) {
            return Map.of("customer_id", id, "company_name", "Company " + id, "city", city, "country", country);
        }

        private static Map<String, Object> employee(long id, String born, String hired) {
            return Map.of(
                    "employee_id",
                    id,
                    "last_name",
                    "Employee " + id,
                    "first_name",
                    "E" + id,
                    "birth_date",
                    LocalDate.parse(born),
                    "hire_date",
                    LocalDate.parse(hired));
        }
    }

    private static EntityCatalog withoutColumns(String entityName, String... names) {
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : SampleSchemas.northwindCatalog().entities()) {
            if (entity.name().equals(entityName)) {
                entity = entity.withColumns(entity.columns().stream()
                        .filter(c -> !List.of(names).contains(c.name()))
                        .toList());
            }
            entities.add(entity);
        }
        return EntityCatalog.of(entities);
    }
}
