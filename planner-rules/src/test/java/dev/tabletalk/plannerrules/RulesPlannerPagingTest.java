package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Paging with the rules planner through core's engine (#13): the planner reads the first message, the engine pages
 * ("show more", "page 3") without asking the planner again, and never repeats the first page silently.
 */
class RulesPlannerPagingTest {

    private static final String SESSION = "s-paging";

    private final EntityCatalog catalog = Catalogs.shop();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (long id = 1; id <= 230; id++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("company_id", id % 10 == 0 ? 202L : 101L); // every tenth customer is another tenant's
            row.put("name", "Customer " + id);
            row.put("status", "active");
            if (id % 3 != 0) {
                row.put("credit_limit", BigDecimal.valueOf(id % 7)); // repeats, and empty on every third
            }
            executor.insert("customers", row);
        }
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(RulesPlanner.create())
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .readOnlyMode(ReadOnlyMode.off())
                .build();
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    private static List<Long> ids(Reply reply) {
        return reply
                .part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError(reply.text()))
                .rows()
                .rows()
                .stream()
                .map(row -> ((Number) row.get("id")).longValue())
                .toList();
    }

    @Test
    @Tag("invariant-7")
    void showMorePagesASortedListToItsEndWithEveryRowOnce() {
        Reply first = say("show customers sorted by credit limit desc");
        assertThat(first.part(ReplyPart.Rows.class)
                        .orElseThrow()
                        .interpretation()
                        .orElseThrow())
                .startsWith("customers, sorted by credit limit descending");
        List<Long> seen = new ArrayList<>(ids(first));
        Reply page = first;
        while (page.part(ReplyPart.Rows.class).orElseThrow().hasMore()) {
            page = say("show more");
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(207).doesNotHaveDuplicates().noneMatch(id -> id % 10 == 0);
        assertThat(page.text()).endsWith("That was the last page: 207 rows in all.");
        assertThat(say("next page").text()).startsWith("That was the last page: 207 rows in all.");
    }

    @Test
    void pageThreeAndPageFiftyOneAndANewReadAfterwards() {
        say("show customers");

        Reply third = say("page 3");
        Reply tooFar = say("page 51");
        Reply fresh = say("show customers");

        assertThat(third.part(ReplyPart.Rows.class).orElseThrow().page()).contains(new ReplyPart.Page(3, 201, 207));
        assertThat(tooFar.refusal().orElseThrow().code()).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(tooFar.text()).startsWith("Page 51 is too far");
        assertThat(fresh.part(ReplyPart.Rows.class).orElseThrow().page()).contains(new ReplyPart.Page(1, 1, 100));
    }
}
