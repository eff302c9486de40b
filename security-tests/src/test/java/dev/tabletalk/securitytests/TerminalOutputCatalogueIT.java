package dev.tabletalk.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.app.Main;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PUB-111 on the real stack: the command line (as the jar wires it) over the catalogue's shop on PostgreSQL,
 * with a customer's name, a chat message and a table name carrying terminal control sequences. Text output
 * (chat, audit show, schema) escapes them; {@code --json} keeps them as JSON escapes. The global checks that apply
 * to text output hold afterwards: no DDL or DELETE (G1), no other tenant's or hidden data (G2, G3), one audit
 * entry per turn with an intact chain (G4), no SQL or driver text (G5), the database unchanged (G6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalOutputCatalogueIT {

    /** Clear the screen, then set the terminal's title (an OSC sequence ended by BEL). */
    private static final String HOSTILE = "a\u001b[2Jb\u001b]0;title\u0007c";

    private static final String ESCAPED = "a\\e[2Jb\\e]0;title\\ac";

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start("terminal");
        shop.harnessSql(
                "update customers set name = '" + HOSTILE + "' where id = 48",
                "create table \"odd" + HOSTILE + "\" (id bigint primary key, company_id bigint not null)");
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void pub111_controlSequencesInDataNamesAndMessagesAreEscapedInTextAndKeptInJson() {
        String state = shop.checksum();
        long auditBefore = shop.audit.queries().count();
        String database = PgServer.url(shop.targetDb)
                + (PgServer.url(shop.targetDb).contains("?") ? "&" : "?") + "user=" + PgServer.USER;
        String audit = PgServer.url(shop.auditDb) + (PgServer.url(shop.auditDb).contains("?") ? "&" : "?") + "user="
                + PgServer.USER;
        String messages = "show customers where id is 48\nshow customers " + HOSTILE + "\n";

        Run text = run(messages, "chat", "--db", database, "--tenant", "101", "--audit-db", audit);
        Run json = run(messages, "chat", "--db", database, "--tenant", "101", "--json", "--audit-db", audit);
        String session =
                json.out.lines().findFirst().orElseThrow().replaceAll("^\\{\"sessionId\":\"([^\"]+)\".*", "$1");
        Run shown = run("", "audit", "show", session, "--audit-db", audit);
        Run shownJson = run("", "audit", "show", session, "--json", "--audit-db", audit);
        Run schema = run("", "schema", "--db", database, "--audit-db", audit);

        for (Run output : List.of(text, shown, schema)) {
            assertNoRawControls(output.out + output.err);
        }
        assertThat(text.out).contains(ESCAPED);
        assertThat(shown.out).contains(ESCAPED);
        assertThat(schema.out).contains("odd" + ESCAPED);
        assertThat(json.out).containsIgnoringCase("\\u001B[2J").doesNotContain(ESCAPED);
        assertThat(shownJson.out).containsIgnoringCase("\\u001B[2J").doesNotContain(ESCAPED);

        // G1, G6
        assertThat(shop.forbiddenStatements()).isEmpty();
        assertThat(shop.checksum()).isEqualTo(state);
        // G4: the two chats' four turns, and a chain that verifies
        assertThat(shop.audit.queries().count() - auditBefore).isEqualTo(4);
        assertThat(shop.audit.verify().isIntact()).isTrue();
        // G2, G3, G5 on everything printed
        for (Run output : List.of(text, json, shown, shownJson, schema)) {
            String printed = output.out + output.err;
            for (String value : CaseRun.OTHER_TENANT_VALUES) {
                assertThat(printed).as("G2").doesNotContain(value);
            }
            assertThat(printed).as("G3").doesNotContain(ShopFixture.HIDDEN_MARKER);
            for (String leak : List.of("SQLState", "org.postgresql", "org.jooq", "at dev.tabletalk", "Exception")) {
                assertThat(printed).as("G5").doesNotContain(leak);
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int exit = Main.run(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err),
                all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertNoRawControls(String output) {
        for (char c : output.toCharArray()) {
            if (c != '\n' && c != '\r' && c != '\t') {
                assertThat(Character.isISOControl(c))
                        .as("raw control U+%04X in %s", (int) c, output)
                        .isFalse();
            }
        }
    }
}
