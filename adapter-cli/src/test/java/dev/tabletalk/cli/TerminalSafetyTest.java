package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.rows.TruncatedText;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PUB-111: text output never writes a raw control character from data or messages to a terminal;
 * {@code --json} stays exact (JSON escaping covers it). PUB-106: a cut value shows its marker.
 */
@Tag("PUB-111")
class TerminalSafetyTest {

    /** Clears the screen, then sets the window title (OSC ... BEL). */
    static final String HOSTILE = "a\u001b[2Jb\u001b]0;title\u0007c";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyControlCharacterIsShownVisibly() {
        assertThat(TerminalText.escape(HOSTILE)).isEqualTo("a\\e[2Jb\\e]0;title\\ac");
        assertThat(TerminalText.escape("x\ny\r\tz")).isEqualTo("x\\ny\\r\\tz");
        assertThat(TerminalText.escape("\u0000\u007f\u009b\u0085")).isEqualTo("\\x00\\x7f\\x9b\\x85");
        assertThat(TerminalText.escape("admin\u202egnp.exe\u2028")).isEqualTo("admin\\u202egnp.exe\\u2028");
        assertThat(TerminalText.escape("Zoë 😀 plain")).isEqualTo("Zoë 😀 plain");
        String plain = "nothing to escape";
        assertThat(TerminalText.escape(plain)).isSameAs(plain);
    }

    @Test
    void chatEscapesValuesAndMessagesInTextAndKeepsJsonExact() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("note", HOSTILE);
        row.put("body", new TruncatedText("x".repeat(4096), 1_048_576));
        Conversations conversations = request -> new Reply(
                request.sessionId().orElse("s_1"),
                Stage.IDLE,
                "You said: " + request.message(),
                List.of(new ReplyPart.Rows(
                        "notes", new RowSet(List.of("id", "note", "body"), List.of(row), false), 0, 1)));

        String text = chat(conversations, HOSTILE + "\n", "chat", "--db", "jdbc:h2:mem:x");

        assertNoRawControls(text);
        assertThat(text)
                .contains(
                        "You said: a\\e[2Jb\\e]0;title\\ac", "a\\e[2Jb\\e]0;title\\ac", "…[truncated, 1048576 chars]");

        String json = chat(conversations, HOSTILE + "\n", "chat", "--db", "jdbc:h2:mem:x", "--json");
        var line = JSON.readTree(json.lines().findFirst().orElseThrow());
        assertThat(line.get("text").asText()).isEqualTo("You said: " + HOSTILE);
        assertThat(line.get("rows").get(0).get("note").asText()).isEqualTo(HOSTILE);
        assertThat(line.get("rows").get(0).get("body").get("length").asLong()).isEqualTo(1_048_576);
        assertThat(line.get("trimmed").get("cellsTruncated").asInt()).isEqualTo(1);
    }

    @Test
    void auditShowEscapesRecordedMessagesInTextAndKeepsJsonExact() throws Exception {
        AuditTrail audit = new AuditTrail() {
            @Override
            public Chain verify() {
                throw new AssertionError("not asked");
            }

            @Override
            public List<Session> sessions(int limit) {
                return List.of();
            }

            @Override
            public List<Turn> turns(String sessionId) {
                return List.of(new Turn(
                        1,
                        Instant.EPOCH,
                        "mia\u001b[31m",
                        "s_1",
                        HOSTILE,
                        "read",
                        Optional.of("read"),
                        Optional.of("notes"),
                        "ok",
                        Optional.empty(),
                        1,
                        3,
                        Optional.empty()));
            }

            @Override
            public List<Turn> turnsWithErrorId(String errorId) {
                return List.of();
            }
        };
        TableTalkOpener connector = new TableTalkOpener() {
            @Override
            public Opened<TableTalkPorts> open(CliSettings settings) {
                throw new AssertionError("audit commands never open the target");
            }

            @Override
            public Opened<AuditTrail> openAudit(Optional<String> url) {
                return Opened.of(audit);
            }
        };

        String text = run(connector, "", "audit", "show", "s_1");
        assertNoRawControls(text);
        assertThat(text).contains("a\\e[2Jb\\e]0;title\\ac", "mia\\e[31m");

        String json = run(connector, "", "audit", "show", "s_1", "--json");
        assertThat(JSON.readTree(json.lines().findFirst().orElseThrow())
                        .get("message")
                        .asText())
                .isEqualTo(HOSTILE);
    }

    @Test
    void schemaEscapesNamesAndReasonsInText() {
        Entity customers = Catalogs.customers();
        Entity hostile = new Entity(
                customers.schema(),
                "notes" + HOSTILE,
                customers.kind(),
                customers.columns(),
                customers.primaryKey(),
                customers.uniqueKeys(),
                customers.indexes(),
                customers.foreignKeys(),
                customers.comment(),
                customers.exposure(),
                "reason " + HOSTILE,
                customers.form());
        EntityCatalog catalog = EntityCatalog.of(List.of(hostile));

        String text = SchemaCommand.render(catalog, catalog.tenancies("company_id"));

        assertNoRawControls(text);
        assertThat(text).contains("notesa\\e[2Jb\\e]0;title\\ac", "reason a\\e[2Jb\\e]0;title\\ac");
    }

    static void assertNoRawControls(String output) {
        for (char c : output.toCharArray()) {
            if (c != '\n' && c != '\r') {
                assertThat(TerminalText.isControl(c))
                        .as("raw control U+%04X in %s", (int) c, output)
                        .isFalse();
            }
        }
    }

    private static String chat(Conversations conversations, String stdin, String... args) {
        TableTalkOpener connector = settings -> Opened.of(FakePorts.of(conversations));
        return run(connector, stdin, args);
    }

    private static String run(TableTalkOpener connector, String stdin, String... args) {
        StringWriter out = new StringWriter();
        TableTalkCli.create(connector)
                .execute(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()),
                        false,
                        args);
        return out.toString();
    }
}
