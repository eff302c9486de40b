package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.executorjooq.JooqGuardedExecutor;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The read shapes of the plan language v2 (aggregates with and without groups, a relationship filter, a read whose
 * foreign key carries its parent's label) through the guarded executor, each against the very SQL the executor ran,
 * replayed over raw JDBC in the same run, on PostgreSQL (target: executor / raw JDBC &lt;= 1.3 per read). Run with
 * {@code mvn -B -Pbenchmarks -pl benchmarks exec:java@query-shapes} (see docs/performance.md).
 *
 * <p>The floor is what a {@link QueryRecorder} noted while the executor ran the shape once, its reads only (no
 * session or transaction statements), so it is exactly the executor's SQL with the executor's bound values. The
 * executor runs as TableTalk runs when it opens the database itself ({@link ExecutorConfig#withDedicatedPool()}), and
 * the floor borrows the very same connection in autocommit: the pool holds one, and the two alternate read by read.
 * One server process answers both, because two processes answered the same 100-group aggregate up to 1.35x apart
 * (swapping which pool the executor used swapped the ratio to 0.86), which measured PostgreSQL, not TableTalk. The
 * tables are seeded, and each shape's SQL recorded, over connections of their own.
 */
public final class QueryShapesBenchmark {

    private static final int CUSTOMERS = 20_000;
    private static final int ORDERS = 50_000;
    private static final int WARMUP = 200;
    /**
     * Each shape warms up for at least this long as well: a sub-millisecond read needs thousands of runs before the
     * JIT has compiled its path (200 reads left the 100-row reads at 2.3-2.6x, the same code warm at 1.2-1.4x).
     */
    private static final Duration WARMUP_TIME = Duration.ofSeconds(15);

    private static final int MEASURED = 600;

    private QueryShapesBenchmark() {}

    /**
     * Runs the benchmark; optional arguments: warm-up and measured reads per shape (200 and 600; the warm-up lasts at
     * least 15 seconds too), then the start of the names of the shapes to run (all of them).
     */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : WARMUP;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : MEASURED;
        String only = args.length > 2 ? String.join(" ", List.of(args).subList(2, args.length)) : "";
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_shapes");
        try (HikariDataSource seeding = PostgresReads.pool(server, schema, 1)) {
            seed(seeding);
        }
        try (HikariDataSource pool = PostgresReads.pool(server, schema, 1);
                HikariDataSource recording = PostgresReads.pool(server, schema, 1)) {
            EntityCatalog catalog = ShopFixture.catalog(schema, FixtureDatabase.POSTGRES);
            GuardedExecutor executor = JooqGuardedExecutor.create(
                    pool,
                    new StaticSchemaCatalog(catalog),
                    ExecutorConfig.defaults().withDedicatedPool());
            UserContext user = Users.editor();
            StringBuilder report = new StringBuilder(String.format(
                    Locale.ROOT,
                    "PostgreSQL, %d customers and %d orders, %d interleaved reads per shape after %d warm-up (and %d s);"
                            + " executor against the same SQL over raw JDBC, on one connection:%n",
                    CUSTOMERS,
                    ORDERS,
                    measured,
                    warmup,
                    WARMUP_TIME.toSeconds()));
            for (Map.Entry<String, ReadPlan> shape : shapes().entrySet()) {
                if (!shape.getKey().startsWith(only)) {
                    continue;
                }
                QueryRecorder recorder = new QueryRecorder();
                GuardedExecutor recorded = JooqGuardedExecutor.create(
                        recorder.record(recording), new StaticSchemaCatalog(catalog), ExecutorConfig.defaults());
                int rows = rows(recorded.read(shape.getValue(), user));
                recorder.keepReads();
                if (rows == 0 || recorder.size() != 1) {
                    throw new IllegalStateException(shape.getKey() + ": expected rows from one SELECT, got " + rows
                            + " rows from " + recorder.size() + " noted reads: " + recorder.texts());
                }
                double[] executorMicros = new double[measured];
                double[] jdbcMicros = new double[measured];
                long warmUntil = System.nanoTime() + WARMUP_TIME.toNanos();
                for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
                    rows(executor.read(shape.getValue(), user));
                    timeJdbc(recorder, pool);
                }
                for (int i = 0; i < measured; i++) {
                    // alternate which goes first, so that neither profits from the other's warm caches
                    if (i % 2 == 0) {
                        executorMicros[i] = timeExecutor(executor, shape.getValue(), user);
                        jdbcMicros[i] = timeJdbc(recorder, pool);
                    } else {
                        jdbcMicros[i] = timeJdbc(recorder, pool);
                        executorMicros[i] = timeExecutor(executor, shape.getValue(), user);
                    }
                }
                double executorMedian = PostgresReads.percentile(executorMicros, 50);
                double jdbcMedian = PostgresReads.percentile(jdbcMicros, 50);
                report.append(String.format(
                        Locale.ROOT,
                        "  %-44s %3d rows: executor median %8.1f us (p90 %8.1f), raw JDBC median %8.1f us (p90 %8.1f),"
                                + " ratio %.2f (target <= 1.3)%n",
                        shape.getKey(),
                        rows,
                        executorMedian,
                        PostgresReads.percentile(executorMicros, 90),
                        jdbcMedian,
                        PostgresReads.percentile(jdbcMicros, 90),
                        executorMedian / jdbcMedian));
            }
            System.out.print(report);
        } finally {
            server.dropSchema(schema);
        }
    }

    /** The shapes measured, by what a person would have asked. */
    private static Map<String, ReadPlan> shapes() {
        Map<String, ReadPlan> shapes = new LinkedHashMap<>();
        shapes.put("how many orders", ReadPlan.of("orders", List.of()).withAggregate(Aggregate.count()));
        shapes.put(
                "number of orders by status",
                ReadPlan.of("orders", List.of()).withAggregate(Aggregate.count("status")));
        shapes.put(
                "top 100 customers by total of orders",
                new ReadPlan("orders", List.of(), List.of(), List.of(Sort.descending("sum_total")), OptionalInt.of(100))
                        .withAggregate(Aggregate.of(Aggregate.Fn.SUM, "total", "customer_id")));
        shapes.put(
                "orders of customer 'Customer 77'",
                ReadPlan.of(
                        "orders", List.of(Related.of("customer_id", "customers", Filter.eq("name", "Customer 77")))));
        shapes.put("orders with their customer's name", ReadPlan.of("orders", List.of()));
        // the same read without the foreign key, so without a label: what the label itself adds
        shapes.put(
                "orders without their customer",
                new ReadPlan(
                        "orders",
                        List.of("id", "company_id", "total", "status", "created_at"),
                        List.of(),
                        List.of(),
                        OptionalInt.empty()));
        return shapes;
    }

    private static int rows(ReadOutcome outcome) {
        if (outcome instanceof ReadOutcome.Rows rows) {
            return rows.rows().size();
        }
        throw new IllegalStateException("the read was refused: " + outcome);
    }

    private static void seed(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            try (Statement statement = connection.createStatement()) {
                // customers of tenant 202 on every tenth id, as in the executor read benchmark
                statement.executeUpdate("insert into customers (id, company_id, name, email, phone, status,"
                        + " credit_limit, notes, version) select g, case when g % 10 = 0 then 202 else 101 end,"
                        + " 'Customer ' || g, 'customer' || g || '@example.com', '+1 555 ' || g, 'active',"
                        + " (g % 500) * 10, null, 1 from generate_series(1, " + CUSTOMERS + ") g");
                // each order belongs to its customer's tenant
                statement.executeUpdate("insert into orders (id, company_id, customer_id, total, status)"
                        + " select g, case when (g % " + CUSTOMERS + " + 1) % 10 = 0 then 202 else 101 end,"
                        + " g % " + CUSTOMERS + " + 1, (g % 997) + 0.5,"
                        + " (array['new', 'paid', 'shipped', 'returned'])[g % 4 + 1]"
                        + " from generate_series(1, " + ORDERS + ") g");
                statement.execute("create index orders_customer_idx on orders (customer_id)");
                statement.execute("analyze customers");
                statement.execute("analyze orders");
            }
        }
    }

    private static double timeExecutor(GuardedExecutor executor, ReadPlan plan, UserContext user) {
        long start = System.nanoTime();
        rows(executor.read(plan, user));
        return (System.nanoTime() - start) / 1_000.0;
    }

    /** Times the floor as the executor is timed: borrowing the pool's connection, reading, handing it back. */
    private static double timeJdbc(QueryRecorder recorder, HikariDataSource pool) throws SQLException {
        long start = System.nanoTime();
        try (Connection raw = pool.getConnection()) {
            recorder.replay(raw);
        }
        return (System.nanoTime() - start) / 1_000.0;
    }
}
