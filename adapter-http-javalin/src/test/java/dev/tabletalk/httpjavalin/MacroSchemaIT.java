package dev.tabletalk.httpjavalin;

import static dev.tabletalk.httpjavalin.HttpTestClient.chat;
import static dev.tabletalk.httpjavalin.HttpTestClient.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** #14: {@code GET /schema} lists the macros the caller's role may run, and a chat message calls one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MacroSchemaIT {

    private static final String EDITOR = context("u-1001", "editor", 101);
    private static final String VIEWER = context("u-1002", "viewer", 101);

    private PostgresShop shop;

    @BeforeAll
    void start() {
        Map<String, ParamType> params = new LinkedHashMap<>();
        params.put("id", ParamType.INTEGER);
        params.put("status", ParamType.TEXT);
        Macro setStatus = new Macro(
                "set customer status",
                "Change a customer's status",
                params,
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "customers",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                        "fields",
                        Map.of("status", "{status}")));
        Macro ordersOver = new Macro(
                "orders over",
                "Orders above a total",
                Map.of("total", ParamType.NUMBER),
                Map.of(
                        "intent", "read",
                        "entity", "orders",
                        "filters", List.of(Map.of("field", "total", "op", ">", "value", "{total}"))));
        shop = new PostgresShop(builder -> builder.macros(List.of(setStatus, ordersOver)));
    }

    @AfterAll
    void stop() {
        shop.close();
    }

    private void withServer(Consumer<HttpTestClient> test) {
        try (HttpServer server = HttpServer.create(
                        shop.tableTalk.conversations(),
                        shop.tableTalk.catalogView(),
                        shop.tableTalk.securityEvents(),
                        HttpConfig.builder().port(0).build())
                .start()) {
            test.accept(new HttpTestClient(server.port()));
        }
    }

    private static List<String> names(JsonNode macros) {
        List<String> names = new ArrayList<>();
        macros.forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    @Test
    void theSchemaListsTheMacrosTheRoleMayRunWithTheirParameters() {
        withServer(client -> {
            JsonNode editor = client.get("/schema", "X-User-Context", EDITOR).json();
            JsonNode viewer = client.get("/schema", "X-User-Context", VIEWER).json();

            assertThat(names(editor.path("macros"))).containsExactly("set customer status", "orders over");
            JsonNode first = editor.path("macros").get(0);
            assertThat(first.path("description").asText()).isEqualTo("Change a customer's status");
            assertThat(first.path("usage").asText()).isEqualTo("set customer status <id> <status>");
            assertThat(first.path("intent").asText()).isEqualTo("update");
            assertThat(first.path("entity").asText()).isEqualTo("customers");
            assertThat(first.path("params").toString())
                    .isEqualTo("[{\"name\":\"id\",\"type\":\"integer\"},{\"name\":\"status\",\"type\":\"text\"}]");
            assertThat(names(viewer.path("macros")))
                    .as("a macro grants nothing the role lacks")
                    .containsExactly("orders over");
            JsonNode documented = client.get("/openapi.json")
                    .json()
                    .path("components")
                    .path("schemas")
                    .path("Schema")
                    .path("properties")
                    .path("macros");
            assertThat(documented.path("items").path("required").toString()).contains("usage", "params");
        });
    }

    @Test
    void aChatMessageCallsAMacroAndStopsAtThePreview() {
        withServer(client -> {
            int calls = shop.planner.calls();
            JsonNode reply = client.post("/chat", chat(null, "set customer status 7 blocked"), "X-User-Context", EDITOR)
                    .json();

            assertThat(reply.path("stage").asText()).isEqualTo("PREVIEW");
            assertThat(reply.path("text").asText())
                    .startsWith("Macro 'set customer status' (id = 7, status = 'blocked')");
            assertThat(reply.path("preview").path("rowCount").asInt()).isEqualTo(1);
            assertThat(shop.planner.calls()).as("no planner is asked").isEqualTo(calls);
            assertThat(shop.queryOne("select status from customers where id = 7"))
                    .isEqualTo("active");
        });
    }
}
