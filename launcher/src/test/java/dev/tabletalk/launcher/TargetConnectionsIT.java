package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome;
import dev.tabletalk.core.port.in.TargetConnections.ConnectOutcome.Reason;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Switching the target database at run time against two PostgreSQL shops. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetConnectionsIT {

    static final String BASE_URL = DatabaseServers.postgres().adminUrl();
    private static final String MARKER = "Second Shop Customer";

    private final String suffix =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    private final String first = "tt_launcher_a_" + suffix;
    private final String second = "tt_launcher_b_" + suffix;
    private final String host = URI.create(BASE_URL.substring("jdbc:".length())).getHost();
    private final int port = URI.create(BASE_URL.substring("jdbc:".length())).getPort() < 0
            ? 5432
            : URI.create(BASE_URL.substring("jdbc:".length())).getPort();
    private final UserContext admin = TargetConnections.operator();
    private final UserContext tenantAdmin = UserContext.of("root-1", "admin", "101");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-02T03:04:05Z"));
    private final UserContext editor = UserContext.of("u-1001", "editor", "101");
    private String audit;
    private TableTalk tableTalk;

    @BeforeAll
    void createShops() throws SQLException {
        for (String database : new String[] {first, second}) {
            try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("create database " + database);
            }
            try (Connection connection = DriverManager.getConnection(url(database), "postgres", "")) {
                ShopFixture.create(connection, FixtureDatabase.POSTGRES);
                ShopFixture.reset(connection);
            }
        }
        execute(second, "update customers set name = '" + MARKER + "' where id = 1");
    }

    @AfterAll
    void dropShops() throws SQLException {
        try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + first + " with (force)");
            statement.execute("drop database if exists " + second + " with (force)");
        }
    }

    @BeforeEach
    void open() {
        audit = "jdbc:h2:mem:audit_" + suffix + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        tableTalk = TableTalk.builder()
                .targetDatabase(userUrl(first))
                .auditStore(audit)
                .connectTargets(Set.of(host.toUpperCase(Locale.ROOT) + ":" + port, host + ":1", "db.example.com:5432"))
                .clock(now::get)
                .build();
    }

    @AfterEach
    void close() {
        tableTalk.close();
    }

    private static String url(String database) {
        int slash = BASE_URL.lastIndexOf('/');
        String rest = BASE_URL.substring(slash + 1);
        int query = rest.indexOf('?');
        return BASE_URL.substring(0, slash + 1) + database + (query >= 0 ? rest.substring(query) : "");
    }

    private static String userUrl(String database) {
        String url = url(database);
        return url + (url.contains("?") ? "&" : "?") + "user=postgres";
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Object queryOne(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    private long auditedConnects(String outcome) throws SQLException {
        try (Connection connection = DriverManager.getConnection(audit, "", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from ai_audit_log where message like "
                        + "'(POST /admin/connect:%' and outcome = '" + outcome + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String firstCustomerAsSeen() {
        Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customer 1"));
        assertThat(reply.part(ReplyPart.Rows.class)).as(reply.text()).isPresent();
        return reply.toString();
    }

    @Test
    void anAdminSwitchesTheTargetAndLaterReadsComeFromTheNewDatabase() throws SQLException {
        assertThat(firstCustomerAsSeen()).doesNotContain(MARKER);

        ConnectOutcome outcome = tableTalk.targetConnections().connect(userUrl(second), admin);

        assertThat(outcome).isInstanceOfSatisfying(ConnectOutcome.Connected.class, connected -> {
            assertThat(connected.database())
                    .contains(second)
                    .doesNotContain("user=")
                    .doesNotContain("postgres?");
            assertThat(connected.exposedEntities())
                    .isEqualTo(tableTalk.schema().exposedEntities().size())
                    .isPositive();
        });
        assertThat(firstCustomerAsSeen()).contains(MARKER);
        assertThat(tableTalk.targetDescription()).contains(second);
        assertThat(tableTalk.catalogView().schemaFor(editor).entities()).isNotEmpty();
        // recorded before it took effect ("checks passed"), then as made ("connected")
        assertThat(auditedConnects("ok")).isEqualTo(2);
    }

    @Test
    void aTenantsIdentityEvenAnAdminsIsRefusedBeforeAnyConnectionAndNothingChanges() throws SQLException {
        for (UserContext tenant : new UserContext[] {editor, tenantAdmin, UserContext.of("x", "operator", "101")}) {
            ConnectOutcome outcome = tableTalk.targetConnections().connect(userUrl(second), tenant);
            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ConnectOutcome.Refused.class,
                            refused -> assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN));
        }
        assertThat(firstCustomerAsSeen()).doesNotContain(MARKER);
        assertThat(auditedConnects("refused")).isEqualTo(3);
    }

    @Test
    void theTargetIsHostAndPortTlsIsRequiredOffLoopbackAndTheEventsUseTheInjectedClock() throws SQLException {
        // PUB-108: the listed host on another port (e.g. a fake server) is not a target
        assertThat(tableTalk
                        .targetConnections()
                        .connect(
                                "jdbc:postgresql://" + host + ":" + (port + 1) + "/" + second + "?user=postgres",
                                admin))
                .isInstanceOfSatisfying(
                        ConnectOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED));
        // a listed host that is not loopback needs TLS (refused before any network access)
        assertThat(tableTalk.targetConnections().connect("postgresql://postgres@db.example.com:5432/x", admin))
                .isInstanceOfSatisfying(
                        ConnectOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.TLS_REQUIRED));
        // item 5: the audit entries carry the injected clock's time and the operator as the user
        try (Connection connection = DriverManager.getConnection(audit, "", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from ai_audit_log where message like "
                        + "'(POST /admin/connect:%' and user_id = 'operator' and event_time > timestamp "
                        + "'2029-12-31 00:00:00'")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void theServersOwnPasswordIsNeverAttachedToTheCallersUrl() {
        // the URL names no password; the server's password variable must not be added to it (PUB-108)
        TargetUrl target = TargetUrl.parse("jdbc:postgresql://" + host + ":" + port + "/" + second + "?user=postgres");
        assertThat(target.spec().hasPassword()).isFalse();
        assertThat(target.target()).contains(host + ":" + port);
        assertThat(target.loopback()).isTrue();
    }

    @Test
    void hostsOffTheAllowlistAndUrlsWithoutAHostAreRefused() {
        for (String url : new String[] {
            "jdbc:postgresql://10.255.255.1:5432/" + second + "?user=postgres",
            "postgresql://postgres@db.example.com:5433/" + second,
            "jdbc:h2:mem:elsewhere",
            "sqlite:///elsewhere.db",
            "jdbc:postgresql:" + second
        }) {
            assertThat(tableTalk.targetConnections().connect(url, admin))
                    .as(url)
                    .isInstanceOfSatisfying(
                            ConnectOutcome.Refused.class,
                            refused -> assertThat(refused.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED));
        }
        assertThat(firstCustomerAsSeen()).doesNotContain(MARKER);
    }

    @Test
    void driverOptionsThatLoadClassesOrNameOtherHostsAreUnsupported() {
        for (String url : new String[] {
            userUrl(second) + "&socketFactory=java.net.Socket",
            userUrl(second) + "&loggerFile=/tmp/x",
            userUrl(second) + "&PGHOST=10.0.0.1",
            "jdbc:postgresql://" + host + ",10.0.0.1:5432/" + second,
            "mongodb://" + host + "/x",
            "not a url"
        }) {
            assertThat(tableTalk.targetConnections().connect(url, admin))
                    .as(url)
                    .isInstanceOfSatisfying(
                            ConnectOutcome.Refused.class,
                            refused -> assertThat(refused.reason()).isEqualTo(Reason.UNSUPPORTED_URL));
        }
    }

    @Test
    void everyNetworkOrLoginFailureGivesTheSameMessageAndChangesNothing() throws SQLException {
        String closedPort = "jdbc:postgresql://" + host + ":1/" + second + "?user=postgres";
        String missingDatabase = userUrl("tt_launcher_missing_" + suffix);
        String badUser = url(second) + (url(second).contains("?") ? "&" : "?") + "user=nobody_" + suffix;

        for (String url : new String[] {closedPort, missingDatabase, badUser}) {
            long started = System.nanoTime();
            assertThat(tableTalk.targetConnections().connect(url, admin))
                    .as(url)
                    .isEqualTo(new ConnectOutcome.Refused(Reason.CONNECTION_FAILED, Connections.FAILED_MESSAGE));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("a fast failure takes as long as a timeout: no timing probe")
                    .isGreaterThanOrEqualTo(Connections.FAILURE_FLOOR.minusMillis(50));
        }
        assertThat(Connections.FAILED_MESSAGE)
                .doesNotContain(host)
                .doesNotContain("Connection refused")
                .doesNotContain("timed out")
                .doesNotContain("does not exist");
        assertThat(firstCustomerAsSeen()).doesNotContain(MARKER);
        assertThat(auditedConnects("refused")).isEqualTo(3);
    }

    @Test
    @Tag("invariant-4")
    void aPreviewMadeBeforeTheSwitchCannotBeConfirmedAfterIt() throws SQLException {
        Reply preview = tableTalk
                .conversations()
                .handle(ChatRequest.newSession(editor, "set the status of customer 7 to blocked"));
        ReplyPart.Preview pending =
                preview.part(ReplyPart.Preview.class).orElseThrow(() -> new AssertionError(preview.text()));

        assertThat(tableTalk.targetConnections().connect(userUrl(second), admin))
                .isInstanceOf(ConnectOutcome.Connected.class);
        Reply confirmed =
                tableTalk.conversations().handle(ChatRequest.confirm(preview.sessionId(), editor, pending.previewId()));
        Reply said = tableTalk.conversations().handle(ChatRequest.of(preview.sessionId(), editor, "confirm"));

        assertThat(confirmed.refusal())
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.PREVIEW_NOT_FOUND));
        assertThat(said.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(queryOne(first, "select status from customers where id = 7")).isEqualTo("active");
        assertThat(queryOne(second, "select status from customers where id = 7"))
                .isEqualTo("active");
    }

    @Test
    void turnsRunningDuringASwitchFinishWithoutErrors() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> turns = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                turns.add(pool.submit(
                        () -> tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers"))));
                if (i == 10) {
                    assertThat(tableTalk.targetConnections().connect(userUrl(second), admin))
                            .isInstanceOf(ConnectOutcome.Connected.class);
                }
            }
            for (Future<Reply> turn : turns) {
                Reply reply = turn.get(30, TimeUnit.SECONDS);
                assertThat(reply.part(ReplyPart.Error.class)).as(reply.text()).isEmpty();
                assertThat(reply.part(ReplyPart.Rows.class)).as(reply.text()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firstCustomerAsSeen()).contains(MARKER);
    }

    @Test
    void afterCloseTurnsStillAnswerAndConnectsAreRefused() {
        tableTalk.close();
        Reply late = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers")));
        assertThat(late.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(tableTalk.targetConnections().connect(userUrl(second), admin))
                .isInstanceOf(ConnectOutcome.Refused.class);
    }
}
