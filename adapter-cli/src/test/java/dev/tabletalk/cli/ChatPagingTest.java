package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "show more" through {@code chat} (#13): the next page in text and in JSON, over core's engine. */
class ChatPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        EntityCatalog catalog = Catalogs.shop();
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (long id = 1; id <= 150; id++) {
            executor.insert(
                    "customers", Map.of("id", id, "company_id", 1L, "name", "Customer " + id, "status", "active"));
        }
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(new ScriptedPlanner()
                        .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)))
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .readOnlyMode(ReadOnlyMode.off())
                .build();
    }

    private int chat(String stdin, String... flags) {
        String[] args = new String[flags.length + 5];
        System.arraycopy(new String[] {"chat", "--db", "jdbc:h2:mem:x", "--tenant", "1"}, 0, args, 0, 5);
        System.arraycopy(flags, 0, args, 5, flags.length);
        return TableTalkCli.create(settings -> new Opened<>(FakePorts.of(engine), () -> {}))
                .execute(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(out),
                        new PrintWriter(err),
                        false,
                        args);
    }

    @Test
    void showMoreShowsTheNextPageAndSaysItWasTheLast() {
        assertThat(chat("show customers\nshow more\n")).as(err.toString()).isZero();

        assertThat(out.toString())
                .contains("Page 2 of customers: rows 101\u2013150. That was the last page: 150 rows in all.")
                .contains("Understood: customers; page 2, rows 101\u2013150 of 150")
                .contains("Customer 150");
    }

    @Test
    void showMoreInJsonCarriesThePage() throws Exception {
        assertThat(chat("show customers\nshow more\n", "--json"))
                .as(err.toString())
                .isZero();

        List<String> lines = out.toString().lines().toList();
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.get("page").toString()).isEqualTo("{\"number\":1,\"firstRow\":1,\"lastRow\":100}");
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(second.get("page").toString()).isEqualTo("{\"number\":2,\"firstRow\":101,\"lastRow\":150}");
        assertThat(second.get("more").asBoolean()).isFalse();
        assertThat(second.get("rows")).hasSize(50);
        assertThat(second.get("rows").get(0).get("id").asLong()).isEqualTo(101L);
    }
}
