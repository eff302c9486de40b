package dev.tabletalk.benchmarks;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.CatalogProgress;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Catalog build time on a generated schema (N tables x 15 columns, a primary key, 2 indexes and
 * a foreign key each), against the floor (the same bulk queries run raw in the same run) and
 * against jOOQ's {@code DSLContext.meta()} walk (at 200 tables only: it takes minutes at 2,000).
 *
 * <p>Measured through the public API only: {@link JdbcSchemaCatalog} over a {@link ConnectionSpec} pool, as the
 * launcher builds it. The floor is whatever queries the catalog ran, noted by a {@link QueryRecorder} on the first
 * load and run again raw with the same bound values; the split between bulk reads and building entities, forms and
 * the fingerprint comes from the load's {@link dev.tabletalk.schemacatalog.CatalogProgress} steps (the reads end at
 * the next to last step). Run with {@code mvn -B -Pbenchmarks -pl benchmarks exec:java@catalog-build} (see
 * docs/performance.md); arguments: big and small table counts and targets, e.g. {@code 2000 200 pg,mariadb}.
 */
public final class CatalogBenchmark {

    private static final int WARM_RUNS = 5;

    private CatalogBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int big = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<String> targets = Arrays.asList((args.length > 2 ? args[2] : "pg,mariadb").split(","));
        System.out.printf(
                Locale.ROOT, "CatalogBenchmark: %d and %d tables x 15 columns, PK + 2 indexes + FK each%n", big, small);
        if (targets.contains("pg")) {
            postgres(big, small);
        }
        if (targets.contains("mariadb")) {
            mariaDb(big, small);
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    private static void postgres(int big, int small) throws Exception {
        String bigDb = DatabaseServers.postgres().createDatabase("tt_sc_bench");
        String smallDb = DatabaseServers.postgres().createDatabase("tt_sc_bench_small");
        try {
            long started = System.nanoTime();
            try (Connection c = DatabaseServers.postgres().connect(bigDb)) {
                generatePostgres(c, big);
            }
            try (Connection c = DatabaseServers.postgres().connect(smallDb)) {
                generatePostgres(c, small);
            }
            System.out.printf(Locale.ROOT, "%nPostgreSQL (generated in %.1f s)%n", seconds(started));
            compare("PostgreSQL", big, DatabaseServers.postgres(), bigDb, null);
            if (small > 0) {
                compare("PostgreSQL", small, DatabaseServers.postgres(), smallDb, SQLDialect.POSTGRES);
            }
        } finally {
            DatabaseServers.postgres().dropDatabase(bigDb);
            DatabaseServers.postgres().dropDatabase(smallDb);
        }
    }

    private static void generatePostgres(Connection connection, int tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // one transaction per 200 tables: a single one runs out of lock slots
            for (int from = 0; from < tables; from += 200) {
                statement.execute("""
                    do $$
                    begin
                      for i in %d..%d loop
                        execute format('create table t%%s (
                          id serial primary key,
                          parent_id integer references t%%s(id),
                          name varchar(100) not null, code varchar(20), status text, amount numeric(10,2),
                          quantity integer, price numeric(12,4), created_at timestamptz default now(),
                          updated_at timestamptz, is_active boolean default true, note text,
                          email varchar(200), ref_uuid uuid, payload jsonb)',
                          lpad(i::text, 5, '0'), lpad(greatest(i - 1, 0)::text, 5, '0'));
                        execute format('create index t%%s_name on t%%s (name)', lpad(i::text, 5, '0'),
                          lpad(i::text, 5, '0'));
                        execute format('create index t%%s_status on t%%s (status, created_at)',
                          lpad(i::text, 5, '0'), lpad(i::text, 5, '0'));
                      end loop;
                    end $$""".formatted(from, Math.min(from + 200, tables) - 1));
            }
            statement.execute("analyze");
        }
    }

    // ------------------------------------------------------------------ MariaDB

