package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 100-row filtered read through the guarded executor against the same query over raw JDBC, in
 * the same run, on PostgreSQL (target: executor / JDBC &lt;= 1.2 per read). Run with
 * {@code mvn -B -Pbenchmarks -pl benchmarks exec:java@executor-read} after installing the modules
 * (see docs/performance.md). Four variants alternate read by read (in rotating order), so that load on a shared
 * machine affects all alike: the executor on a pool that may be shared, the executor on a pool of its
 * own ({@link ExecutorConfig#withDedicatedPool()}), raw JDBC in autocommit and raw JDBC in the shared-pool
 * executor's transaction envelope; the medians and 90th percentiles of the single reads are reported.
 *
 * <p>The executor is measured only through its public factory and the {@link GuardedExecutor} port; the raw JDBC
 * baseline masks the masked columns with the same rule as the executor (first character, {@code ***}, the e-mail
 * domain or the last two characters), written out here so that both sides do the same work.
 */
public final class ExecutorReadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorReadBenchmark.class);

    private static final int ROWS = 20_000;
    private static final int WARMUP = 3_000;
    private static final int MEASURED = 10_000;
    private static final String MASK = "***";

    private ExecutorReadBenchmark() {}

    /** Runs the benchmark; optional arguments: warm-up reads and measured reads per variant (3,000 and 10,000). */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : WARMUP;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : MEASURED;
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_bench");
        try (HikariDataSource pool = PostgresReads.pool(server, schema, 6);
                HikariDataSource ownPool = PostgresReads.pool(server, schema, 6)) {
            seed(pool);
            EntityCatalog catalog = ShopFixture.catalog(schema, FixtureDatabase.POSTGRES);
            Entity customers = catalog.find("customers").orElseThrow();
            GuardedExecutor executor =
                    JooqGuardedExecutor.create(pool, new StaticSchemaCatalog(catalog), ExecutorConfig.defaults());
            // the same executor on a pool that only it uses: session settings once per connection
            GuardedExecutor dedicated = JooqGuardedExecutor.create(
                    ownPool,
                    new StaticSchemaCatalog(catalog),
                    ExecutorConfig.defaults().withDedicatedPool());
            UserContext user = Users.editor();
            ReadPlan plan = ReadPlan.of(
                    "customers",
                    List.of(Filter.eq("status", "active"), Filter.of("credit_limit", Op.GT, new BigDecimal("1000"))));
            List<Column> shown = customers.form().readNames().stream()
                    .map(name -> customers.column(name).orElseThrow())
                    .toList();
            String sql = "select "
                    + String.join(
                            ", ",
                            shown.stream().map(c -> "\"" + c.name() + "\"").toList())
                    + " from \"" + schema + "\".\"customers\" where \"status\" = ? and \"credit_limit\" > ?"
                    + " and \"company_id\" = ? order by \"id\" asc limit ?";

            checkSameResult(executor, plan, user, pool, sql, shown);
            checkSameResult(dedicated, plan, user, pool, sql, shown);
            for (int i = 0; i < warmup; i++) {
                viaExecutor(executor, plan, user);
                viaExecutor(dedicated, plan, user);
                viaJdbc(pool, sql, shown, false);
                viaJdbc(pool, sql, shown, true);
            }
            double[] executorMicros = new double[measured];
            double[] jdbcMicros = new double[measured];
            double[] envelopeMicros = new double[measured];
            double[] dedicatedMicros = new double[measured];
            for (int i = 0; i < measured; i++) {
                // rotate which goes first, so that neither profits from the others' warm caches
                for (int k = 0; k < 4; k++) {
                    switch ((i + k) % 4) {
                        case 0 -> jdbcMicros[i] = timeJdbc(pool, sql, shown, false);
                        case 1 -> envelopeMicros[i] = timeJdbc(pool, sql, shown, true);
                        case 2 -> dedicatedMicros[i] = timeExecutor(dedicated, plan, user);
                        default -> executorMicros[i] = timeExecutor(executor, plan, user);
                    }
                }
            }
            double executorMedian = PostgresReads.percentile(executorMicros, 50);
            double jdbcMedian = PostgresReads.percentile(jdbcMicros, 50);
            double envelopeMedian = PostgresReads.percentile(envelopeMicros, 50);
            double dedicatedMedian = PostgresReads.percentile(dedicatedMicros, 50);
            String report = String.format(
                    Locale.ROOT,
                    "100-row filtered read on PostgreSQL (%d rows in table, %d interleaved reads each after %d warm-up):"
                            + " executor median %.1f us (p90 %.1f); raw JDBC, same SELECT in autocommit: median %.1f us"
                            + " (p90 %.1f), ratio %.2f; raw JDBC, same SELECT in the executor's envelope (read-only"
                            + " transaction, SET LOCAL statement_timeout, query timeout, commit): median %.1f us (p90 %.1f),"
                            + " ratio %.2f (target <= 1.2); executor on a dedicated pool (session settings once per"
                            + " connection, reads in autocommit under default_transaction_read_only): median %.1f us"
                            + " (p90 %.1f), ratio to raw JDBC %.2f",
                    ROWS,
                    measured,
                    warmup,
                    executorMedian,
                    PostgresReads.percentile(executorMicros, 90),
                    jdbcMedian,
                    PostgresReads.percentile(jdbcMicros, 90),
                    executorMedian / jdbcMedian,
                    envelopeMedian,
                    PostgresReads.percentile(envelopeMicros, 90),
                    executorMedian / envelopeMedian,
                    dedicatedMedian,
                    PostgresReads.percentile(dedicatedMicros, 90),
                    dedicatedMedian / jdbcMedian);
            LOG.info(report);
            // printed as well so that the number is visible however logging is configured
            System.out.println(report);
        } finally {
            server.dropSchema(schema);
        }
    }

    private static void checkSameResult(
            GuardedExecutor executor,
            ReadPlan plan,
            UserContext user,
            HikariDataSource pool,
            String sql,
            List<Column> shown)
            throws SQLException {
        int executorRows = viaExecutor(executor, plan, user);
        int jdbcRows = viaJdbc(pool, sql, shown, true);
        if (executorRows != 100 || jdbcRows != 100) {
            throw new IllegalStateException("expected 100 rows each, got " + executorRows + " and " + jdbcRows);
        }
    }

    private static int viaExecutor(GuardedExecutor executor, ReadPlan plan, UserContext user) {
        ReadOutcome outcome = executor.read(plan, user);
        return ((ReadOutcome.Rows) outcome).rows().size();
    }

    /**
     * The same read by hand: bound values, 101 rows fetched, 100 kept, masked columns masked; with
     * {@code envelope}, inside the read-only transaction with the statement timeout that the executor uses.
     */
    private static int viaJdbc(HikariDataSource pool, String sql, List<Column> shown, boolean envelope)
            throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (envelope) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local statement_timeout = 5000");
                }
            }
            int rows = select(connection, sql, shown);
            if (envelope) {
                connection.commit();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
            return rows;
        }
    }

    private static int select(Connection connection, String sql, List<Column> shown) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "active");
            statement.setBigDecimal(2, new BigDecimal("1000"));
            statement.setLong(3, ShopFixture.TENANT);
            statement.setInt(4, 101);
            statement.setQueryTimeout(5);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && rows.size() < 100) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < shown.size(); i++) {
                        Object value = rs.getObject(i + 1);
                        row.put(shown.get(i).name(), shown.get(i).isMasked() ? mask(value) : value);
                    }
                    rows.add(row);
                }
            }
            return rows.size();
        }
    }

    /** The executor's masking rule, written out for the baseline (one char per code point is enough here). */
    private static Object mask(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return MASK;
        }
        int at = text.lastIndexOf('@');
        if (at > 0 && at < text.length() - 1) {
            return text.charAt(0) + MASK + text.substring(at);
        }
        return text.length() < 7 ? MASK : text.charAt(0) + MASK + text.substring(text.length() - 2);
    }

    private static void seed(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(
                        "insert into customers (id, company_id, name, email, phone, status, credit_limit,"
                                + " notes, version) select g, case when g % 10 = 0 then 202 else 101 end, 'Customer ' || g,"
                                + " 'customer' || g || '@example.com', '+1 555 ' || g, case when g % 3 = 0 then 'inactive'"
                                + " else 'active' end, (g % 500) * 10, 'note ' || g, 1 from generate_series(1, " + ROWS
                                + ") g");
                statement.execute("analyze customers");
            }
        }
    }

    private static double timeExecutor(GuardedExecutor executor, ReadPlan plan, UserContext user) {
        long start = System.nanoTime();
        viaExecutor(executor, plan, user);
        return (System.nanoTime() - start) / 1_000.0;
    }

    private static double timeJdbc(HikariDataSource pool, String sql, List<Column> shown, boolean envelope)
            throws SQLException {
        long start = System.nanoTime();
        viaJdbc(pool, sql, shown, envelope);
        return (System.nanoTime() - start) / 1_000.0;
    }
}
