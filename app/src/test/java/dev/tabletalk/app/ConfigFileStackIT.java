package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tabletalk.testkit.executor.ShopFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tabletalk.yaml through the real stack on PostgreSQL (#14): {@code serve --config} over HTTP (limits, entity and
 * column exposure, tenancy overrides, roles with column and row grants replacing the built-in ones, macros, rate
 * limits, the operator token from {@code ${env:}}), and {@code chat --config} on the command line (the read-only
 * switch; the planner chain with its base URL, API key, timeout and retries against a local OpenAI-compatible stub).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFileStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR_TOKEN = "operator-token-of-the-config-stack-test-0123456789";
    private static final String MODEL_KEY = "sk-config-stack-test-key";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ShopDatabase shop;

    @TempDir
    Path folder;

    @BeforeAll
    void createShop() throws SQLException {
        shop = ShopDatabase.create("tt_cfgstack_");
    }

    @AfterAll
    void dropShop() throws SQLException {
        shop.close();
    }

    private String url() {
        return shop.url();
    }

    /** The file of the serve test: every section that shapes what a caller reaches. */
    private String shopFile() {
        return """
                database:
                  url: "%s"
                  user: postgres
                  password: "${env:TT_DB_PASSWORD}"
                limits: {maxRows: 5, maxAffectedRows: 3}
                tenancy:
                  column: company_id
                  entities: {countries: hidden}
                entities:
                  customers:
                    columns: {phone: {exposure: masked}, notes: {exposure: hidden}}
                  products: {exposure: read_only}
                roles:
                  editor: {read: "*", create: "*", update: "*"}
                  viewer: {read: "*"}
                  support:
                    read: [customers, orders]
                    update: [customers]
                    columns: {customers: [id, name, status]}
                    rows: {orders: [{field: total, op: "<", value: 300}]}
                macros:
                  block customer:
                    description: Block a customer
                    params: {id: integer}
                    plan: {intent: update, entity: customers, filters: [{field: id, op: "=", value: "{id}"}],
                           fields: {status: blocked}}
                http:
                  rateLimits: {perUser: 12/min, perTenant: 1000/min}
                admin:
                  token: "${env:TT_OPS_TOKEN}"
                """.formatted(url());
    }

    private static String identity(String user, String role) {
        return Base64.getEncoder()
                .encodeToString(("{\"user_id\":\"" + user + "\",\"user_role\":\"" + role + "\",\"company_id\":"
                                + ShopFixture.TENANT + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(URI base, String user, String role, String session, String message)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve("/chat"))
                        .header("x-user-context", identity(user, role))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("message", message, "sessionId", session))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode chat(URI base, String user, String role, String message) throws Exception {
        return chat(base, user, role, user + "-session", message);
    }

    private JsonNode chat(URI base, String user, String role, String session, String message) throws Exception {
        HttpResponse<String> response = post(base, user, role, session, message);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> columnsOf(JsonNode reply) {
        List<String> names = new ArrayList<>();
        reply.path("rows").get(0).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String statusOfCustomer(long id) throws SQLException {
        try (Connection connection = shop.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select status from customers where id = " + id)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void serve(Path file, ServedJar.Test test) throws Exception {
        ServedJar.serve(
                List.of("--config", file.toString(), "--port", "0", "--audit-db", TableTalkJar.memoryAuditStore()),
                Map.of("TT_DB_PASSWORD", "not-checked-by-trust-auth", "TT_OPS_TOKEN", OPERATOR_TOKEN),
                test);
    }

    @Test
    @Tag("invariant-3")
    @Tag("invariant-6")
    @Tag("invariant-7")
    void serveAppliesEverySectionOfTheFileOverHttp() throws Exception {
        Path file = Files.writeString(folder.resolve("tabletalk.yaml"), shopFile());
        serve(file, base -> {
            // limits.maxRows, and the column overrides: phone masked, notes hidden
            JsonNode customers = chat(base, "ed", "editor", "show customers");
            assertThat(customers.path("rows")).hasSize(5);
            assertThat(columnsOf(customers)).contains("phone").doesNotContain("notes", "password_hash");
            assertThat(customers.path("rows").get(0).path("phone").asText())
                    .contains("*")
                    .doesNotContain("555 01");

            // tenancy.entities: countries hidden for tenants, answered like a table that does not exist
            JsonNode countries = chat(base, "ed", "editor", "show countries");
            assertThat(countries.path("rows").isMissingNode()
                            || countries.path("rows").isEmpty())
                    .as(countries.toString())
                    .isTrue();
            assertThat(countries.path("refusal").path("code").asText())
                    .isEqualTo(chat(base, "ed", "editor", "show planets")
                            .path("refusal")
                            .path("code")
                            .asText());

            // entities.products: read_only
            JsonNode schema = JSON.readTree(http.send(
                            HttpRequest.newBuilder(base.resolve("/schema"))
                                    .header("x-user-context", identity("ed", "editor"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(schema.toString()).contains("block customer").doesNotContain("countries");
            Map<String, Boolean> writable = new HashMap<>();
            schema.path("entities")
                    .forEach(entity -> writable.put(
                            entity.path("name").asText(),
                            entity.path("writable").asBoolean()));
            assertThat(writable).containsEntry("products", false).containsEntry("customers", true);

            // roles: support sees only its columns, and only the orders its row rule allows
            JsonNode supportCustomers = chat(base, "sam", "support", "show customers");
            assertThat(columnsOf(supportCustomers)).containsExactlyInAnyOrder("id", "name", "status");
            assertThat(chat(base, "sam", "support", "show customers where email is customer7@example.com")
                            .path("refusal")
                            .path("code")
                            .asText())
                    .isEqualTo("unknown_field");
            JsonNode supportOrders = chat(base, "sam", "support", "show orders");
            assertThat(supportOrders.path("rows")).hasSize(2);
            supportOrders
                    .path("rows")
                    .forEach(row -> assertThat(row.path("total").asDouble()).isLessThan(300));
            assertThat(chat(base, "sam", "support", "show products")
                            .path("refusal")
                            .has("code"))
                    .as("support may not read products")
                    .isTrue();
            assertThat(chat(base, "ed", "editor", "show orders").path("rows"))
                    .as("the editor has no row rule")
                    .hasSize(5);

            // macros: the viewer's role cannot run an update macro; the editor previews and confirms it
            assertThat(chat(base, "vic", "viewer", "block customer 7")
                            .path("refusal")
                            .path("code")
                            .asText())
                    .isNotEmpty();
            assertThat(statusOfCustomer(7)).isEqualTo("active");
            JsonNode preview = chat(base, "ed", "editor", "ed-macro", "block customer 7");
            assertThat(preview.path("stage").asText()).as(preview.toString()).isEqualTo("PREVIEW");
            assertThat(chat(base, "ed", "editor", "ed-macro", "confirm")
                            .path("stage")
                            .asText())
                    .isEqualTo("IDLE");
            assertThat(statusOfCustomer(7)).isEqualTo("blocked");

            // the operator token comes from ${env:TT_OPS_TOKEN}
            HttpResponse<String> readOnly = http.send(
                    HttpRequest.newBuilder(base.resolve("/admin/read-only"))
                            .header("authorization", "Bearer " + OPERATOR_TOKEN)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readOnly.statusCode()).as(readOnly.body()).isEqualTo(200);
            assertThat(JSON.readTree(readOnly.body()).path("on").asBoolean()).isFalse();

            // http.rateLimits.perUser: 12 a minute for one user, whatever the session
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                codes.add(post(base, "rita", "viewer", "rita-" + i, "show products")
                        .statusCode());
            }
            assertThat(codes.subList(0, 12)).containsOnly(200);
            assertThat(codes.subList(12, 14)).containsOnly(429);
        });
    }

    @Test
    @Tag("invariant-10")
    void chatTakesTheReadOnlySwitchFromTheFile() throws IOException {
        Path file = Files.writeString(
                folder.resolve("read-only.yaml"),
                "database:\n  url: \"" + url() + "?user=postgres\"\nreadOnly: true\n");

        TableTalkJar.Result result = TableTalkJar.run(
                "set the status of customer 8 to blocked\n",
                "chat",
                "--config",
                file.toString(),
                "--tenant",
                String.valueOf(ShopFixture.TENANT),
                "--json",
                "--audit-db",
                TableTalkJar.memoryAuditStore());

        assertThat(result.stdoutLines()).as(result.stderr()).isNotEmpty();
        assertThat(JSON.readTree(result.stdoutLines().get(0))
                        .path("refusal")
                        .path("code")
                        .asText())
                .as(result.stdout() + result.stderr())
                .isEqualTo("read_only_mode");
    }

    @Test
    void chatPlansWithTheFilesModelChainBaseUrlAndKey() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode request = JSON.readTree(body);
            String model = request.path("model").asText();
            seen.add(model + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            if (model.equals("broken-model")) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            String content = body.contains("orderBy")
                    ? "{\"fields\":{},\"filters\":[{\"field\":\"status\",\"op\":\"=\",\"value\":\"blocked\"}],"
                            + "\"orderBy\":[],\"limit\":2}"
                    : "{\"intent\":\"read\",\"entity\":\"customers\"}";
            byte[] reply = JSON.writeValueAsBytes(Map.of(
                    "id",
                    "chatcmpl-stub",
                    "object",
                    "chat.completion",
                    "created",
                    1_700_000_000L,
                    "model",
                    model,
                    "choices",
                    List.of(Map.of(
                            "index",
                            0,
                            "message",
                            Map.of("role", "assistant", "content", content),
                            "finish_reason",
                            "stop")),
                    "usage",
                    Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)));
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        stub.start();
        try {
            Path file = Files.writeString(folder.resolve("planner.yaml"), """
                    database:
                      url: "%s?user=postgres"
                    planner:
                      models: [openai:broken-model, openai:stub-model]
                      baseUrl: http://127.0.0.1:%d/v1
                      apiKey: "${env:TT_MODEL_KEY}"
                      timeout: 5s
                      maxRetries: 0
                    """.formatted(
                            url(), stub.getAddress().getPort()));

            TableTalkJar.Result result = TableTalkJar.run(
                    "show the blocked customers\n",
                    Map.of("TT_MODEL_KEY", MODEL_KEY),
                    "chat",
                    "--config",
                    file.toString(),
                    "--tenant",
                    String.valueOf(ShopFixture.TENANT),
                    "--json",
                    "--audit-db",
                    TableTalkJar.memoryAuditStore());

            JsonNode reply = JSON.readTree(result.stdoutLines().get(0));
            assertThat(reply.path("rows")).as(result.stdout() + result.stderr()).hasSize(2);
            reply.path("rows")
                    .forEach(row -> assertThat(row.path("status").asText()).isEqualTo("blocked"));
            assertThat(seen).isNotEmpty().allMatch(line -> line.endsWith("Bearer " + MODEL_KEY));
            assertThat(seen.get(0)).as("the chain starts with the first model").startsWith("broken-model ");
            assertThat(seen).anyMatch(line -> line.startsWith("stub-model "));
            assertThat(result.stdout() + result.stderr()).doesNotContain(MODEL_KEY);
        } finally {
            stub.stop(0);
        }
    }
}