    private static void mariaDb(int big, int small) throws Exception {
        String bigDb = DatabaseServers.mariaDb().createDatabase("tt_sc_bench");
        String smallDb = DatabaseServers.mariaDb().createDatabase("tt_sc_bench_small");
        try {
            long started = System.nanoTime();
            try (Connection c = DatabaseServers.mariaDb().connect(bigDb)) {
                generateMariaDb(c, big);
            }
            try (Connection c = DatabaseServers.mariaDb().connect(smallDb)) {
                generateMariaDb(c, small);
            }
            System.out.printf(Locale.ROOT, "%nMariaDB (generated in %.1f s)%n", seconds(started));
            compare("MariaDB", big, DatabaseServers.mariaDb(), bigDb, null);
            if (small > 0) {
                compare("MariaDB", small, DatabaseServers.mariaDb(), smallDb, SQLDialect.MARIADB);
            }
        } finally {
            DatabaseServers.mariaDb().dropDatabase(bigDb);
            DatabaseServers.mariaDb().dropDatabase(smallDb);
        }
    }

    private static void generateMariaDb(Connection connection, int tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set foreign_key_checks = 0");
            for (int i = 0; i < tables; i++) {
                String name = String.format(Locale.ROOT, "t%05d", i);
                String parent = String.format(Locale.ROOT, "t%05d", Math.max(i - 1, 0));
                statement.addBatch("create table " + name + " (id int auto_increment primary key, parent_id int, "
                        + "name varchar(100) not null, code varchar(20), status varchar(20), amount decimal(10,2), "
                        + "quantity int, price decimal(12,4), created_at timestamp default current_timestamp, "
                        + "updated_at datetime, is_active tinyint(1) default 1, note text, email varchar(200), "
                        + "ref_uuid char(36), payload json, index " + name + "_name (name), index " + name
                        + "_status (status, created_at), foreign key (parent_id) references " + parent + "(id))");
                if (i % 100 == 99) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
        }
    }

    // ------------------------------------------------------------------ measuring

    private static void compare(String database, int tables, DatabaseServer server, String name, SQLDialect jooqDialect)
            throws Exception {
        try (PooledDataSource pool = ConnectionSpec.parse(server.url(name))
                .withUser(server.user())
                .withPassword(server.password())
                .dataSource(1)) {
            // first runs in this JVM for this schema: ours first, so the floor gets no head start; the recorder notes
            // the queries of this first load for the floor
            QueryRecorder recorder = new QueryRecorder();
            long started = System.nanoTime();
            EntityCatalog catalog = JdbcSchemaCatalog.create(recorder.record(pool), CatalogOptions.defaults())
                    .current();
            double oursFirst = millis(started);
            started = System.nanoTime();
            long cells = floor(pool, recorder);
            double floorFirst = millis(started);

            SchemaCatalog ours = JdbcSchemaCatalog.create(pool, CatalogOptions.defaults());
            List<Double> oursRuns = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            for (int i = 0; i < WARM_RUNS; i++) {
                started = System.nanoTime();
                floor(pool, recorder);
                floors.add(millis(started));
                started = System.nanoTime();
                ours.refresh();
                oursRuns.add(millis(started));
            }
            double oursMedian = median(oursRuns);
            double floorMedian = median(floors);
            System.out.printf(
                    Locale.ROOT,
                    "  %s %,d tables: %d entities, %,d columns, %,d metadata cells from %d queries%n",
                    database,
                    tables,
                    catalog.entities().size(),
                    catalog.entities().stream()
                            .mapToInt(e -> e.columns().size())
                            .sum(),
                    cells,
                    recorder.size());
            System.out.printf(
                    Locale.ROOT,
                    "    floor (same bulk queries, raw): first %7.1f ms, warm median %7.1f ms%n",
                    floorFirst,
                    floorMedian);
            System.out.printf(
                    Locale.ROOT,
                    "    our catalog build:              first %7.1f ms, warm median %7.1f ms"
                            + "  -> %.2fx floor (warm), %.2fx (first)%n",
                    oursFirst,
                    oursMedian,
                    oursMedian / floorMedian,
                    oursFirst / floorFirst);
            breakdown(pool);
            if (jooqDialect != null && !catalog.entities().isEmpty()) {
                started = System.nanoTime();
                int fields = jooqMetaWalk(
                        pool, jooqDialect, catalog.entities().get(0).schema());
                double jooq = millis(started);
                System.out.printf(
                        Locale.ROOT,
                        "    jOOQ DSLContext.meta() walk:    %,.1f ms (%,d fields) -> ours is %.0fx faster (warm)%n",
                        jooq,
                        fields,
                        jooq / oursMedian);
            }
        }
    }

