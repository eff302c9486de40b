package dev.tabletalk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.httpjavalin.HttpServer;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost of a read turn over HTTP (issue #17): {@code POST /chat} "show customers" answered by TableTalk's HTTP
 * server (launcher + adapter-http-javalin, dev identity, rules planner, PostgreSQL target in a schema of its own,
 * durable audit log in an H2 file) against {@link MinimalReadServer}, a Javalin + HikariCP handler running the same
 * SELECT and answering the same 50 rows as JSON, both in this JVM and in the same run (targets: throughput &gt;=
 * 0.7x, p99 &lt;= 1.5x the minimal handler's).
 *
 * <p>{@code clients} concurrent clients read, tenant after tenant, 50 customers of one of {@code tenants} tenants;
 * on TableTalk each client keeps one conversation per tenant. Each server is first warmed under load, then both run
 * in alternating slices until neither slice keeps the JIT compiling ({@link #settle}), then both are measured in
 * alternating slices, so that load from elsewhere on a shared machine falls on both alike. Per turn the
 * benchmark reports the CPU time and the bytes allocated by every thread except the load generator's, and the
 * process CPU time (which includes the load generator, the JIT and GC).
 *
 * <p>Run with {@code mvn -B -Pbenchmarks -pl benchmarks exec:java@turn-cost} after installing the modules; the
 * arguments are clients, warm-up seconds per server, measured seconds per server, slices, tenants, the audit
 * store ({@code file}: a durable H2 file, {@code postgres}: a durable PostgreSQL database, {@code memory}, or
 * {@code none}: the events counted and dropped, which splits a turn's cost between TableTalk and its audit) and the
 * session store ({@code memory}, or {@code postgres}: the JDBC session store of several servers), and the reads
 * ({@code same}: each conversation asks the same read every turn, which leaves it as it was, so it is not saved
 * again; {@code changing}: it alternates between two reads of the same rows by the same SQL, so every turn changes
 * the conversation's last read and saves it), and how TableTalk's callers say who they are ({@link Callers}:
 * {@code dev}, or a bearer JWT, {@code hs256}, {@code rs256} or {@code es256}; the minimal handler reads the dev
 * header whatever they are), and the minimal handler ({@code plain}, or {@code logged}: it also inserts one row per
 * request into a table of its own and commits it before answering, the least a handler with a durable record of each
 * request does) (16, 45, 30, 3, 500, file, memory, same, dev, plain; {@code -Dexec.args="16 5 6 2 500"} is a
 * quick run, {@code memory} as the audit store shows what the durable append costs a turn, {@code postgres} as the
 * session store what sharing sessions costs, and a JWT what a deployment's identity costs).
 */
public final class TurnCostBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TurnCostBenchmark.class);

    private static final int ROWS_PER_TENANT = 50;
    private static final String MESSAGE = "show customers";
    /** The same rows by the same SQL, but another read to remember: a conversation that alternates is saved each turn. */
    private static final String OTHER_MESSAGE = "show customers sorted by id";

    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** Alternating slices before the measured ones, at most, until the JIT is quiet (see {@link #settle}). */
    private static final int SETTLING_ROUNDS = 8;
    /** A slice in which the compilers were busy for less than this share of one core counts as warm. */
    private static final double WARM_COMPILING = 0.03;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TurnCostBenchmark() {}

    /**
     * The audit store of {@code none}: counts the turns' events and keeps nothing, so that a run splits a turn's cost
     * into TableTalk's own work and its audit log's. Not something TableTalk can be configured to do: its audit log
     * is always durable.
     */
    private static final class CountedAudit implements AuditLog {
        private final LongAdder events = new LongAdder();

        @Override
        public void append(AuditEvent event) {
            events.increment();
        }

        long count() {
            return events.sum();
        }
    }

    /** Runs the benchmark; arguments as in the class comment. */
    public static void main(String[] args) throws Exception {
        JdbcDrivers.register();
        int clients = argument(args, 0, 16);
        int warmupSeconds = argument(args, 1, 45);
        int measuredSeconds = argument(args, 2, 30);
        int slices = argument(args, 3, 3);
        int tenants = argument(args, 4, 500);
        String auditStore = args.length > 5 ? args[5] : "file";
        if (!List.of("file", "postgres", "memory", "none").contains(auditStore)) {
            throw new IllegalArgumentException("the audit store is file, postgres, memory or none, not " + auditStore);
        }
        String sessionStore = args.length > 6 ? args[6] : "memory";
        if (!List.of("memory", "postgres").contains(sessionStore)) {
            throw new IllegalArgumentException("the session store is memory or postgres, not " + sessionStore);
        }
        String reads = args.length > 7 ? args[7] : "same";
        if (!List.of("same", "changing").contains(reads)) {
            throw new IllegalArgumentException("the reads are same or changing, not " + reads);
        }
        Callers callers = Callers.of(args.length > 8 ? args[8] : "dev", tenants);
        String floorKind = args.length > 9 ? args[9] : "plain";
        if (!List.of("plain", "logged").contains(floorKind)) {
            throw new IllegalArgumentException("the minimal handler is plain or logged, not " + floorKind);
        }
        boolean loggedFloor = floorKind.equals("logged");
        DatabaseServer server = DatabaseServers.postgres();
        String schema = server.createSchema("tt_turn");
        String auditDatabase = auditStore.equals("postgres") ? server.createDatabase("tt_turn_audit") : null;
        String sessionDatabase = sessionStore.equals("postgres") ? server.createDatabase("tt_turn_sessions") : null;
        String logDatabase = loggedFloor ? server.createDatabase("tt_turn_minimal_log") : null;
        Path auditDirectory = Files.createTempDirectory("tt-turn-audit");
        try (HikariDataSource pool = PostgresReads.pool(server, schema, 4);
                HikariDataSource log =
                        logDatabase == null ? null : PostgresReads.pool(server.urlWithUser(logDatabase), 4)) {
            seed(pool, tenants);
            if (log != null) {
                MinimalReadServer.createLog(log);
            }
            String targetUrl = server.adminUrl()
                    + (server.adminUrl().contains("?") ? "&" : "?")
                    + "currentSchema=" + schema + "&user=" + server.user()
                    + (server.password().isEmpty() ? "" : "&password=" + server.password());
            CountedAudit counted = new CountedAudit();
            TableTalk.Builder builder =
                    TableTalk.builder().targetDatabase(targetUrl).planner(RulesPlanner.create());
            switch (auditStore) {
                case "file" -> builder.auditStore("jdbc:h2:file:" + auditDirectory.resolve("audit"));
                case "postgres" -> builder.auditStore(server.urlWithUser(auditDatabase));
                case "memory" -> builder.auditStore("jdbc:h2:mem:tt_turn_audit;DB_CLOSE_DELAY=-1");
                default -> builder.auditLog(counted);
            }
            if (sessionDatabase != null) {
                builder.sessionStore(server.urlWithUser(sessionDatabase), null, null);
            }
            try (TableTalk tableTalk = builder.build();
                    HttpServer tableTalkServer = HttpServer.create(
                                    tableTalk.conversations(),
                                    tableTalk.catalogView(),
                                    tableTalk.securityEvents(),
                                    callers.configure(HttpConfig.builder())
                                            .host("127.0.0.1")
                                            .port(0)
                                            .userRateLimit(HttpConfig.RateLimit.perMinute(1_000_000_000))
                                            .tenantRateLimit(HttpConfig.RateLimit.perMinute(1_000_000_000))
                                            .build())
                            .start();
                    MinimalReadServer minimal = MinimalReadServer.start(pool, minimalSql(), log);
                    HttpLoad turns =
                            tableTalkLoad(tableTalkServer.port(), clients, tenants, reads.equals("changing"), callers);
                    HttpLoad floor = minimalLoad(minimal.port(), clients, tenants)) {
                checkSameRows(tableTalkServer.port(), minimal.port(), MESSAGE, callers);
                checkSameRows(tableTalkServer.port(), minimal.port(), OTHER_MESSAGE, callers);
                LOG.info("warming TableTalk for {} s, then the minimal handler for {} s", warmupSeconds, warmupSeconds);
                turns.run(Duration.ofSeconds(warmupSeconds), Duration.ZERO);
                floor.run(Duration.ofSeconds(warmupSeconds), Duration.ZERO);
                Duration slice = Duration.ofMillis(measuredSeconds * 1000L / slices);
                settle(turns, floor, slice);
                List<HttpLoad.Window> tableTalkWindows = new ArrayList<>();
                List<HttpLoad.Window> minimalWindows = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    tableTalkWindows.add(turns.run(SETTLE, slice));
                    minimalWindows.add(floor.run(SETTLE, slice));
                }
                HttpLoad.Window tableTalkWindow = HttpLoad.Window.combine(tableTalkWindows);
                report(
                        clients,
                        tenants,
                        auditStore,
                        sessionStore,
                        reads,
                        callers,
                        loggedFloor,
                        tableTalkWindow,
                        HttpLoad.Window.combine(minimalWindows));
                if (auditStore.equals("none")) {
                    // the split holds only if every turn still handed its event to the audit log
                    if (counted.count() < tableTalkWindow.requests()) {
                        LOG.warn(
                                "only {} audit events for {} measured turns: the turns did not all reach the audit log",
                                counted.count(),
                                tableTalkWindow.requests());
                    } else {
                        LOG.info("audit events handed over (counted, not kept): {}", counted.count());
                    }
                }
            }
        } finally {
            server.dropSchema(schema);
            if (auditDatabase != null) {
                server.dropDatabase(auditDatabase);
            }
            if (sessionDatabase != null) {
                server.dropDatabase(sessionDatabase);
            }
            if (logDatabase != null) {
                server.dropDatabase(logDatabase);
            }
        }
    }

    /**
     * Keeps both loads on, a slice each in turn, until neither server's slice keeps the JIT compiling. On two cores the
     * JVM has one C2 compiler thread, and the code both servers run (TableTalk's, jOOQ's, Jetty's, Javalin's, Jackson's,
     * the drivers') keeps it busy for about two minutes of load: mostly first compilations waiting in its queue, not
     * recompilations. It is not a request thread, but it takes one of the same two cores: slices measured while it
     * works are not a warm server's.
     */
    private static void settle(HttpLoad turns, HttpLoad floor, Duration slice) throws InterruptedException {
        for (int round = 1; round <= SETTLING_ROUNDS; round++) {
            HttpLoad.Window tableTalk = turns.run(SETTLE, slice);
            HttpLoad.Window minimal = floor.run(SETTLE, slice);
            LOG.info(
                    "settling round {}: the JIT compiled {}% of a core during TableTalk's slice, {}% during the"
                            + " minimal handler's",
                    round, Math.round(tableTalk.compiling() * 100), Math.round(minimal.compiling() * 100));
            if (tableTalk.compiling() < WARM_COMPILING && minimal.compiling() < WARM_COMPILING) {
                return;
            }
        }
        LOG.warn(
                "the JIT was still compiling after {} settling rounds: the figures are not a warm server's",
                SETTLING_ROUNDS);
    }

    private static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** {@code tenants} companies of {@value #ROWS_PER_TENANT} customers each. */
    private static void seed(HikariDataSource pool, int tenants) throws Exception {
        try (var connection = pool.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table customers (id bigint primary key, company_id bigint not null, "
                    + "name varchar(100) not null, city varchar(60), status varchar(20) not null, "
                    + "credit_limit numeric(12, 2), created_at timestamp not null)");
            statement.execute("create index customers_company on customers (company_id, id)");
            statement.execute("insert into customers select n, (n - 1) / " + ROWS_PER_TENANT + " + 1, "
                    + "'Customer ' || n, (array['Berlin', 'Paris', 'Lisbon', 'Oslo'])[n % 4 + 1], "
                    + "case when n % 3 = 0 then 'inactive' else 'active' end, n * 10.5, "
                    + "timestamp '2026-01-01' + n * interval '1 minute' "
                    + "from generate_series(1, " + tenants * ROWS_PER_TENANT + ") n");
            statement.execute("analyze customers");
        }
    }

    /** The SELECT TableTalk's executor runs for the read, written out for the minimal handler. */
    private static String minimalSql() {
        return "select id, company_id, name, city, status, credit_limit, created_at from customers "
                + "where company_id = ? order by id limit 100";
    }

    private static String identity(long tenant) {
        return Callers.devContext(tenant);
    }

    private static long tenant(long sequence, int tenants) {
        return sequence % tenants + 1;
    }

    /**
     * TableTalk's load: each client keeps a conversation per tenant, begun by its first turn there, whose reply is
     * checked to hold the tenant's 50 rows; later replies must be 200.
     */
    private static HttpLoad tableTalkLoad(int port, int clients, int tenants, boolean changing, Callers callers) {
        URI chat = URI.create("http://127.0.0.1:" + port + "/chat");
        List<Map<Long, String>> sessions = new ArrayList<>();
        List<Map<Long, Long>> turnsOf = new ArrayList<>();
        long[] lastTenant = new long[clients];
        for (int i = 0; i < clients; i++) {
            sessions.add(new HashMap<>());
            turnsOf.add(new HashMap<>());
        }
        return HttpLoad.of(
                "tabletalk",
                clients,
                (client, sequence) -> {
                    long tenant = tenant(sequence, tenants);
                    lastTenant[client] = tenant;
                    String session = sessions.get(client).get(tenant);
                    long turn = turnsOf.get(client).merge(tenant, 1L, Long::sum);
                    String message = changing && turn % 2 == 0 ? OTHER_MESSAGE : MESSAGE;
                    String body = session == null
                            ? "{\"message\":\"" + message + "\"}"
                            : "{\"sessionId\":\"" + session + "\",\"message\":\"" + message + "\"}";
                    return HttpLoad.post(chat, body)
                            .headers(callers.header(tenant))
                            .build();
                },
                (client, response) -> {
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    Map<Long, String> known = sessions.get(client);
                    if (known.containsKey(lastTenant[client])) {
                        return true;
                    }
                    JsonNode reply = json(response);
                    if (reply.path("rows").size() != ROWS_PER_TENANT) {
                        LOG.error("a read turn did not answer {} rows: {}", ROWS_PER_TENANT, response.body());
                        return false;
                    }
                    known.put(lastTenant[client], reply.path("sessionId").asText());
                    return true;
                });
    }

    /** The minimal handler's load: the same requests without a conversation; every reply must be 200. */
    private static HttpLoad minimalLoad(int port, int clients, int tenants) {
        URI chat = URI.create("http://127.0.0.1:" + port + "/chat");
        return HttpLoad.of(
                "minimal",
                clients,
                (client, sequence) -> HttpLoad.post(chat, "{\"message\":\"" + MESSAGE + "\"}")
                        .header("X-User-Context", identity(tenant(sequence, tenants)))
                        .build(),
                (client, response) -> response.statusCode() == 200);
    }

    /** Both servers answer tenant 1's read with the same 50 customers, in the same order. */
    private static void checkSameRows(int tableTalkPort, int minimalPort, String message, Callers callers)
            throws Exception {
        List<Long> tableTalkIds = firstReadIds(tableTalkPort, message, callers.header(1));
        List<Long> minimalIds = firstReadIds(minimalPort, MESSAGE, new String[] {"X-User-Context", identity(1)});
        if (tableTalkIds.size() != ROWS_PER_TENANT || !tableTalkIds.equals(minimalIds)) {
            throw new IllegalStateException("the two servers do not answer the same rows: TableTalk " + tableTalkIds
                    + ", the minimal handler " + minimalIds);
        }
    }

    private static List<Long> firstReadIds(int port, String message, String[] header) throws Exception {
        HttpRequest request = HttpLoad.post(
                        URI.create("http://127.0.0.1:" + port + "/chat"), "{\"message\":\"" + message + "\"}")
                .headers(header)
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        List<Long> ids = new ArrayList<>();
        json(response).path("rows").forEach(row -> ids.add(row.path("id").asLong()));
        return ids;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(
            int clients,
            int tenants,
            String auditStore,
            String sessionStore,
            String reads,
            Callers callers,
            boolean loggedFloor,
            HttpLoad.Window tableTalk,
            HttpLoad.Window minimal) {
        LOG.info(
                "Read turn over HTTP, {} clients, {} tenants, {} rows, PostgreSQL target, {} audit, {} sessions, {},"
                        + " {}:",
                clients,
                tenants,
                ROWS_PER_TENANT,
                switch (auditStore) {
                    case "file" -> "durable H2 file";
                    case "postgres" -> "durable PostgreSQL";
                    case "memory" -> "in-memory H2";
                    default -> "no (events counted and dropped: not a configuration TableTalk offers)";
                },
                sessionStore.equals("postgres") ? "PostgreSQL (JDBC session store)" : "in-memory",
                reads.equals("same")
                        ? "the same read each turn (the conversation is not saved again)"
                        : "two reads in turn (the conversation is saved each turn)",
                callers.description());
        line("TableTalk POST /chat", tableTalk);
        line(loggedFloor ? "minimal + durable insert" : "minimal Javalin+Hikari", minimal);
        if (tableTalk.compiling() >= WARM_COMPILING || minimal.compiling() >= WARM_COMPILING) {
            LOG.warn("the JIT was compiling again during the measured slices: compare with care");
        }
        LOG.info(String.format(
                Locale.ROOT,
                "ratios: throughput %.2fx (target >= 0.70), p99 %.2fx (target <= 1.50), server CPU per request %.2fx,"
                        + " database CPU per request %.2fx, machine busy per request %.2fx",
                tableTalk.throughput() / minimal.throughput(),
                tableTalk.percentileMillis(99) / minimal.percentileMillis(99),
                perRequest(tableTalk.serverCpuNanos(), tableTalk) / perRequest(minimal.serverCpuNanos(), minimal),
                perRequest(tableTalk.machine().databaseNanos(), tableTalk)
                        / perRequest(minimal.machine().databaseNanos(), minimal),
                perRequest(tableTalk.machine().busyNanos(), tableTalk)
                        / perRequest(minimal.machine().busyNanos(), minimal)));
    }

    private static void line(String name, HttpLoad.Window window) {
        LOG.info(String.format(
                Locale.ROOT,
                "  %-24s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  server CPU %5.2f ms/req  process CPU %5.2f ms/req"
                        + "  allocated %6.1f KB/req  database CPU %5.2f ms/req  machine busy %5.2f ms/req"
                        + "  JIT compiling %3.0f%% of a core  (%d requests, %d errors, %.0f s)",
                name,
                window.throughput(),
                window.percentileMillis(50),
                window.percentileMillis(99),
                perRequest(window.serverCpuNanos(), window) / 1e6,
                perRequest(window.processCpuNanos(), window) / 1e6,
                perRequest(window.serverAllocatedBytes(), window) / 1024,
                perRequest(window.machine().databaseNanos(), window) / 1e6,
                perRequest(window.machine().busyNanos(), window) / 1e6,
                window.compiling() * 100,
                window.requests(),
                window.errors(),
                window.seconds()));
    }

    private static double perRequest(long total, HttpLoad.Window window) {
        return (double) total / Math.max(1, window.requests());
    }
}
