package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.cli.TableTalkCli;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancies;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tabletalk serve} as the app adds it to the CLI: options, messages and exit codes, with a fake server. */
class ServeCommandTest {

    @TempDir
    Path folder;

    private final List<ServeSettings> served = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private boolean closed;

    private final CliServer server = new CliServer() {
        @Override
        public String address() {
            return "http://127.0.0.1:9999";
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public Tenancies tenancies() {
            return EntityCatalog.of(List.of()).tenancies("company_id");
        }

        @Override
        public void awaitStop() {
            // stops at once in this test
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    private int run(String... args) {
        TableTalkCli cli = TableTalkCli.create(settings -> {
                    throw new AssertionError("serve goes through the server starter");
                })
                .withCommand(() -> new ServeCommand(
                        settings -> {
                            served.add(settings);
                            return server;
                        },
                        new SettingsAssembly(Map.of("TABLETALK_HMAC_KEYS", "k1=a-secret"), folder)))
                .withCommand(() -> new AdminCommand(name -> null));
        return cli.execute(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), false, args);
    }

    @Test
    void serveStartsTheServerPrintsWhereAndWaitsUntilItStops() {
        assertThat(run("serve", "--demo", "--port", "0", "--auth", "HMAC")).isZero();
        assertThat(out.toString())
                .contains(
                        "TableTalk serves http://127.0.0.1:9999 (auth hmac)",
                        "WARNING: no table or view has the tenant column company_id");
        assertThat(served.get(0).target().demo()).isTrue();
        assertThat(served.get(0).port()).isZero();
        assertThat(served.get(0).host()).isEqualTo("127.0.0.1");
        assertThat(served.get(0).connectTargets())
                .as("no connect targets by default")
                .isEmpty();
        assertThat(closed).isTrue();
    }

    @Test
    void demoWebServesTheDemoShopWithTheServeOptionsAndNamesTheConsole() {
        assertThat(run("demo", "--web", "--port", "0", "--planner", "rules")).isZero();
        assertThat(served).hasSize(1);
        assertThat(served.get(0).target().demo()).isTrue();
        assertThat(served.get(0).port()).isZero();
        assertThat(served.get(0).auth()).isEqualTo("dev");
        assertThat(served.get(0).target().flag("planner.models")).contains("rules");
        assertThat(out.toString())
                .contains("TableTalk serves http://127.0.0.1:9999 (auth dev)", "Web console: http://127.0.0.1:9999/");
        assertThat(closed).isTrue();
    }

    @Test
    void demoWebRefusesTheTerminalsIdentityOptionsSinceTheBrowserChoosesWhoAsks() {
        assertThat(run("demo", "--web", "--tenant", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("with --web, --tenant does not apply");
        assertThat(served).isEmpty();
    }

    @Test
    void connectTargetsAreHostAndPort() {
        assertThat(run(
                        "serve",
                        "--demo",
                        "--allow-connect",
                        "DB1.internal:5432,10.0.0.7:3306",
                        "--allow-connect",
                        "[::1]:5432"))
                .isZero();
        assertThat(served.get(0).connectTargets())
                .containsExactlyInAnyOrder("db1.internal:5432", "10.0.0.7:3306", "[::1]:5432");
        assertThat(out.toString()).contains("connect targets db1.internal:5432,10.0.0.7:3306,[::1]:5432");
        // PUB-108: a host without its port is not a target
        assertThat(run("serve", "--demo", "--allow-connect", "db1.internal")).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-connect takes host:port entries");
        assertThat(run("serve", "--demo", "--allow-connect", "db@evil:5432")).isEqualTo(2);
    }

    @Test
    void badSettingsAreUsageErrorsOnOneLineAsForEveryCommand() {
        assertThat(run("serve", "--demo", "--auth", "basic")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("tabletalk: unknown --auth 'basic': use dev, jwt or hmac" + System.lineSeparator());
        assertThat(run("serve", "--db", " ")).isEqualTo(2);
        assertThat(run("serve", "--demo", "--port", "x")).as("a parse error").isEqualTo(2);
        assertThat(served).isEmpty();
    }

    @Test
    void theFileGivesWhatNoFlagGivesAndFlagsWin() throws Exception {
        Path file = Files.writeString(
                folder.resolve("serve.yaml"),
                "http:\n  host: 0.0.0.0\n  port: 9000\n  connectTargets: [db2.internal:5432]\n"
                        + "  auth: {forceDevOnNonLoopback: true}\n");
        assertThat(run("serve", "--demo", "--config", file.toString(), "--port", "0"))
                .isZero();
        assertThat(served.get(0).host()).isEqualTo("0.0.0.0");
        assertThat(served.get(0).port()).as("the flag wins").isZero();
        assertThat(served.get(0).forceDevOnNonLoopback()).isTrue();
        assertThat(served.get(0).connectTargets()).containsExactly("db2.internal:5432");
        assertThat(served.get(0).settings().source("http.host")).hasToString("file:2");

        assertThat(run("serve", "--demo", "--config", file.toString(), "--max-reply-bytes", "1KiB"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("flag --max-reply-bytes: limits.maxReplyBytes: ");
        Path bad = Files.writeString(folder.resolve("bad.yaml"), "http:\n  port: high\n");
        assertThat(run("serve", "--demo", "--config", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":2: http.port: ");
    }

    @Test
    void theRootHelpListsServeAndAdminLastAndBothHaveTheirOwnHelp() {
        assertThat(run("--help")).isZero();
        List<String> commands = out.toString()
                .lines()
                .filter(l -> l.startsWith("  "))
                .map(String::strip)
                .map(l -> l.split(" ")[0])
                .toList();
        assertThat(commands)
                .containsSubsequence("demo", "chat", "plan", "schema", "audit", "replay", "doctor", "serve", "admin");
        out.getBuffer().setLength(0);
        assertThat(run("admin", "read-only", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tabletalk admin read-only", "--url=URL", "--token-file=FILE");
        out.getBuffer().setLength(0);
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: tabletalk serve", "--allow-connect=HOST:PORT", "--max-reply-bytes=N");
    }

    @Test
    void adminNeedsTheTokenFromTheEnvironmentOrAFileAndSaysSo() {
        assertThat(run("admin", "reload", "--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("no operator token: set TABLETALK_ADMIN_TOKEN or give --token-file FILE");
        assertThat(run("admin", "read-only", "on", "--token", "secret"))
                .as("no token option")
                .isEqualTo(2);
        assertThat(run("admin", "read-only", "on", "--url", "ftp://x", "--token-file", "/nonexistent/token"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("the token file /nonexistent/token cannot be read");
    }
}
