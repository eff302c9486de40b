package dev.tabletalk.benchmarks;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.testkit.fixtures.GeneratedCatalogs;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

    private static final List<String> MESSAGES = List.of(
            "show customers where city is Berlin",
            "list the 10 most recent invoices",
            "add a product named Widget with price 9.99",
            "set the status of ticket 42 to closed",
            "show warehouse stock 7",
            "find custmers with email ada@x.org",
            "delete invoice 5",
            "show vehicle bookings created after 2024-01-01",
            // the plan language v2 (#13): a value without its field, an aggregate, dates, a relationship, a superlative
            "customers from Germany",
            "number of invoices per billing country",
            "orders in March 2024 or in the last 7 days",
            "invoices of customer 7 sorted by total",
            "the 3 most recent bookings");
    private static final int BASELINE_TABLES = 20;
    private static final int FIRST_PLAN_ROUNDS = 5;
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 3);

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
        EntityCatalog big = GeneratedCatalogs.wide(tables);
        EntityCatalog small = GeneratedCatalogs.wide(BASELINE_TABLES);
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

    /**
     * Plans each message in turn after a warm-up; median and p95 of one plan, in milliseconds. Each request is on
     * another day, so that the planner reads every one instead of finding an equal request's plan (#17).
     */
    private static Timing warm(SchemaView view, List<String> messages, int runs) {
        RulesPlanner planner = RulesPlanner.create();
        int warmUp = Math.max(20, runs / 4);
        for (int n = 0; n < warmUp; n++) {
            planner.plan(request(messages.get(n % messages.size()), view, n));
        }
        long[] times = new long[runs];
        for (int n = 0; n < runs; n++) {
            PlannerRequest request = request(messages.get(n % messages.size()), view, warmUp + n);
            long started = System.nanoTime();
            planner.plan(request);
            times[n] = System.nanoTime() - started;
        }
        Arrays.sort(times);
        return new Timing(times[runs / 2] / 1e6, times[Math.min(runs - 1, runs * 95 / 100)] / 1e6);
    }

    /** A request with no conversation, on the {@code n}th day after the first. */
    private static PlannerRequest request(String message, SchemaView view, int n) {
        return PlannerRequest.standalone(message, view, FIRST_DAY.plusDays(n));
    }

    private record Timing(double median, double p95) {}
}
