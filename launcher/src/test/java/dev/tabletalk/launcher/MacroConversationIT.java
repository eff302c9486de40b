package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #14 macros through the real stack on PostgreSQL (catalog, jOOQ executor, H2 audit store): an update macro previews,
 * and only the confirm changes exactly the named row; a viewer's update macro is refused; a missing argument is
 * asked for; a macro that does not fit the schema stops the build; the audit log names the macro.
 */
class MacroConversationIT {

    private static final UserContext EDITOR = UserContext.of("u-1001", "editor", "101");
    private static final UserContext VIEWER = UserContext.of("u-1002", "viewer", "101");

    static final Macro DEACTIVATE = new Macro(
            "deactivate customer",
            "Mark a customer inactive",
            Map.of("id", ParamType.INTEGER),
            Map.of(
                    "intent",
                    "update",
                    "entity",
                    "customers",
                    "filters",
                    List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                    "fields",
                    Map.of("status", "inactive")));

    static final Macro ORDERS_OVER = new Macro(
            "orders over",
            "Orders above a total",
            Map.of("total", ParamType.NUMBER),
            Map.of(
                    "intent",
                    "read",
                    "entity",
                    "orders",
                    "filters",
                    List.of(Map.of("field", "total", "op", ">", "value", "{total}")),
                    "orderBy",
                    List.of(Map.of("field", "id", "dir", "asc"))));

    private final DatabaseServer postgres = DatabaseServers.postgres();
    private String database;
    private String audit;
    private TableTalk tableTalk;

    @BeforeEach
    void setUp() throws SQLException {
        database = postgres.createDatabase("tt_macro");
        try (Connection connection = postgres.connect(database)) {
            ShopFixture.create(connection, FixtureDatabase.POSTGRES);
            ShopFixture.reset(connection);
        }
        audit = "jdbc:h2:mem:audit_" + database + ";DB_CLOSE_DELAY=-1";
        tableTalk = TableTalk.builder()
                .targetDatabase(postgres.urlWithUser(database))
                .auditStore(audit)
                .macros(List.of(DEACTIVATE, ORDERS_OVER))
                .build();
    }

    @AfterEach
    void tearDown() {
        if (tableTalk != null) {
            tableTalk.close();
        }
        postgres.dropDatabase(database);
    }

    private Reply say(UserContext user, String session, String message) {
        return tableTalk.conversations().handle(ChatRequest.of(session, user, message));
    }

    private Map<Long, String> statuses() throws SQLException {
        Map<Long, String> statuses = new LinkedHashMap<>();
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, status from customers order by id")) {
            while (rows.next()) {
                statuses.put(rows.getLong(1), rows.getString(2));
            }
        }
        return statuses;
    }

    @Test
    @Tag("invariant-4")
    void anUpdateMacroChangesExactlyTheNamedRowAfterPreviewAndConfirm() throws SQLException {
        Map<Long, String> before = statuses();
        assertThat(before.get(2L)).isEqualTo("active");

        Reply preview = say(EDITOR, "s-1", "deactivate customer 2");

        assertThat(preview.stage()).as(preview.text()).isEqualTo(Stage.PREVIEW);
        assertThat(preview.text()).startsWith("Macro 'deactivate customer' (id = 2): ");
        assertThat(preview.part(ReplyPart.Preview.class).orElseThrow().preview().rowCount())
                .isEqualTo(1);
        assertThat(statuses()).as("nothing changes before the confirm").isEqualTo(before);

        Reply done = say(EDITOR, "s-1", "confirm");

        assertThat(done.isRefused()).as(done.text()).isFalse();
        Map<Long, String> expected = new LinkedHashMap<>(before);
        expected.put(2L, "inactive");
        assertThat(statuses()).isEqualTo(expected);
    }

    @Test
    @Tag("invariant-6")
    void aViewerRunningAnUpdateMacroIsRefusedAndNothingChanges() throws SQLException {
        Map<Long, String> before = statuses();

        Reply reply = say(VIEWER, "s-2", "deactivate customer 2");

        assertThat(reply.refusal().orElseThrow().code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(say(VIEWER, "s-2", "confirm").isRefused()).isTrue();
        assertThat(statuses()).isEqualTo(before);
        assertThat(tableTalk.catalogView().macrosFor(VIEWER)).containsExactly(ORDERS_OVER);
        assertThat(tableTalk.catalogView().macrosFor(EDITOR)).containsExactly(DEACTIVATE, ORDERS_OVER);
    }

    @Test
    void aMissingArgumentIsAskedForAndTheAuditLogNamesTheMacro() throws SQLException {
        Reply asked = say(EDITOR, "s-3", "run deactivate customer");
        assertThat(asked.text()).startsWith("Which id?");
        assertThat(say(EDITOR, "s-3", "two").refusal().orElseThrow().code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(say(EDITOR, "s-3", "4").stage()).isEqualTo(Stage.PREVIEW);
        say(EDITOR, "s-3", "confirm");

        assertThat(statuses().get(4L)).isEqualTo("inactive");
        try (Connection connection = java.sql.DriverManager.getConnection(audit, "", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from ai_audit_log where planner = 'macro'"
                        + " and model = 'deactivate customer' and session_id = 's-3'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("asked, refused value, preview").isEqualTo(3);
        }
    }

    @Test
    @Tag("invariant-7")
    void aReadMacroRunsInTheCallersTenantOnly() {
        Reply reply = say(EDITOR, "s-4", "orders over 0");

        ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply.text()));
        assertThat(rows.rows().rows()).extracting(row -> row.get("id")).doesNotContain(900L, 900);
        assertThat(rows.rows().rows()).hasSize(5);
        assertThat(rows.interpretation().orElseThrow()).startsWith("macro 'orders over' (total = 0): ");
    }

    @Test
    void aMacroThatDoesNotFitTheSchemaStopsTheBuild() {
        Macro wrong = new Macro(
                "block account",
                "",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "accounts",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                        "fields",
                        Map.of("status", "blocked")));

        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase(postgres.urlWithUser(database))
                        .auditStore(audit)
                        .macros(List.of(wrong))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("macro 'block account': unknown entity 'accounts'");
        assertThatThrownBy(() -> TableTalk.builder().macros(List.of(DEACTIVATE, DEACTIVATE)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("deactivate customer");
    }
}
