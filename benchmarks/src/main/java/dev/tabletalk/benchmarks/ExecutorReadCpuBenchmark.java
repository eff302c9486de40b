package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.executorjooq.ExecutorConfig;
import dev.tabletalk.executorjooq.JooqGuardedExecutor;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU time and allocation of one guarded read on its own thread: "show customers" of a tenant of 500 (50 rows,
 * the turn-cost benchmark's table, editor role, the executor on a pool of its own), tenant after tenant, for a number
 * of rounds of a few seconds each, each round reported (CPU per read is this thread's: executor, jOOQ and pgjdbc, not
 * PostgreSQL). Arguments: seconds per round, rounds, and optionally {@code filtered} for a read with two text
 * filters. Run it with JFR (execution samples every millisecond) to see where a read's time goes; see
 * docs/performance.md.
 */
public final class ExecutorReadCpuBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorReadCpuBenchmark.class);

    private ExecutorReadCpuBenchmark() {}

    /** Runs the benchmark; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("filtered"))) {
            throw new IllegalArgumentException(
                    "arguments: seconds per round, rounds, and optionally filtered (e.g. 6 11 or 6 11 filtered)");
        }
        int seconds = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean filtered = args.length == 3;
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_execcpu");
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HikariDataSource pool = PostgresReads.pool(server, schema, 2)) {
            try (var c = pool.getConnection();
                    var s = c.createStatement()) {
                s.execute("create table customers (id bigint primary key, company_id bigint not null, "
                        + "name varchar(100) not null, city varchar(60), status varchar(20) not null, "
                        + "credit_limit numeric(12, 2), created_at timestamp not null)");
                s.execute("create index customers_company on customers (company_id, id)");
                s.execute("insert into customers select n, (n - 1) / 50 + 1, 'Customer ' || n,"
                        + " (array['Berlin', 'Paris', 'Lisbon', 'Oslo'])[n % 4 + 1],"
                        + " case when n % 3 = 0 then 'inactive' else 'active' end, n * 10.5,"
                        + " timestamp '2026-01-01' + n * interval '1 minute' from generate_series(1, 25000) n");
                s.execute("analyze customers");
            }
            SchemaCatalog catalog = JdbcSchemaCatalog.create(pool, CatalogOptions.defaults());
            GuardedExecutor executor = JooqGuardedExecutor.create(
                    pool, catalog, ExecutorConfig.defaults().withDedicatedPool());
            ReadPlan plan = filtered
                    ? ReadPlan.of("customers", List.of(Filter.eq("city", "Berlin"), Filter.eq("status", "active")))
                    : ReadPlan.of("customers", List.of());
            long seq = 0;
            for (int r = 0; r < rounds; r++) {
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = mx.getCurrentThreadAllocatedBytes();
                long n = 0;
                while (System.nanoTime() < end) {
                    long tenant = seq++ % 500 + 1;
                    ReadOutcome out = executor.read(plan, UserContext.of("u-" + tenant, "editor", "" + tenant));
                    if (!(out instanceof ReadOutcome.Rows rows) || rows.rows().size() == 0) {
                        throw new IllegalStateException(String.valueOf(out));
                    }
                    n++;
                }
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                long alloc = mx.getCurrentThreadAllocatedBytes() - alloc0;
                LOG.info(String.format(
                        Locale.ROOT,
                        "round %d: %d reads, CPU %.1f us/read, allocated %.1f KB/read",
                        r,
                        n,
                        cpu / 1000.0 / n,
                        alloc / 1024.0 / n));
            }
        } finally {
            server.dropSchema(schema);
        }
    }
}
