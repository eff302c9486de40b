package dev.tabletalk.benchmarks;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules planner's speed, each figure against a baseline measured in the same run (so the ratios
 * hold on any machine): planning on a generated 2,000-table schema against the same generator's 20
 * tables (the first plan, which builds the schema index, and warm plans), and long, repetitive messages
 * (up to 4,000 characters) against a short one on Northwind and Sakila. The unit tests count the work
 * (one index per schema) and this measures its time (#12).
 *
 * <p>Not a test. Run with the {@code benchmarks} profile (see docs/performance.md), or on its own:
 * {@code java -cp <benchmarks classpath> dev.tabletalk.benchmarks.RulesPlannerBenchmark [tables] [warm runs]}.
 */
public final class RulesPlannerBenchmark {

    private static final String[] NOUNS = {
        "customer",
        "order",
        "invoice",
        "product",
        "supplier",
        "shipment",
        "warehouse",
        "employee",
        "contract",
        "ticket",
        "asset",
        "vehicle",
        "booking",
        "payment",
        "account"
    };
    private static final String[] QUALIFIERS = {
        "archive", "history", "detail", "line", "note", "tag", "link", "event", "audit", "rule", "price", "stock",
        "plan", "review", "version"
    };
    private static final List<String> MESSAGES = List.of(
            "show customers where city is Berlin",
            "list the 10 most recent invoices",
            "add a product named Widget with price 9.99",
            "set the status of ticket 42 to closed",
            "show warehouse stock 7",
            "find custmers with email ada@x.org",
            "delete invoice 5",
            "show vehicle bookings created after 2024-01-01");
    private static final int BASELINE_TABLES = 20;
    private static final int FIRST_PLAN_ROUNDS = 5;

    private RulesPlannerBenchmark() {}

    public static void main(String[] args) {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.out.printf(
                Locale.ROOT,
                "RulesPlannerBenchmark: %d tables against %d, %d warm plans each%n",
                tables,
                BASELINE_TABLES,
                warmRuns);
        schemaSize(tables, warmRuns);
        longMessages("Northwind", SampleSchemas.northwind());
        longMessages("Sakila", SampleSchemas.sakila());
    }

    private static void schemaSize(int tables, int warmRuns) {
        EntityCatalog big = catalog(tables);
        EntityCatalog small = catalog(BASELINE_TABLES);
        // each round: a fresh planner, so its first plan builds the index again
        double bigFirst = Double.MAX_VALUE;
        double smallFirst = Double.MAX_VALUE;
        for (int round = 0; round < FIRST_PLAN_ROUNDS; round++) {
            smallFirst = Math.min(smallFirst, firstPlanMillis(SchemaView.of(small)));
            bigFirst = Math.min(bigFirst, firstPlanMillis(SchemaView.of(big)));
        }
        Timing smallWarm = warm(SchemaView.of(small), MESSAGES, warmRuns);
        Timing bigWarm = warm(SchemaView.of(big), MESSAGES, warmRuns);
        System.out.printf(
                Locale.ROOT,
                "  first plan (builds the index), best of %d: %d tables %.2f ms, %d tables" + " %.2f ms (x%.1f)%n",
                FIRST_PLAN_ROUNDS,
                BASELINE_TABLES,
                smallFirst,
                tables,
                bigFirst,
                bigFirst / smallFirst);
        System.out.printf(
                Locale.ROOT,
                "  warm plan median: %d tables %.3f ms, %d tables %.3f ms (x%.1f);"
                        + " p95 %.3f ms vs %.3f ms (x%.1f)%n",
                BASELINE_TABLES,
                smallWarm.median(),
                tables,
                bigWarm.median(),
                bigWarm.median() / smallWarm.median(),
                smallWarm.p95(),
                bigWarm.p95(),
                bigWarm.p95() / smallWarm.p95());
    }

    private static final List<String> LONG_MESSAGES = List.of(
            "show customers with city Berlin or Paris and ".repeat(100),
            "with ".repeat(800),
            "update film 1 set title to x where ".repeat(120),
            "'a' ".repeat(1000),
            "customer order product film actor rental payment ".repeat(80));

    private static void longMessages(String name, SchemaView schema) {
        Timing shortMessage = warm(schema, List.of("show customers with city Berlin"), 200);
        System.out.printf(Locale.ROOT, "  %s: a short message %.3f ms (median)%n", name, shortMessage.median());
        for (String message : LONG_MESSAGES) {
            Timing timing = warm(schema, List.of(message), 20);
            System.out.printf(
                    Locale.ROOT,
                    "    %4d chars '%s...': %.2f ms (x%.0f)%n",
                    message.length(),
                    message.substring(0, 12),
                    timing.median(),
                    timing.median() / shortMessage.median());
        }
    }

    private static double firstPlanMillis(SchemaView view) {
        RulesPlanner planner = RulesPlanner.create();
        long started = System.nanoTime();
        planner.plan(PlannerRequest.standalone(MESSAGES.get(0), view));
        return (System.nanoTime() - started) / 1e6;
    }

    /** Plans each message in turn after a warm-up; median and p95 of one plan, in milliseconds. */
    private static Timing warm(SchemaView view, List<String> messages, int runs) {
        RulesPlanner planner = RulesPlanner.create();
        for (int n = 0; n < Math.max(20, runs / 4); n++) {
            planner.plan(PlannerRequest.standalone(messages.get(n % messages.size()), view));
        }
        long[] times = new long[runs];
        for (int n = 0; n < runs; n++) {
            long started = System.nanoTime();
            planner.plan(PlannerRequest.standalone(messages.get(n % messages.size()), view));
            times[n] = System.nanoTime() - started;
        }
        Arrays.sort(times);
        return new Timing(times[runs / 2] / 1e6, times[Math.min(runs - 1, runs * 95 / 100)] / 1e6);
    }

    private record Timing(double median, double p95) {}

    /** The planner-rules test's generated schema: four named tables, then nouns x qualifiers, 15 columns each. */
    private static EntityCatalog catalog(int tables) {
        List<Entity> entities = new ArrayList<>();
        entities.add(table("customers", List.of("customer_id", "name", "email", "city", "status", "created_at")));
        entities.add(table("invoices", List.of("invoice_id", "customer_id", "total", "status", "issued_on")));
        entities.add(table("products", List.of("product_id", "name", "price", "stock")));
        entities.add(table("tickets", List.of("ticket_id", "title", "status", "opened_at")));
        for (int i = entities.size(); i < tables; i++) {
            String name = NOUNS[i % NOUNS.length] + "_" + QUALIFIERS[(i / NOUNS.length) % QUALIFIERS.length] + "_" + i;
            List<String> columns = new ArrayList<>();
            columns.add("id");
            for (int c = 1; c < 15; c++) {
                columns.add(QUALIFIERS[(i + c) % QUALIFIERS.length] + "_" + NOUNS[(i * c) % NOUNS.length] + "_" + c);
            }
            entities.add(table(name, columns));
        }
        return EntityCatalog.of(entities);
    }

    private static Entity table(String name, List<String> columnNames) {
        List<Column> columns = new ArrayList<>();
        for (String column : columnNames) {
            ValueType type = column.endsWith("id") || column.equals("stock")
                    ? ValueType.INTEGER
                    : column.endsWith("_at") || column.endsWith("_on")
                            ? ValueType.TIMESTAMP
                            : column.equals("total") || column.equals("price") ? ValueType.DECIMAL : ValueType.TEXT;
            columns.add(Column.builder(column, type)
                    .nullable(!column.equals(columnNames.get(0)))
                    .build());
        }
        List<FormField> all =
                columnNames.stream().map(c -> new FormField(c, "test")).toList();
        List<FormField> rest = all.subList(1, all.size());
        Form form = new Form(List.of(), rest, all, all, rest);
        return new Entity(
                "public",
                name,
                EntityKind.TABLE,
                columns,
                List.of(columnNames.get(0)),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "test",
                form);
    }
}
