package dev.tabletalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String TOKEN = "an-operator-token-of-forty-characters-xx";

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path issueExample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/issue14.yaml")) {
            Files.writeString(folder.resolve("admin.token"), TOKEN + "\n");
            return write("tabletalk.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<ConfigProblem> problems(ConfigResult result) {
        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        return ((ConfigResult.Invalid) result).problems();
    }

    @Test
    void readsEveryKeyOfTheIssuesExample() throws IOException {
        Path file = issueExample();
        TableTalkConfig config = ConfigLoader.load(
                        Optional.of(file),
                        Map.of("TABLETALK_DB_PASSWORD", "pw-from-env", "OPENAI_API_KEY", "sk-test"),
                        List.of())
                .orThrow()
                .config();

        assertThat(config.database().url()).contains("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.database().password()).contains("pw-from-env");
        assertThat(config.planner().models()).containsExactly("openai:gpt-4.1-mini", "anthropic:claude-sonnet-4-5");
        assertThat(config.planner().baseUrl()).contains("http://vllm.internal:8000/v1");
        assertThat(config.planner().apiKey()).contains("sk-test");
        assertThat(config.planner().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.limits().maxReplyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.limits().statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.tenancy().entities()).containsEntry("countries", "shared");
        assertThat(config.entities().get("customers").columns().get("phone").exposure())
                .contains("masked");
        assertThat(config.roles().get("viewer").read().isAll()).isTrue();
        TableTalkConfig.Role support = config.roles().get("support");
        assertThat(support.read().entities()).containsExactly("customers", "orders");
        assertThat(support.create().covers("customers")).isFalse();
        assertThat(support.columns().get("customers")).containsExactly("id", "name", "city", "status");
        assertThat(support.rows().get("orders").get(0))
                .isEqualTo(
                        new TableTalkConfig.RowCondition("status", "!=", Optional.of("cancelled"), Optional.empty()));
        assertThat(support.rows().get("orders").get(1).claim()).contains("user_id");
        assertThat(support.maxAffectedRows()).contains(5);
        assertThat(config.http().rateLimits().perUser()).isEqualTo(new TableTalkConfig.Rate(30, Duration.ofMinutes(1)));
        TableTalkConfig.Macro macro = config.macros().get("deactivate customer");
        assertThat(macro.params()).containsEntry("id", "integer");
        assertThat(macro.plan())
                .containsEntry("intent", "update")
                .containsEntry("fields", Map.of("status", "inactive"));
        assertThat(macro.plan().get("filters")).isEqualTo(List.of(Map.of("field", "id", "op", "=", "value", "{id}")));
        assertThat(config.catalog().pollInterval()).contains(Duration.ofMinutes(5));
        assertThat(config.mcp().identity().orElseThrow().user()).contains("claude");
        assertThat(config.admin().token()).contains(TOKEN); // ${file:...} relative to the file, stripped
        assertThat(config.toString()).doesNotContain("pw-from-env", "sk-test", TOKEN);
    }

    @Test
    void jsonIsAcceptedToo() throws IOException {
        Path file = write("tabletalk.json", "{\n  \"limits\": {\"maxRows\": 40},\n  \"readOnly\": true\n}\n");
        TableTalkConfig config = ConfigLoader.readFile(file, Map.of()).orThrow().config();
        assertThat(config.limits().maxRows()).isEqualTo(40);
        assertThat(config.readOnly()).isTrue();

        Path bad = write("bad.json", "{\n  \"limits\": {\n    \"maxRowz\": 40\n  }\n}\n");
        assertThat(problems(ConfigLoader.readFile(bad, Map.of())))
                .singleElement()
                .hasToString(bad + ":3: limits.maxRowz: unknown key (see 'tabletalk config schema' for the keys)");
    }

    @Test
    void theDefaultsAreCoresDefaults() {
        TableTalkConfig config = ConfigLoader.load(Optional.empty(), Map.of(), List.of())
                .orThrow()
                .config();
        dev.tabletalk.core.policy.Limits core = dev.tabletalk.core.policy.Limits.defaults();
        assertThat(config.limits().maxRows()).isEqualTo(core.maxRows());
        assertThat(config.limits().maxAffectedRows()).isEqualTo(core.maxAffectedRows());
        assertThat(config.limits().statementTimeout()).isEqualTo(core.statementTimeout());
        assertThat(config.limits().lockTimeout()).isEqualTo(core.lockTimeout());
        assertThat(config.limits().previewTtl()).isEqualTo(core.previewTtl());
        assertThat(config.limits().maxMessageChars()).isEqualTo(core.maxMessageChars());
        assertThat(config.limits().maxFilters()).isEqualTo(core.maxFilters());
        assertThat(config.limits().maxInItems()).isEqualTo(core.maxInItems());
        assertThat(config.tenancy().column()).isEqualTo(core.tenantColumn());
        dev.tabletalk.core.policy.ReplyLimits reply = dev.tabletalk.core.policy.ReplyLimits.defaults();
        assertThat(config.limits().maxReplyBytes()).isEqualTo(reply.maxReplyBytes());
        assertThat(config.limits().maxCellChars()).isEqualTo(reply.maxCellChars());
        assertThat(config.sessions().idleTtl())
                .isEqualTo(dev.tabletalk.core.support.InMemorySessionStore.DEFAULT_IDLE_TTL);
        assertThat(config.sessions().maxPerUser())
                .isEqualTo(dev.tabletalk.core.support.InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER);
        assertThat(config.planner().isRules()).isTrue();
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().auth().mode()).isEqualTo("dev");
        assertThat(config.roles()).isEmpty();
    }

    @Test
    void anUnknownKeyAWrongTypeAndABadDurationNameTheirLine() throws IOException {
        Path file = write(
                "tabletalk.yaml",
                "# limits\n"
                        + "limits:\n"
                        + "  maxRows: lots\n"
                        + "  statementTimeout: 5 seconds\n"
                        + "planner:\n"
                        + "  timout: 20s\n"
                        + "http:\n"
                        + "  rateLimits: {perUser: 30 per minute}\n"
                        + "  maxBodyBytes: 1 MB\n");
        List<String> messages = problems(ConfigLoader.readFile(file, Map.of())).stream()
                .map(ConfigProblem::toString)
                .toList();
        assertThat(messages)
                .anySatisfy(m ->
                        assertThat(m).startsWith(file + ":3: limits.maxRows: ").contains("integer"))
                .anySatisfy(m -> assertThat(m)
                        .startsWith(file + ":4: limits.statementTimeout: ")
                        .contains("a duration such as"))
                .anySatisfy(m -> assertThat(m)
                        .isEqualTo(
                                file + ":6: planner.timout: unknown key (see 'tabletalk config schema' for the keys)"))
                .anySatisfy(m -> assertThat(m)
                        .startsWith(file + ":8: http.rateLimits.perUser: ")
                        .contains("30/min"))
                .anySatisfy(m -> assertThat(m).startsWith(file + ":9: http.maxBodyBytes: "));
        assertThat(ConfigLoader.readFile(file, Map.of()).getClass()).isEqualTo(ConfigResult.Invalid.class);
    }

    @Test
    void rangesAreCheckedByBeanValidation() throws IOException {
        Path file = write(
                "tabletalk.yaml",
                "limits:\n  maxReplyBytes: 1KiB\nadmin:\n  token: ${env:SHORT}\nhttp:\n  auth: {mode: jwt}\n");
        List<String> messages = problems(ConfigLoader.readFile(file, Map.of("SHORT", "too-short"))).stream()
                .map(ConfigProblem::toString)
                .toList();
        assertThat(messages)
                .anySatisfy(m -> assertThat(m).startsWith(file + ":2: limits.maxReplyBytes: "))
                .anySatisfy(
                        m -> assertThat(m)
                                .isEqualTo(
                                        file
                                                + ":4: admin.token: admin.token (TABLETALK_ADMIN_TOKEN) must be at least 32 characters long"))
                .anySatisfy(m -> assertThat(m).startsWith(file + ":6: http.auth.mode: auth mode jwt needs"));
        assertThat(String.join("\n", messages)).doesNotContain("too-short");
    }

    @Test
    void aSecretInClearIsAnErrorThatNeverQuotesIt() throws IOException {
        Path file = write(
                "tabletalk.yaml",
                "database:\n  url: jdbc:postgresql://db/app\n  password: hunter2-secret\n"
                        + "planner: {apiKey: sk-live-123}\n"
                        + "http:\n  auth:\n    jwt: {secret: \"prefix-${env:X}\"}\n    hmac: {keys: {k1: plain-hmac}}\n"
                        + "admin: {token: \"${env:TOKEN}\"}\n");
        List<ConfigProblem> problems = problems(ConfigLoader.readFile(file, Map.of("X", "x", "TOKEN", TOKEN)));
        assertThat(problems)
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "database.password", "planner.apiKey", "http.auth.jwt.secret", "http.auth.hmac.keys.k1");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("${env:NAME}"));
        assertThat(problems.get(0).toString()).startsWith(file + ":3: database.password: ");
        assertThat(problems.toString()).doesNotContain("hunter2", "sk-live", "plain-hmac", "prefix-");
    }

    @Test
    void interpolationReadsVariablesAndFilesRelativeToTheFile() throws IOException {
        Files.createDirectories(folder.resolve("secrets"));
        Files.writeString(folder.resolve("secrets/db"), "from-a-file\n");
        Path file = write(
                "tabletalk.yaml",
                "database:\n  url: \"jdbc:postgresql://${env:DB_HOST}:5432/app\"\n  password: ${file:secrets/db}\n"
                        + "limits: {maxRows: \"${env:ROWS}\"}\n");
        TableTalkConfig config = ConfigLoader.readFile(file, Map.of("DB_HOST", "db1", "ROWS", "25"))
                .orThrow()
                .config();
        assertThat(config.database().url()).contains("jdbc:postgresql://db1:5432/app");
        assertThat(config.database().password()).contains("from-a-file");
        assertThat(config.limits().maxRows()).isEqualTo(25);

        assertThat(problems(ConfigLoader.readFile(file, Map.of("ROWS", "25"))))
                .singleElement()
                .hasToString(file + ":2: database.url: the environment variable DB_HOST is not set");
    }

    @Test
    void environmentNamesAreTheKeyPathInUpperSnakeCase() {
        assertThat(EnvironmentNames.of("limits.maxRows")).isEqualTo("TABLETALK_LIMITS_MAX_ROWS");
        assertThat(EnvironmentNames.of("database.url")).isEqualTo("TABLETALK_DATABASE_URL");
        assertThat(EnvironmentNames.of("http.rateLimits.perUser")).isEqualTo("TABLETALK_HTTP_RATE_LIMITS_PER_USER");
        assertThat(EnvironmentNames.of("readOnly")).isEqualTo("TABLETALK_READ_ONLY");
        assertThat(EnvironmentNames.all("database.url")).containsExactly("TABLETALK_DATABASE_URL", "TABLETALK_DB_URL");
        assertThat(EnvironmentNames.all("http.auth.jwt.secret"))
                .containsExactly("TABLETALK_HTTP_AUTH_JWT_SECRET", "TABLETALK_JWT_SECRET", "TABLETALK_JWT_SECRET_FILE");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path file = write("tabletalk.yaml", "limits:\n  maxRows: 50\n  maxAffectedRows: 7\nreadOnly: false\n");
        Map<String, String> env = Map.of(
                "TABLETALK_LIMITS_MAX_ROWS", "30",
                "TABLETALK_READ_ONLY", "true",
                "TABLETALK_DB_URL", "jdbc:h2:mem:old-name",
                "TABLETALK_TEST_DB", "service"); // not a setting: ignored
        EffectiveConfig settings = ConfigLoader.load(
                        Optional.of(file), env, List.of(new FlagValue("limits.maxRows", "--max-rows", "10")))
                .orThrow();
        assertThat(settings.config().limits().maxRows()).isEqualTo(10);
        assertThat(settings.config().limits().maxAffectedRows()).isEqualTo(7);
        assertThat(settings.config().readOnly()).isTrue();
        assertThat(settings.config().database().url()).contains("jdbc:h2:mem:old-name");
        assertThat(settings.source("limits.maxRows")).hasToString("flag:--max-rows");
        assertThat(settings.source("limits.maxAffectedRows")).hasToString("file:3");
        assertThat(settings.source("readOnly")).hasToString("env:TABLETALK_READ_ONLY");
        assertThat(settings.source("database.url")).hasToString("env:TABLETALK_DB_URL");
        assertThat(settings.source("limits.statementTimeout")).hasToString("default");

        EffectiveConfig envOnly =
                ConfigLoader.load(Optional.of(file), env, List.of()).orThrow();
        assertThat(envOnly.config().limits().maxRows()).isEqualTo(30);
        assertThat(ConfigLoader.readFile(file, env).orThrow().config().limits().maxRows())
                .as("the builder's config(Path) reads the file alone")
                .isEqualTo(50);
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        ConfigResult result =
                ConfigLoader.load(Optional.empty(), Map.of("TABLETALK_LIMITS_STATEMENT_TIMEOUT", "soon"), List.of());
        assertThat(problems(result))
                .singleElement()
                .satisfies(p -> assertThat(p.toString())
                        .startsWith(
                                "environment variable TABLETALK_LIMITS_STATEMENT_TIMEOUT: limits.statementTimeout: "));
    }

    @Test
    void theRequestThreadsComeFromTheFileOrTheEnvironmentAndANegativeCountNamesItsLine() throws IOException {
        Path file = write("tabletalk.yaml", "http:\n  threads: 32\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), List.of())
                        .orThrow()
                        .config()
                        .http()
                        .threads())
                .isEqualTo(32);
        assertThat(ConfigLoader.load(Optional.of(file), Map.of("TABLETALK_HTTP_THREADS", "48"), List.of())
                        .orThrow()
                        .config()
                        .http()
                        .threads())
                .isEqualTo(48);
        Path negative = write("negative.yaml", "http:\n  threads: -3\n");
        assertThat(problems(ConfigLoader.readFile(negative, Map.of())))
                .anySatisfy(problem -> assertThat(problem.toString()).startsWith(negative + ":2: http.threads: "));
    }

    @Test
    void theOlderSecretVariablesKeepWorking() throws IOException {
        Path keys = write("hmac.keys", "k1=first-secret\nk2=second-secret\n");
        EffectiveConfig settings = ConfigLoader.load(
                        Optional.empty(),
                        Map.of(
                                "TABLETALK_HMAC_KEYS_FILE",
                                keys.toString(),
                                "TABLETALK_JWT_ISSUER",
                                "https://issuer",
                                "TABLETALK_ADMIN_TOKEN",
                                TOKEN),
                        List.of(new FlagValue("http.auth.mode", "--auth", "hmac")))
                .orThrow();
        assertThat(settings.config().http().auth().hmac().keys())
                .containsEntry("k1", "first-secret")
                .containsEntry("k2", "second-secret");
        assertThat(settings.config().http().auth().jwt().issuer()).contains("https://issuer");
        assertThat(settings.config().admin().token()).contains(TOKEN);
    }

    @Test
    void showMasksSecretsAndSaysWhereEachValueCameFrom() throws IOException {
        Path file = issueExample();
        EffectiveConfig settings = ConfigLoader.load(
                        Optional.of(file),
                        Map.of("TABLETALK_DB_PASSWORD", "pw-from-env", "OPENAI_API_KEY", "sk-test"),
                        List.of(new FlagValue("http.port", "--port", "9090")))
                .orThrow();
        String shown = String.join("\n", settings.showLines());
        assertThat(shown)
                .contains("database.password = ***  (env:TABLETALK_DB_PASSWORD)")
                .contains("planner.apiKey = ***  (file:6)")
                .contains("admin.token = ***  (file:41)")
                .contains("limits.maxRows = 100  (file:9)")
                .contains("limits.lockTimeout = 2s  (default)")
                .contains("http.port = 9090  (flag:--port)")
                .contains("roles.support.rows.orders[0].op = !=  (file:25)")
                .contains("macros.deactivate customer.plan = {\"intent\":\"update\"")
                .doesNotContain("pw-from-env", "sk-test", TOKEN);
    }

    @Test
    void aSessionStoreUrlSelectsTheSharedStoreAndItsPasswordIsNeverShown() throws IOException {
        Path file = write("tabletalk.yaml", """
                sessions:
                  url: jdbc:postgresql://db.internal:5432/tabletalk
                  user: tabletalk
                  password: ${env:SESSIONS_PASSWORD}
                """);

        EffectiveConfig settings = ConfigLoader.load(
                        Optional.of(file), Map.of("SESSIONS_PASSWORD", "pw-of-the-sessions"), List.of())
                .orThrow();

        TableTalkConfig.Sessions sessions = settings.config().sessions();
        assertThat(sessions.isShared()).isTrue();
        assertThat(sessions.url()).contains("jdbc:postgresql://db.internal:5432/tabletalk");
        assertThat(sessions.password()).contains("pw-of-the-sessions");
        assertThat(String.join("\n", settings.showLines()))
                .contains("sessions.url = jdbc:postgresql://db.internal:5432/tabletalk  (file:2)")
                .contains("sessions.password = ***")
                .doesNotContain("pw-of-the-sessions");
        assertThat(sessions.toString()).doesNotContain("pw-of-the-sessions");
    }

    @Test
    void theSessionStoreFlagWinsOverAFileThatKeepsSessionsInMemory() throws IOException {
        Path file = write("tabletalk.yaml", "sessions:\n  store: memory\n");

        TableTalkConfig.Sessions sessions = ConfigLoader.load(
                        Optional.of(file),
                        Map.of(),
                        List.of(
                                new FlagValue("sessions.url", "--session-store", "jdbc:h2:mem:sessions"),
                                new FlagValue("sessions.store", "--session-store", "jdbc")))
                .orThrow()
                .config()
                .sessions();

        assertThat(sessions.isShared()).isTrue();
        assertThat(sessions.url()).contains("jdbc:h2:mem:sessions");
    }

    @Test
    void aSharedSessionStoreWithoutAUrlOrAUrlThatIsNotJdbcIsAProblemNamingTheKey() throws IOException {
        assertThat(problems(ConfigLoader.readFile(write("a.yaml", "sessions:\n  store: jdbc\n"), Map.of())))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.key()).isEqualTo("sessions.url");
                    assertThat(p.message()).contains("sessions.store jdbc needs sessions.url");
                });
        assertThat(problems(ConfigLoader.readFile(
                        write("b.yaml", "sessions:\n  url: postgresql://db/tabletalk\n"), Map.of())))
                .singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("sessions.url"));
    }

    @Test
    void theSchemaIsValidJsonSchemaWithADefaultForEveryLimit() {
        assertThat(ConfigSchema.get().text()).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
        assertThat(ConfigSchema.get().setting("limits.maxRows").orElseThrow().defaultValue())
                .hasValueSatisfying(v -> assertThat(v.asInt()).isEqualTo(100));
        assertThat(ConfigSchema.get().settings())
                .extracting(ConfigSchema.Setting::key)
                .contains(
                        "database.url",
                        "planner.models",
                        "limits.maxCellChars",
                        "http.connectTargets",
                        "sessions.maxPerUser",
                        "catalog.pollInterval",
                        "mcp.identity.user",
                        "admin.token",
                        "sharedState.url",
                        "roles",
                        "macros",
                        "entities",
                        "tenancy.entities");
    }

    @Test
    void anUnreadableOrBrokenFileIsOneProblem() throws IOException {
        assertThat(problems(ConfigLoader.readFile(folder.resolve("missing.yaml"), Map.of())))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("cannot be read"));
        Path broken = write("tabletalk.yaml", "limits:\n  maxRows: [1,\n");
        assertThat(problems(ConfigLoader.readFile(broken, Map.of())))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML or JSON"));
        Path twice = write("twice.yaml", "readOnly: true\nreadOnly: false\n");
        assertThat(problems(ConfigLoader.readFile(twice, Map.of())))
                .singleElement()
                .hasToString(twice + ":2: readOnly: given twice: keep one");
    }

    @Test
    void orThrowListsEveryProblemAsAConfigurationException() throws IOException {
        Path file = write("tabletalk.yaml", "limits: {maxRows: 500}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ConfigLoader.readFile(file, Map.of()).orThrow())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + ":1: limits.maxRows: ");
    }

    @Test
    void softDeleteMarkersAndColumnExposuresInTheShapesInitWrites() throws IOException {
        Path file = write(
                "tabletalk.yaml",
                "entities:\n  orders: {exposure: read_write, softDelete: deleted_at}\n"
                        + "  customers: {softDelete: {column: archived},\n"
                        + "    columns: {email: {exposure: visible}, ssn: {exposure: masked}, notes: {exposure: hidden}}}\n"
                        + "  logs: {softDelete: false}\n");
        TableTalkConfig config = ConfigLoader.readFile(file, Map.of()).orThrow().config();
        assertThat(config.entities().get("orders").softDelete().orElseThrow().column())
                .contains("deleted_at");
        assertThat(config.entities().get("customers").softDelete().orElseThrow().column())
                .contains("archived");
        assertThat(config.entities().get("logs").softDelete().orElseThrow().column())
                .isEmpty();
        assertThat(config.entities().get("customers").columns().get("email").exposure())
                .contains("visible");

        Path bad = write("bad.yaml", "entities:\n  t:\n    columns: {c: {exposure: read_write}}\n");
        assertThat(problems(ConfigLoader.readFile(bad, Map.of())))
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith(bad + ":3: entities.t.columns.c.exposure: "));
    }

    @Test
    void anUnknownPlannerIsNamedWithTheSpecsThatExist() {
        assertThat(problems(ConfigLoader.load(
                        Optional.empty(), Map.of(), List.of(new FlagValue("planner.models", "--planner", "magic")))))
                .singleElement()
                .hasToString("flag --planner: planner.models[0]: unknown planner 'magic': use rules, openai:MODEL, "
                        + "anthropic:MODEL or ollama:MODEL");
    }

    @Test
    void durationsSizesAndRates() {
        assertThat(ConfigValues.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigValues.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConfigValues.size("1MiB")).isEqualTo(1024 * 1024);
        assertThat(ConfigValues.size("64KiB")).isEqualTo(64 * 1024);
        assertThat(ConfigValues.size("4096")).isEqualTo(4096);
        assertThat(ConfigValues.rate("300/min")).isEqualTo(new TableTalkConfig.Rate(300, Duration.ofMinutes(1)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigValues.duration("5 s"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigValues.rate("0/min"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
