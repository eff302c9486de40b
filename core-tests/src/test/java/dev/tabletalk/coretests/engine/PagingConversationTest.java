package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging through the last read (#13) as the engine does it, with either planner: "show more" continues right after
 * the last row shown (keyset), "page 3" jumps by offset, "page 51" is refused, and the reply always says where it
 * stands or that the list ended: the first page is never shown again silently.
 */
class PagingConversationTest {

    private static final String SESSION = "s-paging";
    private static final int PAGE = 40;

    private final ScriptedPlanner planner = new ScriptedPlanner();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        EntityCatalog catalog = Catalogs.shop();
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (long id = 1; id <= 250; id++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("company_id", 101L);
            row.put("name", "Customer " + id);
            row.put("status", "active");
            if (id % 2 == 1) {
                row.put("notes", "group " + (id % 5)); // repeated values on odd ids, NULL on even ones
            }
            executor.insert("customers", row);
        }
        for (long id = 1001; id <= 1010; id++) {
            executor.insert(
                    "customers", Map.of("id", id, "company_id", 202L, "name", "Theirs " + id, "status", "active"));
        }
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(audit)
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .readOnlyMode(ReadOnlyMode.off())
                .build();
        planner.on("customers by notes", byNotes())
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on(
                        "customers per status",
                        PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)
                                .withRead(
                                        List.of(),
                                        0,
                                        Optional.of(new Aggregate(
                                                Aggregate.Fn.COUNT, Optional.empty(), List.of("status")))));
    }

    private static PlannerOutput byNotes() {
        return new PlannerOutput(
                Intent.READ,
                Optional.of("customers"),
                Map.of(),
                List.of(),
                List.of(Sort.descending("notes")),
                OptionalInt.of(PAGE),
                Optional.empty(),
                ScriptedPlanner.TRACE);
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

    private static String interpretation(Reply reply) {
        return reply.part(ReplyPart.Rows.class).orElseThrow().interpretation().orElseThrow();
    }

    @Test
    void showMoreWithoutAnEarlierReadSaysThereIsNothingToContinueAndTheNextReadWorks() {
        Reply nothing = say("show more");

        assertThat(nothing.refusal().orElseThrow().code()).isEqualTo(RefusalCode.NOTHING_TO_CONTINUE);
        assertThat(nothing.text()).startsWith("Nothing to continue: ask for some rows first");
        assertThat(nothing.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(ids(say("show customers"))).hasSize(100);
    }

    @Test
    void showMoreSeesEveryRowOnceInOrderThenSaysThatWasTheLastPage() {
        Reply first = say("customers by notes");
        List<Long> seen = new ArrayList<>(ids(first));
        List<Reply> pages = new ArrayList<>();
        Reply page = first;
        while (page.part(ReplyPart.Rows.class).orElseThrow().hasMore()) {
            page = say("show more");
            pages.add(page);
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(250).doesNotHaveDuplicates().allMatch(id -> id <= 250);
        assertThat(seen.subList(0, 3))
                .as("notes descending: the highest repeated value first")
                .containsExactly(9L, 19L, 29L);
        assertThat(seen.get(249)).as("NULL notes last, by id").isEqualTo(250L);
        assertThat(pages).hasSize(6);
        assertThat(interpretation(pages.get(0)))
                .isEqualTo(
                        "customers, sorted by notes descending, at most 40 rows; page 2, rows 41\u201380, more exist");
        assertThat(pages.get(0).text())
                .isEqualTo("Page 2 of customers: rows 41\u201380. There are more: say 'show more' for the next page.");
        assertThat(interpretation(page)).endsWith("; page 7, rows 241\u2013250 of 250");
        assertThat(page.text()).endsWith("That was the last page: 250 rows in all.");

        Reply after = say("next page");

        assertThat(after.part(ReplyPart.Rows.class))
                .as("never the first page again")
                .isEmpty();
        assertThat(after.text()).startsWith("That was the last page: 250 rows in all.");
    }

    @Test
    void pageThreeJumpsByOffsetToTheSameRowsShowMoreReaches() {
        say("customers by notes");
        say("show more");
        List<Long> third = ids(say("more"));

        Reply jumped = say("page 3");

        assertThat(ids(jumped)).containsExactlyElementsOf(third);
        assertThat(interpretation(jumped)).endsWith("; page 3, rows 81\u2013120, more exist");
        assertThat(ids(say("previous page"))).hasSize(PAGE).doesNotContainAnyElementsOf(third);
        assertThat(ids(say("show more"))).containsExactlyElementsOf(third);
        assertThat(ids(say("first page")).get(0)).isEqualTo(9L);
    }

    @Test
    void pageFiftyOneIsRefusedAndPagesPastTheEndSaySo() {
        say("customers by notes");

        Reply tooFar = say("go to page 51");
        Reply empty = say("page 50");
        Reply previous = say("previous page");

        assertThat(tooFar.refusal().orElseThrow().code()).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(tooFar.text()).contains("at most 50 pages of 40 rows");
        assertThat(empty.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(empty.text()).startsWith("Page 50 of customers has no rows");
        assertThat(previous.refusal().orElseThrow().code())
                .as("the empty page was not kept: the first page is still the one shown")
                .isEqualTo(RefusalCode.OUT_OF_RANGE);
    }

    @Test
    void cancelEndsThePagingAndANewReadReplacesIt() {
        say("customers by notes");
        say("cancel");

        assertThat(say("show more").refusal().orElseThrow().code()).isEqualTo(RefusalCode.NOTHING_TO_CONTINUE);

        say("customers by notes");
        say("customers per status");
        Reply more = say("show more");

        assertThat(more.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(more.text()).startsWith("That was the last page: 1 row in all.");
    }

    @Test
    void anAggregatePagesByOffset() {
        planner.on(
                "one status at a time",
                PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)
                        .withRead(
                                List.of(),
                                0,
                                Optional.of(new Aggregate(Aggregate.Fn.COUNT, Optional.empty(), List.of("name")))));
        Reply first = say("one status at a time");
        Reply second = say("show more");

        assertThat(first.part(ReplyPart.Rows.class).orElseThrow().rows().size()).isEqualTo(100);
        assertThat(second.part(ReplyPart.Rows.class).orElseThrow().rows().rows().get(0))
                .as("groups 101-200 by name")
                .isNotEqualTo(first.part(ReplyPart.Rows.class)
                        .orElseThrow()
                        .rows()
                        .rows()
                        .get(0));
        assertThat(interpretation(second)).endsWith("; page 2, rows 101\u2013200, more exist");
    }

    @Test
    void everyPageIsAuditedAsAReadWithItsPosition() {
        say("customers by notes");
        say("show more");
        say("page 3");

        List<AuditEvent> events = audit.events();
        AuditEvent more = events.get(events.size() - 2);
        AuditEvent jump = events.get(events.size() - 1);
        assertThat(more.action()).isEqualTo(AuditEvent.Action.READ);
        assertThat(more.rowCount()).isEqualTo(PAGE);
        ReadPlan continued = (ReadPlan) more.plan().orElseThrow();
        assertThat(continued.after()).isPresent();
        assertThat(continued.after().get().columns()).containsExactly("notes", "id");
        ReadPlan jumped = (ReadPlan) jump.plan().orElseThrow();
        assertThat(jumped.offset()).isEqualTo(2 * PAGE);
        assertThat(jumped.after()).isEmpty();
    }
}
