package dev.tabletalk.launcher;

import static dev.tabletalk.testkit.fixtures.Conditions.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.port.in.TargetConnections.TargetStatus;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.CommitFaults;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /admin/connect} with several servers sharing state on PostgreSQL (#17): two shop databases A and B on
 * PostgreSQL, every server starting on A. A connect on one server is followed by the others within a second; the
 * password of the URL is kept sealed in the shared store (never in clear), and refused without a key; a server that
 * cannot follow serves no database (its turns answer as unavailable) until it can.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedConnectIT {

    private static final String MARKER = "Shop B Customer";
    private static final String PASSWORD = "s3cret-Connect-pw";
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private final UserContext editor = UserContext.of("u-1001", "editor", "101");
    private final List<TableTalk> servers = new ArrayList<>();
    private final List<String> audits = new ArrayList<>();
    private String shopA;
    private String shopB;
    private String state;

    @BeforeAll
    void createShops() throws SQLException {
        shopA = postgres.createDatabase("tt_sconn_a");
        shopB = postgres.createDatabase("tt_sconn_b");
        for (String shop : List.of(shopA, shopB)) {
            try (Connection connection = postgres.connect(shop)) {
                ShopFixture.create(connection, FixtureDatabase.POSTGRES);
                ShopFixture.reset(connection);
            }
        }
        try (Connection connection = postgres.connect(shopB);
                Statement statement = connection.createStatement()) {
            statement.execute("update customers set name = '" + MARKER + "' where id = 1");
        }
    }

    @AfterAll
    void dropShops() {
        postgres.dropDatabase(shopA);
        postgres.dropDatabase(shopB);
    }

    @BeforeEach
    void createState() {
        state = postgres.createDatabase("tt_sconn_state");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(TableTalk::close);
        servers.clear();
        audits.clear();
        postgres.dropDatabase(state);
    }

    private TableTalk server(boolean withKey, Set<String> connectTargets) {
        String audit = "jdbc:h2:mem:audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        TableTalk.Builder builder = TableTalk.builder()
                .targetDatabase(postgres.urlWithUser(shopA))
                .auditStore(audit)
                .sharedState(postgres.urlWithUser(state))
                .connectTargets(connectTargets);
        if (withKey) {
            builder.sharedStateKey(KEY);
        }
        TableTalk server = builder.build();
        servers.add(server);
        audits.add(audit);
        return server;
    }

    private TableTalk server(boolean withKey) {
        return server(withKey, Set.of(postgres.hostAndPort()));
    }

    /** Shop B's URL with the administrator's user and a password (trust authentication ignores it). */
    private String urlWithPassword() {
        return postgres.url(shopB) + (postgres.url(shopB).contains("?") ? "&" : "?") + "user=postgres&password="
                + PASSWORD;
    }

    private String urlWithoutPassword() {
        return postgres.url(shopB) + (postgres.url(shopB).contains("?") ? "&" : "?") + "user=postgres";
    }

    private static Reply firstCustomer(TableTalk server, UserContext user) {
        return server.conversations().handle(ChatRequest.newSession(user, "show customer 1"));
    }

    private boolean answersFromShopB(TableTalk server) {
        Reply reply = firstCustomer(server, editor);
        return reply.part(ReplyPart.Rows.class).isPresent() && reply.toString().contains(MARKER);
    }

    @Test
    void aConnectOnOneServerIsFollowedByTheOtherWithinASecondAndItsPasswordIsNeverInClear() throws SQLException {
        TableTalk one = server(true);
        TableTalk two = server(true);
        assertThat(answersFromShopB(two)).isFalse();

        ConnectOutcome outcome = one.targetConnections().connect(urlWithPassword(), TargetConnections.operator());
        long connected = System.nanoTime();

        assertThat(outcome).isInstanceOf(ConnectOutcome.Connected.class);
        assertThat(answersFromShopB(one)).isTrue();
        assertThat(within(Duration.ofSeconds(1), () -> answersFromShopB(two)))
                .as("server two answers from shop B within 1 s")
                .isTrue();
        System.out.printf(
                "SharedConnectIT: server two answered from shop B %d ms after the connect returned%n",
                Duration.ofNanos(System.nanoTime() - connected).toMillis());
        assertThat(two.targetConnections().status()).isEqualTo(new TargetStatus(1, true));
        assertThat(one.targetConnections().status()).isEqualTo(new TargetStatus(1, true));
        assertThat(two.targetDescription()).contains(shopB);

        String stored = sharedTargetRow();
        assertThat(stored).doesNotContain(PASSWORD).contains("sealed=1").contains("generation=1");
        assertThat(audited(1, "following another server: connected")).isEqualTo(1);
        assertThat(audited(0, "connected postgresql")).isEqualTo(1);
    }

    @Test
    void withoutAKeyAUrlWithAPasswordIsRefusedAndOneWithoutIsSharedAsIs() throws SQLException {
        TableTalk one = server(false);
        TableTalk two = server(false);

        ConnectOutcome refused = one.targetConnections().connect(urlWithPassword(), TargetConnections.operator());

        assertThat(refused).isInstanceOfSatisfying(ConnectOutcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ConnectOutcome.Reason.SEVERAL_SERVERS);
            assertThat(r.message()).contains("sharedState.key").doesNotContain(PASSWORD);
        });
        assertThat(sharedTargetRow()).contains("generation=0").doesNotContain(PASSWORD);
        assertThat(answersFromShopB(one)).isFalse();

        assertThat(one.targetConnections().connect(urlWithoutPassword(), TargetConnections.operator()))
                .isInstanceOf(ConnectOutcome.Connected.class);
        assertThat(within(Duration.ofSeconds(1), () -> answersFromShopB(two))).isTrue();
        assertThat(sharedTargetRow()).contains("sealed=0").contains("url=" + urlWithoutPassword());
    }

    @Test
    void aServerThatCannotFollowServesNoDatabaseUntilItCanAndSaysWhy() throws SQLException {
        TableTalk one = server(true);
        assertThat(one.targetConnections().connect(urlWithPassword(), TargetConnections.operator()))
                .isInstanceOf(ConnectOutcome.Connected.class);
        postgres.execute("alter database " + shopB + " allow_connections false");
        TableTalk unreachable;
        TableTalk refusedByItsAllowlist;
        try {
            unreachable = server(true);
            refusedByItsAllowlist = server(true, Set.of("db.example.com:5432"));

            for (TableTalk behind : List.of(unreachable, refusedByItsAllowlist)) {
                assertThat(behind.targetConnections().status()).isEqualTo(new TargetStatus(1, false));
                Reply reply = firstCustomer(behind, editor);
                assertThat(reply.part(ReplyPart.Rows.class)).as(reply.text()).isEmpty();
                assertThat(reply.part(ReplyPart.Error.class))
                        .hasValueSatisfying(error -> assertThat(error.code()).isEqualTo("chosen_database_unavailable"));
            }
            assertThat(audited(1, "cannot follow: connection_failed")).isEqualTo(1);
            assertThat(audited(2, "cannot follow: host_not_allowed")).isEqualTo(1);
        } finally {
            postgres.execute("alter database " + shopB + " allow_connections true");
        }
        long reachable = System.nanoTime();

        assertThat(within(Duration.ofSeconds(3), () -> answersFromShopB(unreachable)))
                .as("the server that could not reach shop B follows once it can")
                .isTrue();
        System.out.printf(
                "SharedConnectIT: the unreachable server followed %d ms after shop B accepted connections again%n",
                Duration.ofNanos(System.nanoTime() - reachable).toMillis());
        assertThat(unreachable.targetConnections().status()).isEqualTo(new TargetStatus(1, true));
        assertThat(refusedByItsAllowlist.targetConnections().status()).isEqualTo(new TargetStatus(1, false));
        assertThat(firstCustomer(refusedByItsAllowlist, editor).toString()).doesNotContain(MARKER);
        assertThat(audited(1, "cannot follow"))
                .as("recorded once, not at every retry")
                .isEqualTo(1);
    }

    @Test
    void aConnectTheSharedStoreCannotTakeIsRefusedAndTheLogNeverSaysItWasMade() throws SQLException {
        TableTalk one = server(true);
        assertThat(answersFromShopB(one)).isFalse();
        postgres.execute(
                "alter database " + state + " allow_connections false",
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + state + "'");
        ConnectOutcome outcome;
        try {
            outcome = one.targetConnections().connect(urlWithPassword(), TargetConnections.operator());
        } finally {
            postgres.execute("alter database " + state + " allow_connections true");
        }

        assertThat(outcome).isInstanceOfSatisfying(ConnectOutcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ConnectOutcome.Reason.SHARED_STATE_UNAVAILABLE);
            assertThat(r.message()).contains("nothing was changed");
        });
        assertThat(answersFromShopB(one)).as("still on shop A").isFalse();
        // before the act, what was known then; after it, what became of it; never "connected"
        assertThat(audited(0, "checks passed")).isEqualTo(1);
        assertThat(audited(0, "shared_state_unavailable")).isEqualTo(1);
        assertThat(audited(0, "connected postgresql")).isZero();

        // once the store is back, the next connect is made, though the store's pool still holds connections the
        // store ended a moment ago (the act goes through on another connection), and recorded once; the pool refuses
        // at once while it knows the store down, and finds it back within a moment (it tries every 100 ms)
        sleepQuietly(Duration.ofSeconds(1));
        assertThat(one.targetConnections().connect(urlWithPassword(), TargetConnections.operator()))
                .isInstanceOf(ConnectOutcome.Connected.class);
        assertThat(audited(0, "checks passed")).isEqualTo(2);
        assertThat(audited(0, "shared_state_unavailable")).isEqualTo(1);
        assertThat(audited(0, "connected postgresql")).isEqualTo(1);
    }

    /**
     * When the shared store's connection is lost after the connect's commit was sent (here the commit's own
     * deferred trigger ends its backend, so the store rolls it back), the server cannot know whether the other
     * servers will follow: it says so, never "nothing was changed", and never "connected"; connecting again works.
     */
    @Test
    void aConnectWhoseCommitLostTheSharedStoreSaysItsOutcomeIsUnknownAndConnectingAgainWorks() throws SQLException {
        TableTalk one = server(true);
        try (Connection connection = postgres.connect(state)) {
            CommitFaults.install(connection, "tabletalk_connect_target", "tt_end_at_commit", CommitFaults.END_BACKEND);
        }

        ConnectOutcome outcome = one.targetConnections().connect(urlWithPassword(), TargetConnections.operator());

        assertThat(outcome).isInstanceOfSatisfying(ConnectOutcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ConnectOutcome.Reason.OUTCOME_UNKNOWN);
            assertThat(r.message())
                    .contains("not known whether it took effect", "Connecting again to the same database is safe")
                    .doesNotContain("nothing was changed", PASSWORD);
        });
        assertThat(audited(0, "outcome_unknown")).isEqualTo(1);
        assertThat(audited(0, "connected postgresql")).isZero();
        // the store rolled it back: the generation did not move, and no server switches
        assertThat(sharedTargetRow()).startsWith("generation=0 ");
        assertThat(answersFromShopB(one)).isFalse();

        try (Connection connection = postgres.connect(state)) {
            CommitFaults.remove(connection, "tabletalk_connect_target", "tt_end_at_commit");
        }
        assertThat(one.targetConnections().connect(urlWithPassword(), TargetConnections.operator()))
                .isInstanceOf(ConnectOutcome.Connected.class);
        assertThat(answersFromShopB(one)).isTrue();
        assertThat(sharedTargetRow()).startsWith("generation=1 ");
    }

    /** Every column of the shared store's connect target, as text. */
    private String sharedTargetRow() throws SQLException {
        try (Connection connection = postgres.connect(state);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select generation, description, url, sealed from tabletalk_connect_target")) {
            row.next();
            return "generation=" + row.getLong(1) + " description=" + row.getString(2) + " url=" + row.getString(3)
                    + " sealed=" + row.getInt(4);
        }
    }

    /** How many audit records of server {@code index} mention {@code text} in a connect record. */
    private long audited(int index, String text) throws SQLException {
        try (Connection connection = DriverManager.getConnection(audits.get(index), "", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from ai_audit_log where message like "
                        + "'(POST /admin/connect:%" + text + "%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
