package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.OperatorControls.ReloadOutcome;
import dev.tabletalk.core.port.in.OperatorControls.SwitchOutcome;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link TableTalk#reload()} on a PostgreSQL shop: settings from the source swap while turns run (each on the old
 * or the new settings, none failing on a pool closed under it), a pending preview survives a reload, and a source
 * that throws leaves everything as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReloadIT {

    private static final String BASE_URL = DatabaseServers.postgres().adminUrl();

    private final String database = "tt_reload_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    private final UserContext editor = UserContext.of("u-1001", "editor", "101");
    private final AtomicReference<Supplier<ReloadableSettings>> source = new AtomicReference<>();
    private TableTalk tableTalk;

    private static ReloadableSettings maxRows(int rows) {
        return new ReloadableSettings(
                Limits.defaults().withMaxRows(rows), RolePolicy.defaults(), ReplyLimits.defaults(), false);
    }

    @BeforeAll
    void createShop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "")) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
    }

    @AfterAll
    void dropShop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    @BeforeEach
    void open() {
        source.set(() -> maxRows(Limits.HARD_MAX_ROWS));
        tableTalk = TableTalk.builder()
                .targetDatabase(userUrl())
                .auditStore("jdbc:h2:mem:audit_" + database + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .settingsSource(() -> source.get().get())
                .build();
    }

    @AfterEach
    void close() {
        tableTalk.close();
    }

    private String url() {
        int slash = BASE_URL.lastIndexOf('/');
        String rest = BASE_URL.substring(slash + 1);
        int query = rest.indexOf('?');
        return BASE_URL.substring(0, slash + 1) + database + (query >= 0 ? rest.substring(query) : "");
    }

    private String userUrl() {
        return url() + (url().contains("?") ? "&" : "?") + "user=postgres";
    }

    private int rowsOfShowCustomers() {
        Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(editor, "show customers"));
        assertThat(reply.part(ReplyPart.Error.class)).as(reply.text()).isEmpty();
        return reply.part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError(reply.text()))
                .rows()
                .size();
    }

    @Test
    void turnsRunningDuringReloadsSeeTheOldOrTheNewSettingsAndNeverAClosedPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> turns = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                turns.add(pool.submit(this::rowsOfShowCustomers));
                if (i % 10 == 5) {
                    int rows = i % 20 == 5 ? 3 : 7;
                    source.set(() -> maxRows(rows));
                    assertThat(tableTalk.reload()).isInstanceOf(ReloadOutcome.Reloaded.class);
                }
            }
            for (Future<Integer> turn : turns) {
                assertThat(turn.get(30, TimeUnit.SECONDS)).isIn(3, 7, Limits.HARD_MAX_ROWS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the last reload set 7 rows: every new turn has it, the old pools are still serving
        assertThat(tableTalk.limits().maxRows()).isEqualTo(7);
        assertThat(rowsOfShowCustomers()).isEqualTo(7);
    }

    @Test
    @Tag("invariant-4")
    void aPendingPreviewSurvivesAReloadAndIsConfirmedOnce() throws SQLException {
        Reply preview = tableTalk
                .conversations()
                .handle(ChatRequest.newSession(editor, "set the status of customer 5 to blocked"));
        ReplyPart.Preview pending =
                preview.part(ReplyPart.Preview.class).orElseThrow(() -> new AssertionError(preview.text()));
        source.set(() -> maxRows(10));
        assertThat(tableTalk.reload()).isInstanceOf(ReloadOutcome.Reloaded.class);

        Reply confirmed =
                tableTalk.conversations().handle(ChatRequest.confirm(preview.sessionId(), editor, pending.previewId()));
        assertThat(confirmed.part(ReplyPart.Committed.class))
                .as(confirmed.text())
                .isPresent();
        try (Connection connection = DriverManager.getConnection(url(), "postgres", "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select status from customers where id = 5")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("blocked");
        }
    }

    @Test
    void aSourceThatThrowsOrACallerWhoIsNotTheOperatorChangesNothing() {
        source.set(() -> maxRows(4));
        tableTalk.reload();
        source.set(() -> {
            throw new ConfigurationException("tabletalk.yaml line 7: unknown key 'limitz'");
        });
        ReloadOutcome refused = tableTalk.reload();
        assertThat(refused).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(((ReloadOutcome.Refused) refused).message()).contains("unknown key 'limitz'");
        assertThat(tableTalk.limits().maxRows()).isEqualTo(4);
        assertThat(rowsOfShowCustomers()).isEqualTo(4);

        source.set(() -> maxRows(9));
        assertThat(tableTalk.operatorControls().reload(UserContext.of("root-1", "admin", "101")))
                .isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(tableTalk.operatorControls().switchReadOnly(true, UserContext.of("root-1", "admin", "101")))
                .isInstanceOf(SwitchOutcome.Refused.class);
        assertThat(tableTalk.limits().maxRows()).isEqualTo(4);
        assertThat(tableTalk.readOnlyMode().isOn()).isFalse();
        assertThat(tableTalk.operatorControls().switchReadOnly(true, TargetConnections.operator()))
                .isEqualTo(new SwitchOutcome.Switched(true, true));
        assertThat(tableTalk.readOnlyMode().isOn()).isTrue();
    }
}
