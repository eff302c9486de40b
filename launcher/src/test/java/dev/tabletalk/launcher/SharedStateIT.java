package dev.tabletalk.launcher;

import static dev.tabletalk.testkit.fixtures.Conditions.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.OperatorControls.ReloadOutcome;
import dev.tabletalk.core.port.in.OperatorControls.SwitchOutcome;
import dev.tabletalk.core.port.in.TargetConnections;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.CommitFaults;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two TableTalk instances (two servers) on one PostgreSQL shop and one shared store ({@code sharedState.url}): the
 * read-only switch made on one refuses writes on the other within a second, a reload on one is followed by the
 * other, and the shared buckets are the same on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStateIT {

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private final UserContext editor = UserContext.of("u-1001", "editor", "101");
    private final AtomicInteger maxRowsOfB = new AtomicInteger(Limits.HARD_MAX_ROWS);
    private String shop;
    private String state;
    private TableTalk serverA;
    private TableTalk serverB;

    @BeforeAll
    void createDatabases() throws SQLException {
        shop = postgres.createDatabase("tt_shared_shop");
        try (Connection connection = postgres.connect(shop)) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
        }
    }

    @AfterAll
    void dropDatabases() {
        postgres.dropDatabase(shop);
    }

    @BeforeEach
    void startTwoServers() throws SQLException {
        try (Connection connection = postgres.connect(shop)) {
            ShopFixture.reset(connection);
        }
        state = postgres.createDatabase("tt_shared_state");
        serverA = server(() -> Limits.HARD_MAX_ROWS);
        serverB = server(maxRowsOfB::get);
    }

    @AfterEach
    void stopServers() {
        serverA.close();
        serverB.close();
        postgres.dropDatabase(state);
    }

    private TableTalk server(IntSupplier maxRows) {
        return TableTalk.builder()
                .targetDatabase(postgres.urlWithUser(shop))
                .auditStore("jdbc:h2:mem:audit_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .sharedState(postgres.urlWithUser(state))
                .settingsSource(() -> new ReloadableSettings(
                        Limits.defaults().withMaxRows(maxRows.getAsInt()),
                        RolePolicy.defaults(),
                        ReplyLimits.defaults(),
                        false))
                .build();
    }

    @Test
    @Tag("invariant-10")
    void readOnlySwitchedOnOneServerRefusesAPendingConfirmOnTheOtherWithinASecond() throws SQLException {
        Reply preview = serverB.conversations()
                .handle(ChatRequest.newSession(editor, "set the status of customer 5 to blocked"));
        ReplyPart.Preview pending =
                preview.part(ReplyPart.Preview.class).orElseThrow(() -> new AssertionError(preview.text()));

        assertThat(serverA.operatorControls().switchReadOnly(true, TargetConnections.operator()))
                .isEqualTo(new SwitchOutcome.Switched(true, true));

        assertThat(within(
                        Duration.ofSeconds(1), () -> serverB.operatorControls().readOnly()))
                .as("server B sees the switch within 1 s")
                .isTrue();
        Reply confirm =
                serverB.conversations().handle(ChatRequest.confirm(preview.sessionId(), editor, pending.previewId()));
        assertThat(confirm.part(ReplyPart.Committed.class)).as(confirm.text()).isEmpty();
        assertThat(confirm.part(ReplyPart.Refused.class))
                .hasValueSatisfying(r -> assertThat(r.refusal().code()).isEqualTo(RefusalCode.READ_ONLY_MODE));
        assertThat(statusOfCustomer5()).isNotEqualTo("blocked");

        assertThat(serverB.operatorControls().switchReadOnly(false, TargetConnections.operator()))
                .isEqualTo(new SwitchOutcome.Switched(false, true));
        assertThat(within(
                        Duration.ofSeconds(1), () -> !serverA.operatorControls().readOnly()))
                .as("switched off on B, off on A within 1 s")
                .isTrue();
    }

    @Test
    void aReloadOnOneServerIsFollowedByTheOtherWithinASecond() {
        maxRowsOfB.set(3);
        assertThat(serverB.limits().maxRows()).isEqualTo(Limits.HARD_MAX_ROWS);

        assertThat(serverA.reload()).isInstanceOf(ReloadOutcome.Reloaded.class);

        assertThat(within(Duration.ofSeconds(1), () -> serverB.limits().maxRows() == 3))
                .as("server B reloaded its own settings source")
                .isTrue();
    }

    /**
     * A reload whose announce lost the shared store after its commit was sent (the commit's own deferred trigger
     * ends its backend): this server reloaded, and its answer says that whether the others follow is not known,
     * not that they could not be told.
     */
    @Test
    void aReloadWhoseAnnounceLostTheStoreAtItsCommitSaysWhetherTheOthersFollowIsNotKnown() throws SQLException {
        maxRowsOfB.set(3);
        try (Connection connection = postgres.connect(state)) {
            CommitFaults.install(connection, "tabletalk_operator_state", "tt_end_at_commit", CommitFaults.END_BACKEND);
        }
        ReloadOutcome outcome;
        try {
            outcome = serverA.reload();
        } finally {
            try (Connection connection = postgres.connect(state)) {
                CommitFaults.remove(connection, "tabletalk_operator_state", "tt_end_at_commit");
            }
        }

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ReloadOutcome.Reloaded.class,
                        reloaded -> assertThat(String.join(" ", reloaded.notes()))
                                .contains("not known whether they will follow", "reload again")
                                .doesNotContain("could not be told"));
        assertThat(serverB.limits().maxRows())
                .as("the store rolled the announce back: server B did not reload")
                .isEqualTo(Limits.HARD_MAX_ROWS);
    }

    @Test
    void bothServersTakeFromTheSameRateLimitBuckets() {
        var onA = serverA.rateLimitBuckets().orElseThrow();
        var onB = serverB.rateLimitBuckets().orElseThrow();

        assertThat(onA.take("user\n101\nu-1001", 2, Duration.ofHours(1))).isEmpty();
        assertThat(onB.take("user\n101\nu-1001", 2, Duration.ofHours(1))).isEmpty();

        assertThat(onA.take("user\n101\nu-1001", 2, Duration.ofHours(1))).isPresent();
        assertThat(onB.take("user\n101\nu-1001", 2, Duration.ofHours(1))).isPresent();
    }

    private String statusOfCustomer5() throws SQLException {
        try (Connection connection = postgres.connect(shop);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select status from customers where id = 5")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