    private static long floor(PooledDataSource pool, QueryRecorder recorder) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return recorder.replay(connection);
        }
    }

    /**
     * Where our time goes, from the load's progress steps: the bulk reads (driver included) up to the next to last
     * step, then building entities, forms and the fingerprint up to the last.
     */
    private static void breakdown(PooledDataSource pool) {
        StepClock clock = new StepClock(ManagementFactory.getThreadMXBean());
        SchemaCatalog timed = JdbcSchemaCatalog.create(
                pool, CatalogOptions.defaults().toBuilder().progress(clock).build());
        List<Double> reads = new ArrayList<>();
        List<Double> readCpu = new ArrayList<>();
        List<Double> builds = new ArrayList<>();
        List<Double> buildCpu = new ArrayList<>();
        long gcBefore = gcMillis();
        for (int i = 0; i < WARM_RUNS; i++) {
            clock.start();
            timed.refresh();
            reads.add((clock.readsEndNanos - clock.startNanos) / 1e6);
            readCpu.add((clock.readsEndCpu - clock.startCpu) / 1e6);
            builds.add((clock.endNanos - clock.readsEndNanos) / 1e6);
            buildCpu.add((clock.endCpu - clock.readsEndCpu) / 1e6);
        }
        System.out.printf(
                Locale.ROOT,
                "    breakdown (warm medians): bulk reads %.1f ms (%.1f ms JVM CPU), "
                        + "entities+forms+fingerprint %.1f ms (%.1f ms CPU); GC %d ms over %d runs%n",
                median(reads),
                median(readCpu),
                median(builds),
                median(buildCpu),
                gcMillis() - gcBefore,
                WARM_RUNS);
    }

    /** Notes wall and thread CPU time at the end of the reads (the next to last step) and at the last step. */
    private static final class StepClock implements CatalogProgress {
        private final ThreadMXBean threads;
        private long startNanos;
        private long startCpu;
        private long readsEndNanos;
        private long readsEndCpu;
        private long endNanos;
        private long endCpu;

        StepClock(ThreadMXBean threads) {
            this.threads = threads;
        }

        void start() {
            startCpu = threads.getCurrentThreadCpuTime();
            startNanos = System.nanoTime();
        }

        @Override
        public void step(String stage, int done, int total) {
            if (done == total - 1) {
                readsEndNanos = System.nanoTime();
                readsEndCpu = threads.getCurrentThreadCpuTime();
            } else if (done == total) {
                endNanos = System.nanoTime();
                endCpu = threads.getCurrentThreadCpuTime();
            }
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static int jooqMetaWalk(PooledDataSource pool, SQLDialect dialect, String schemaName) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return jooqMetaWalk(connection, dialect, schemaName);
        }
    }

    private static int jooqMetaWalk(Connection connection, SQLDialect dialect, String schemaName) {
        DSLContext context = DSL.using(connection, dialect);
        Meta meta = context.meta();
        int fields = 0;
        for (Schema schema : meta.getSchemas()) {
            if (!schema.getName().equals(schemaName)) {
                continue;
            }
            for (Table<?> table : schema.getTables()) {
                fields += table.fields().length;
                table.getPrimaryKey();
                table.getKeys();
                table.getIndexes();
                table.getReferences();
            }
        }
        return fields;
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1_000_000_000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
