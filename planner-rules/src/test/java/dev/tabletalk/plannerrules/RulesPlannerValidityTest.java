package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plans the rules planner produces pass core's strict validator as they are: integers as
 * Long, dates as ISO text, only filterable fields filtered, enum values spelt as the catalog
 * spells them. And no message, however odd, makes the planner throw.
 */
class RulesPlannerValidityTest {

    private final RulesPlanner planner = RulesPlanner.create();
    private final PlanValidator validator =
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off());
    private final UserContext editor = UserContext.of("tester", "editor");

    /** Every labelled set, blind ones included: checking that plans are valid tunes nothing. */
    private static final List<String> LABELLED_SETS = List.of(
            "accuracy.tsv",
            "heldout.tsv",
            "heldout2.tsv",
            "heldout3.tsv",
            "heldout4.tsv",
            "nosilent.tsv",
            "nosilent-blind.tsv",
            "forms.tsv",
            "forms-blind.tsv",
            "relations.tsv",
            "relations-blind.tsv",
            "dates.tsv",
            "dates-blind.tsv",
            "clarify.tsv",
            "clarify-blind.tsv");

    @Test
    void everyPlanOfTheLabelledSetsPassesTheCoreValidator() throws Exception {
        Map<String, EntityCatalog> catalogs = Map.of(
                "northwind", SampleSchemas.northwindCatalog(),
                "sakila", SampleSchemas.sakilaCatalog(),
                "pagila", SampleSchemas.pagilaCatalog());
        List<RulesPlannerAccuracyTest.Case> cases = new ArrayList<>();
        for (String file : LABELLED_SETS) {
            cases.addAll(RulesPlannerAccuracyTest.load(file));
        }
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (RulesPlannerAccuracyTest.Case c : cases) {
            EntityCatalog catalog = catalogs.get(c.schema());
            PlannerOutput output = planner.plan(
                    PlannerRequest.standalone(c.message(), SchemaView.of(catalog), RulesPlannerAccuracyTest.TODAY));
            // a question's plans are the choices: each must pass the validator as if the planner had returned it
            List<Plan> plans = output.question().isPresent()
                    ? output.question().get().choices().stream()
                            .map(Question.Choice::plan)
                            .toList()
                    : output.entity().stream()
                            .flatMap(e -> planOf(output, e).stream())
                            .toList();
            for (Plan plan : plans) {
                Validation validation = plan instanceof CreatePlan create
                        ? validator.validateValues(Intent.CREATE, create.entity(), create.values(), catalog, editor)
                        : validator.validate(plan, catalog, editor);
                checked++;
                // a value that is simply too long or too large for its column is the person's, not the planner's,
                // problem
                if (validation instanceof Validation.Invalid problems
                        && problems.problems().stream()
                                .anyMatch(p -> p.code() != RefusalCode.VALUE_TOO_LONG
                                        && p.code() != RefusalCode.OUT_OF_RANGE)) {
                    invalid.add(c.message() + " -> " + PlanText.of(output) + ": " + problems.problems());
                }
            }
        }
        assertThat(checked).isGreaterThan(600);
        assertThat(invalid).as("plans the validator refuses").isEmpty();
    }

    /** The plan a planner output stands for; none for an update without changes or conditions (it asks first). */
    private static Optional<Plan> planOf(PlannerOutput output, String entity) {
        return switch (output.intent()) {
            case READ -> Optional.of(output.readPlan(entity));
            case CREATE -> Optional.of(new CreatePlan(entity, output.fields()));
            case UPDATE ->
                output.fields().isEmpty() || output.filters().isEmpty()
                        ? Optional.empty()
                        : Optional.of(output.updatePlan(entity));
            default -> Optional.empty();
        };
    }

    /**
     * Long and repetitive messages are planned, never thrown at; the timeout only guards against a hang
     * (how fast they are planned, against a short message, is measured in {@code RulesPlannerBenchmark}).
     */
    @Test
    @Timeout(60)
    void longMessagesArePlanned() {
        List<SchemaView> schemas = List.of(SampleSchemas.northwind(), SampleSchemas.sakila());
        List<String> messages = List.of(
                "show customers with city Berlin or Paris and ".repeat(100),
                "with ".repeat(800),
                "update film 1 set title to x where ".repeat(120),
                "'a' ".repeat(1000),
                "customer order product film actor rental payment ".repeat(80));
        for (SchemaView schema : schemas) {
            planner.plan(PlannerRequest.standalone("warm up", schema));
            for (String message : messages) {
                assertThat(planner.plan(PlannerRequest.standalone(message, schema)))
                        .as("%d chars", message.length())
                        .isNotNull();
            }
        }
    }

    @Test
    void neverThrowsWhateverTheMessage() {
        List<String> vocabulary = List.of(
                "show",
                "add",
                "set",
                "update",
                "rename",
                "mark",
                "move",
                "to",
                "of",
                "as",
                "where",
                "with",
                "without",
                "no",
                "named",
                "called",
                "titled",
                "between",
                "and",
                "or",
                "over",
                "under",
                "first",
                "top",
                "most",
                "recent",
                "latest",
                "by",
                "sorted",
                "order",
                "starts",
                "with",
                "containing",
                "is",
                "not",
                "null",
                "=",
                ":",
                ",",
                "'quoted value'",
                "\"x\"",
                "42",
                "-7",
                "3.14",
                "2024-02-29",
                "2024-02-29T10:00:00Z",
                "a@b.org",
                "customer",
                "customers",
                "order",
                "orders",
                "film",
                "films",
                "actor",
                "name",
                "first name",
                "last",
                "unit price",
                "rating",
                "PG-13",
                "active",
                "inactive",
                "store",
                "language",
                "payment",
                "amount",
                "date",
                "\u0441ustomer",
                "f\u0456lm",
                "M\u00fcnchen",
                "\u200b",
                "(",
                ")",
                "'",
                "\"",
                "-",
                "%",
                "_",
                "#",
                "customer's",
                "10248's",
                "");
        List<SchemaView> schemas = List.of(SampleSchemas.northwind(), SampleSchemas.sakila(), SampleSchemas.pagila());
        Random random = new Random(20261126L);
        for (int n = 0; n < 1500; n++) {
            StringBuilder message = new StringBuilder();
            int words = 1 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                message.append(vocabulary.get(random.nextInt(vocabulary.size())))
                        .append(random.nextInt(5) == 0 ? "" : " ");
            }
            for (SchemaView schema : schemas) {
                PlannerOutput output = planner.plan(PlannerRequest.standalone(message.toString(), schema));
                assertThat(output).as(message.toString()).isNotNull();
                if (output.intent() != Intent.UNKNOWN) {
                    assertThat(output.entity()).as(message.toString()).isPresent();
                }
            }
        }
    }
}
