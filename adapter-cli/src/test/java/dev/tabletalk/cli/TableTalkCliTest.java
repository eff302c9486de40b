package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.Diagnosis;
import dev.tabletalk.core.port.in.Diagnostics;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.in.Replay;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TableTalkCliTest {

    private final List<ChatRequest> requests = new ArrayList<>();
    private final List<CliSettings> opened = new ArrayList<>();
    private boolean closed;

    /** Answers by message: "refuse" -> delete refusal, "forbid" -> role refusal, "down" -> error part. */
    private final Conversations conversations = request -> {
        requests.add(request);
        String sessionId = request.sessionId().orElse("s_new");
        switch (request.message()) {
            case "refuse":
                return Samples.reply(Stage.IDLE, "No.", Samples.refused());
            case "forbid":
                return new Reply(
                        sessionId,
                        Stage.IDLE,
                        "Not for you.",
                        List.of(new ReplyPart.Refused(
                                Refusal.of(RefusalCode.ROLE_FORBIDS, "Your role may not do that."))));
            case "decimals":
                return WireSamples.decimalsReply();
            case "paris":
                return new Reply(sessionId, Stage.CLARIFYING, "'Paris': city or country?", List.of(Samples.question()));
            case "down":
                return new Reply(sessionId, Stage.IDLE, "Down.", List.of(Samples.error()));
            case "read":
                return new Reply(
                        sessionId,
                        Stage.IDLE,
                        "1 row of customers.",
                        List.of(new ReplyPart.Rows(
                                "customers",
                                new RowSet(List.of("id"), List.of(Map.of("id", 7L)), false),
                                0,
                                0,
                                Optional.of("customers where id is 7; 1 row"))));
            default:
                return new Reply(sessionId, Stage.IDLE, "echo " + request.message(), List.of());
        }
    };

    private final TableTalkPorts ports = FakePorts.of(
            conversations,
            (message, user) -> message.contains("paris")
                    ? new PlanCheck(
                            message,
                            Intent.UNKNOWN,
                            Optional.empty(),
                            Map.of(),
                            List.of(),
                            OptionalInt.empty(),
                            Optional.empty(),
                            List.of(),
                            List.of(),
                            0,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(Samples.question()))
                    : message.contains("tree")
                            ? new PlanCheck(
                                            message,
                                            Intent.READ,
                                            Optional.of("customers"),
                                            Map.of(),
                                            List.of(
                                                    AnyOf.of(Filter.eq("country", "DE"), Filter.eq("country", "FR")),
                                                    Not.of(Filter.of("email", Op.ENDS_WITH, ".test"))),
                                            OptionalInt.of(5),
                                            Optional.empty(),
                                            List.of("name", "email"),
                                            List.of(Sort.ascending("last_name")),
                                            10,
                                            Optional.empty(),
                                            Optional.of(
                                                    "customers where country is DE or country is FR, sorted by last name"))
                                    .withDeleted(DeletedRows.INCLUDED)
                            : message.contains("album")
                                    ? linkCheck(message)
                                    : message.contains("top")
                                            ? new PlanCheck(
                                                    message,
                                                    Intent.READ,
                                                    Optional.of("invoices"),
                                                    Map.of(),
                                                    List.of(),
                                                    OptionalInt.of(5),
                                                    Optional.empty(),
                                                    List.of(),
                                                    List.of(Sort.descending("count")),
                                                    0,
                                                    Optional.of(Aggregate.count("billing_country")),
                                                    Optional.of(
                                                            "number of invoices, per billing country, sorted by count descending"))
                                            : new PlanCheck(
                                                    message,
                                                    Intent.READ,
                                                    Optional.of("customers"),
                                                    Map.of(),
                                                    List.of(Samples.filter()),
                                                    OptionalInt.of(5),
                                                    message.contains("delete")
                                                            ? Optional.of(Refusal.of(
                                                                    RefusalCode.DELETE_NOT_ALLOWED, "No deletes."))
                                                            : Optional.empty()),
            sessionId -> new Replay(
                    sessionId,
                    "rules",
                    List.of(
                            new Replay.Turn(1, "show customers", "same", List.of()),
                            new Replay.Turn(
                                    2,
                                    "set city of customer 1 to Oslo",
                                    "different",
                                    List.of("intent: update -> read")))));

    private Opened<TableTalkPorts> session() {
        return new Opened<>(ports, () -> closed = true);
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, TableTalkOpener connector, String... args) {
        return TableTalkCli.create(connector)
                .execute(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        false,
                        args);
    }

    private int run(String stdin, String... args) {
        return run(
                stdin,
                settings -> {
                    opened.add(settings);
                    return session();
                },
                args);
    }

    @Test
    void chatSendsOneMessagePerLineInOneSessionAndClosesTheSession() {
        int exit = run("show customers\n\n  add a customer  \n", "chat", "--db", "jdbc:h2:mem:x");

        assertThat(exit).isZero();
        assertThat(requests).extracting(ChatRequest::message).containsExactly("show customers", "add a customer");
        assertThat(requests.get(0).sessionId()).isEmpty();
        assertThat(requests.get(1).sessionId()).contains("s_new");
        assertThat(out.toString()).contains("echo show customers", "echo add a customer");
        assertThat(err.toString()).isEmpty();
        assertThat(closed).isTrue();
    }

    @Test
    void demoWebNeedsTheAppsServerAndSaysSoWithoutOpeningAnything() {
        assertThat(run("", "demo", "--web")).isEqualTo(2);
        assertThat(err.toString()).contains("demo --web needs the HTTP server of tabletalk.jar");
        assertThat(run("", "demo", "--port", "8080")).isEqualTo(2);
        assertThat(err.toString()).contains("--host and --port go with --web");
        assertThat(opened).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void theIdentityComesFromTheOptionsWithSafeDefaults() {
        run("hi\n", "chat", "--db", "jdbc:h2:mem:x");
        run("hi\n", "chat", "--db", "jdbc:h2:mem:x", "--user", "mia", "--role", "viewer", "--tenant", "7");
        run("hi\n", "demo");

        assertThat(requests.get(0).user())
                .isEqualTo(new UserContext("local", "editor", Optional.empty(), Map.of("channel", "cli")));
        assertThat(requests.get(1).user().userId()).isEqualTo("mia");
        assertThat(requests.get(1).user().role()).isEqualTo("viewer");
        assertThat(requests.get(1).user().tenantId()).contains("7");
        assertThat(requests.get(2).user().tenantId())
                .as("the demo runs as company 1")
                .contains("1");
        assertThat(opened.get(2).demo()).isTrue();
        assertThat(opened.get(0).flag("planner.models"))
                .as("no flag: the app layers the file, the environment and the default")
                .isEmpty();
        assertThat(opened.get(0).databaseUrl()).contains("jdbc:h2:mem:x");
        assertThat(opened.get(0).configFile()).isEmpty();
    }

    @Test
    void aRefusalInNonInteractiveModeExitsWithThreeAfterTheLastMessage() {
        int exit = run("refuse\nshow customers\n", "chat", "--db", "jdbc:h2:mem:x");

        assertThat(exit).isEqualTo(3);
        assertThat(requests).hasSize(2);
    }

    @Test
    void aRoleRefusalExitsWithFourAndAnUnavailableDependencyWithFive() {
        assertThat(run("forbid\n", "chat", "--db", "jdbc:h2:mem:x")).isEqualTo(4);
        assertThat(run("refuse\ndown\nforbid\n", "chat", "--db", "jdbc:h2:mem:x"))
                .isEqualTo(5);
    }

    @Test
    void badSettingsAreAUsageErrorOnOneLine() {
        int exit = run(
                "",
                settings -> {
                    throw new ConfigurationException("the database URL is empty");
                },
                "chat",
                "--db",
                " x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tabletalk: the database URL is empty" + System.lineSeparator());
    }

    @Test
    void anUnreachableDatabaseExitsWithFiveOnOneLine() {
        int exit = run(
                "",
                settings -> {
                    throw DependencyUnavailableException.targetDatabase(
                            "cannot connect to the target database", new IllegalStateException("driver detail"));
                },
                "chat",
                "--db",
                "jdbc:postgresql://nowhere/x");

        assertThat(exit).isEqualTo(5);
        assertThat(err.toString().lines())
                .containsExactly("tabletalk: the database is unavailable: cannot connect to the target database "
                        + "(try again when it is back)");
    }

    @Test
    void anUnexpectedFailureExitsWithOneAndNoStackTrace() {
        int exit = run(
                "",
                settings -> {
                    throw new IllegalStateException("boom at line 3");
                },
                "chat",
                "--db",
                "jdbc:h2:mem:x");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).doesNotContain("\tat ", "boom");
    }

    @Test
    void aTenantOnADatabaseWithoutTheTenantColumnIsSaidPlainlyAtStart() {
        int exit = run("show customers\n", "chat", "--db", "jdbc:h2:mem:x", "--tenant", "1");
        String withTenant = err.toString();
        err.getBuffer().setLength(0);
        run("show customers\n", "chat", "--db", "jdbc:h2:mem:x");

        assertThat(exit).isZero();
        assertThat(withTenant)
                .contains(
                        "WARNING: no table or view has the tenant column company_id",
                        "callers with a tenant can only read");
        assertThat(err.toString()).as("no tenant, nothing to warn about").isEmpty();
    }

    @Test
    void jsonModePrintsOneLinePerReply() {
        run("a\nb\nrefuse\n", "chat", "--db", "jdbc:h2:mem:x", "--json");

        assertThat(out.toString().lines())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{\"sessionId\""));
    }

    @Test
    void jsonModePrintsDecimalsPlainAsHttpDoes() {
        run("decimals\n", "chat", "--db", "jdbc:h2:mem:x", "--json");

        // the HTTP adapter's JsonTest expects the same text for the same reply
        assertThat(out.toString()).contains(WireSamples.DECIMAL_ROWS_JSON);
    }

    @Test
    void planPrintsThePlanOfTheArgumentsOrOfEachLine() {
        assertThat(run("", "plan", "--db", "jdbc:h2:mem:x", "show", "customers"))
                .isZero();
        assertThat(out.toString())
                .contains(
                        "message: show customers",
                        "intent:  read",
                        "entity:  customers",
                        "filters: id = 1004",
                        "limit:   5",
                        "(nothing was run)");

        assertThat(run("show customers\ndelete customer 1\n", "plan", "--db", "jdbc:h2:mem:x", "--json"))
                .isEqualTo(3);
        assertThat(out.toString())
                .contains("{\"message\":\"delete customer 1\",\"intent\":\"read\","
                        + "\"entity\":\"customers\",\"fields\":{},\"filters\":[{\"field\":\"id\",\"op\":\"=\",\"value\":1004}],"
                        + "\"select\":[],\"orderBy\":[],\"limit\":5,\"offset\":0,\"after\":null,\"aggregate\":null,"
                        + "\"deleted\":\"excluded\",\"question\":null,"
                        + "\"interpretation\":null,"
                        + "\"refusal\":{\"code\":\"delete_not_allowed\",\"message\":\"No deletes.\"}}");
    }

    @Test
    void planShowsConditionTreesOrderingPagingAndTheInterpretationInTextAndJson() {
        assertThat(run("", "plan", "--db", "jdbc:h2:mem:x", "a", "tree")).isZero();
        assertThat(out.toString())
                .contains(
                        "filters: any of (country = 'DE', country = 'FR') and not (email ends_with '.test')",
                        "select:  name, email",
                        "order:   last_name asc",
                        "offset:  10",
                        "deleted: included",
                        "understood: customers where country is DE or country is FR, sorted by last name");

        assertThat(run("a tree\n", "plan", "--db", "jdbc:h2:mem:x", "--json")).isZero();
        assertThat(out.toString())
                .contains("{\"message\":\"a tree\",\"intent\":\"read\",\"entity\":\"customers\",\"fields\":{},"
                        + "\"filters\":[{\"anyOf\":[{\"field\":\"country\",\"op\":\"=\",\"value\":\"DE\"},"
                        + "{\"field\":\"country\",\"op\":\"=\",\"value\":\"FR\"}]},"
                        + "{\"not\":{\"field\":\"email\",\"op\":\"ends_with\",\"value\":\".test\"}}],"
                        + "\"select\":[\"name\",\"email\"],\"orderBy\":[{\"field\":\"last_name\",\"dir\":\"asc\"}],"
                        + "\"limit\":5,\"offset\":10,\"after\":null,\"aggregate\":null,\"deleted\":\"included\","
                        + "\"question\":null,"
                        + "\"interpretation\":\"customers where country is DE or country is FR, sorted by last name\","
                        + "\"refusal\":null}");
    }

    /** "tracks of the album Let There Be Rock": a link to albums. */
    private static PlanCheck linkCheck(String message) {
        return new PlanCheck(
                message,
                Intent.READ,
                Optional.of("tracks"),
                Map.of(),
                List.of(Related.of("album_id", "albums", Filter.eq("title", "Let There Be Rock"))),
                OptionalInt.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                0,
                Optional.empty(),
                Optional.of("tracks where album is one whose title is Let There Be Rock"));
    }

    @Test
    void planShowsALinkToAnotherEntityInTextAndJson() {
        assertThat(run("", "plan", "--db", "jdbc:h2:mem:x", "tracks", "of", "the", "album"))
                .isZero();
        assertThat(out.toString())
                .contains(
                        "filters: album_id in albums where (title = 'Let There Be Rock')",
                        "understood: tracks where album is one whose title is Let There Be Rock");

        assertThat(run("tracks of the album\n", "plan", "--db", "jdbc:h2:mem:x", "--json"))
                .isZero();
        assertThat(out.toString())
                .contains("\"filters\":[{\"field\":\"album_id\",\"op\":\"in\",\"via\":{\"entity\":\"albums\","
                        + "\"filters\":[{\"field\":\"title\",\"op\":\"=\",\"value\":\"Let There Be Rock\"}]}}],");
    }

    @Test
    void planShowsAnAggregateInTextAndJson() {
        assertThat(run("", "plan", "--db", "jdbc:h2:mem:x", "top", "countries")).isZero();
        assertThat(out.toString()).contains("order:   count desc", "aggregate: count(*) by billing_country");

        assertThat(run("top countries\n", "plan", "--db", "jdbc:h2:mem:x", "--json"))
                .isZero();
        assertThat(out.toString())
                .contains("\"orderBy\":[{\"field\":\"count\",\"dir\":\"desc\"}],\"limit\":5,\"offset\":0,"
                        + "\"after\":null,\"aggregate\":{\"fn\":\"count\",\"field\":null,\"groupBy\":[\"billing_country\"]},"
                        + "\"deleted\":\"excluded\",\"question\":null,");
    }

    @Test
    void aClarifyingQuestionPrintsNumberedChoicesInTextAndIsOnTheWireInJson() {
        assertThat(run("paris\n", "chat", "--db", "jdbc:h2:mem:x")).isZero();
        assertThat(out.toString())
                .contains("'Paris': city or country?\n  1. city  (customers.city = Paris)\n"
                        + "  2. country  (customers.country = Paris)\n");

        assertThat(run("paris\n", "chat", "--db", "jdbc:h2:mem:x", "--json")).isZero();
        assertThat(out.toString())
                .contains("\"stage\":\"CLARIFYING\"")
                .contains("\"question\":{\"text\":\"'Paris': city or country?\",\"choices\":["
                        + "{\"n\":1,\"label\":\"city\",\"value\":\"customers.city = Paris\"},"
                        + "{\"n\":2,\"label\":\"country\",\"value\":\"customers.country = Paris\"}]}");
    }

    @Test
    void planShowsAClarifyingQuestionInTextAndJson() {
        assertThat(run("", "plan", "--db", "jdbc:h2:mem:x", "paris")).isZero();
        assertThat(out.toString())
                .contains("question: 'Paris': city or country?\n  1. city  (customers.city = Paris)\n");

        assertThat(run("paris\n", "plan", "--db", "jdbc:h2:mem:x", "--json")).isZero();
        assertThat(out.toString())
                .contains(
                        "\"aggregate\":null,\"deleted\":null,\"question\":{\"text\":\"'Paris': city or country?\",\"choices\":["
                                + "{\"n\":1,\"label\":\"city\",\"value\":\"customers.city = Paris\"},"
                                + "{\"n\":2,\"label\":\"country\",\"value\":\"customers.country = Paris\"}]},"
                                + "\"interpretation\":null,\"refusal\":null}");
    }

    @Test
    void aReadStatesItsInterpretationInTextAndJson() {
        assertThat(run("read\n", "chat", "--db", "jdbc:h2:mem:x")).isZero();
        assertThat(out.toString()).contains("1 row of customers.\nUnderstood: customers where id is 7; 1 row\n");

        assertThat(run("read\n", "chat", "--db", "jdbc:h2:mem:x", "--json")).isZero();
        assertThat(out.toString()).contains("\"interpretation\":\"customers where id is 7; 1 row\"");
    }

    @Test
    void schemaPrintsTheCatalogOrItsJson() {
        assertThat(run("", "schema", "--db", "jdbc:h2:mem:x")).isZero();
        assertThat(out.toString()).contains("Exposed (0):", "Hidden (0):");
        assertThat(run("", "schema", "--db", "jdbc:h2:mem:x", "--json")).isZero();
        assertThat(out.toString()).contains("{\"entities\":[]}");
    }

    @Test
    void replayShowsEachTurnsVerdictAndExitsWithOneOnADifference() {
        assertThat(run("", "replay", "s_9", "--demo")).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "    1  same       show customers",
                        "intent: update -> read",
                        "reads some messages differently now");
        assertThat(opened.get(0).demo()).isTrue();
    }

    /** A build whose only command that works is {@code doctor}: these findings, these shared stores. */
    private static TableTalkOpener doctorOnly(Diagnostics diagnostics, List<SharedStoreCheck> stores) {
        return new TableTalkOpener() {
            @Override
            public Opened<TableTalkPorts> open(CliSettings settings) {
                throw new AssertionError("doctor does not open a session");
            }

            @Override
            public Diagnostics diagnostics() {
                return diagnostics;
            }

            @Override
            public List<SharedStoreCheck> sharedStores(CliSettings settings) {
                return stores;
            }
        };
    }

    @Test
    void doctorChecksEverySharedStoreAndExitsWithFiveWhenOneIsDown() throws Exception {
        TableTalkOpener connector = doctorOnly(
                databaseUrl -> new Diagnosis(
                        true,
                        Optional.empty(),
                        "connected to POSTGRESQL 15",
                        "",
                        Optional.of("15"),
                        "encrypted",
                        Optional.of("app"),
                        2,
                        false,
                        List.of(),
                        List.of(),
                        Map.of()),
                List.of(
                        new SharedStoreCheck("session store", "jdbc:postgresql://db/sessions as tt", true, "reachable"),
                        new SharedStoreCheck(
                                "shared state",
                                "jdbc:postgresql://gone/state",
                                false,
                                "connection refused — is the database running?")));

        assertThat(run("", connector, "doctor", "--db", "jdbc:postgresql://up/x"))
                .isEqualTo(5);

        assertThat(out.toString())
                .contains(
                        "connection:  ok - connected to POSTGRESQL 15",
                        "shared:\n  session store: ok - reachable (jdbc:postgresql://db/sessions as tt)",
                        "  shared state: FAILED - connection refused — is the database running? "
                                + "(jdbc:postgresql://gone/state)");
        out.getBuffer().setLength(0);
        assertThat(run("", connector, "doctor", "--db", "jdbc:postgresql://up/x", "--json"))
                .isEqualTo(5);
        JsonNode stores = new ObjectMapper().readTree(out.toString()).get("sharedStores");
        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).get("ok").asBoolean()).isTrue();
        assertThat(stores.get(1).get("ok").asBoolean()).isFalse();
        assertThat(stores.get(1).get("message").asText()).startsWith("connection refused");
    }

    @Test
    void doctorPrintsFindingsAndExitsWithFiveWhenTheDatabaseIsDown() {
        TableTalkOpener connector = doctorOnly(
                databaseUrl -> databaseUrl.contains("down")
                        ? Diagnosis.failed("connection_refused", "connection refused", "is it running?")
                        : new Diagnosis(
                                true,
                                Optional.empty(),
                                "connected to POSTGRESQL 15",
                                "",
                                Optional.of("15"),
                                "not_encrypted",
                                Optional.of("app"),
                                2,
                                true,
                                List.of("the user may DELETE from public.t"),
                                List.of("GRANT SELECT ON public.t TO tabletalk;"),
                                Map.of("t", "via t.order_id -> orders")),
                List.of());
        assertThat(run("", connector, "doctor", "--db", "jdbc:postgresql://up/x"))
                .isZero();
        assertThat(out.toString())
                .contains(
                        "connection:  ok - connected to POSTGRESQL 15",
                        "sessions:    this process's memory",
                        "tls:         not encrypted",
                        "privileges:  MORE than TableTalk needs",
                        "WARNING:     the user may DELETE from public.t",
                        "  GRANT SELECT ON public.t TO tabletalk;",
                        "tenancy:",
                        "  t: via t.order_id -> orders");
        assertThat(run("", connector, "doctor", "--db", "jdbc:postgresql://down/x"))
                .isEqualTo(5);
        assertThat(out.toString()).contains("connection:  FAILED - connection refused (is it running?)");
    }

    @Test
    void schemaLoadProgressIsShownOnATerminalOnlyAndClearedAfterwards() {
        TableTalkOpener connector = settings -> {
            settings.progress().step("tables", 1, 2);
            settings.progress().step("columns", 2, 2);
            return session();
        };
        TableTalkCli.create(connector)
                .execute(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        true,
                        "schema",
                        "--db",
                        "jdbc:h2:mem:x");
        assertThat(err.toString())
                .contains("\rreading the schema: tables (1/2)", "reading the schema: columns (2/2)")
                .endsWith("\r");

        StringWriter quiet = new StringWriter();
        TableTalkCli.create(connector)
                .execute(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(out),
                        new PrintWriter(quiet),
                        false,
                        "schema",
                        "--db",
                        "jdbc:h2:mem:x");
        assertThat(quiet.toString()).isEmpty();
    }

    @Test
    void helpGoesToTheGivenWriter() {
        assertThat(run("", "chat", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tabletalk chat", "--db=URL", "--json");
        assertThat(opened).isEmpty();
    }
}
