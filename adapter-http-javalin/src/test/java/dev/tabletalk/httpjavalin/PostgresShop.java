package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.plannerrules.RulesPlanner;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A PostgreSQL database of its own (tt_http_random) with the attack catalogue's shop (companies 101 and 202),
 * and the real TableTalk stack on it: catalog, rules planner (counted), jOOQ executor, audit in H2.
 */
final class PostgresShop implements AutoCloseable {

    static final String BASE_URL = DatabaseServers.postgres().adminUrl();

    final String database = "tt_http_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    final CountingPlanner planner = new CountingPlanner(RulesPlanner.create());
    final TableTalk tableTalk;

    PostgresShop() {
        this(builder -> builder);
    }

    /** A shop whose TableTalk is built with {@code customize} applied (e.g. a connect allowlist). */
    PostgresShop(UnaryOperator<TableTalk.Builder> customize) {
        DatabaseServers.postgres().execute("create database " + database);
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "")) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the shop fixture", e);
        }
        tableTalk = customize
                .apply(TableTalk.builder())
                .targetDatabase(userUrl())
                .auditStore("jdbc:h2:mem:audit_" + database + ";DB_CLOSE_DELAY=-1")
                .planner(planner)
                .build();
    }

    String url() {
        int slash = BASE_URL.lastIndexOf('/');
        String rest = BASE_URL.substring(slash + 1);
        int query = rest.indexOf('?');
        return BASE_URL.substring(0, slash + 1) + database + (query >= 0 ? rest.substring(query) : "");
    }

    /** The URL with the user (no password: trust authentication). */
    String userUrl() {
        return url() + (url().contains("?") ? "&" : "?") + "user=postgres";
    }

    /** How many records of the audit log match this SQL condition (for assertions). */
    long audited(String condition) {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:audit_" + database, "", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from ai_audit_log where " + condition)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many refused identities the audit log holds (for assertions). */
    long auditedAuthFailures() {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:audit_" + database, "", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from ai_audit_log where action = 'auth_failed'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the shop (for assertions). */
    Object queryOne(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement that returns no rows on the shop (e.g. DDL made while the server runs). */
    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        tableTalk.close();
        DatabaseServers.postgres().dropDatabase(database);
    }

    /** The rules planner, counted: identity failures must never reach it. Exact messages may be scripted. */
    static final class CountingPlanner implements Planner {
        private final Planner delegate;
        private final AtomicInteger calls = new AtomicInteger();
        private final Map<String, PlannerOutput> scripted = new ConcurrentHashMap<>();

        CountingPlanner(Planner delegate) {
            this.delegate = delegate;
        }

        @Override
        public PlannerOutput plan(PlannerRequest request) {
            calls.incrementAndGet();
            PlannerOutput answer = scripted.get(request.message());
            return answer != null ? answer : delegate.plan(request);
        }

        /** Answers exactly {@code message} with {@code output} instead of the rules planner. */
        void script(String message, PlannerOutput output) {
            scripted.put(message, output);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        int calls() {
            return calls.get();
        }
    }
}
