package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #13: the CLARIFYING stage. A planner may ask a question with numbered choices instead of returning a plan; the
 * next message answers it by number, label or value, and the chosen plan runs as if the planner had returned it.
 */
class ClarifyingQuestionTest {

    private static final String SESSION = "s-clarify";
    private static final String ASK = "show Paris";
    private static final String ASK_WRITE = "block the Paris one";

    private final EntityCatalog catalog = Catalogs.shop();
    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemorySessionStore sessions = new InMemorySessionStore(clock, Duration.ofMinutes(30), 20);
    private InMemoryExecutor executor;
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        executor = new InMemoryExecutor(catalog, Limits.defaults());
        executor.insert(
                "customers",
                Map.of("id", 1L, "company_id", 101L, "name", "Paris", "status", "active", "email", "p@example.com"));
        executor.insert(
                "customers",
                Map.of("id", 2L, "company_id", 101L, "name", "Lyon", "status", "blocked", "email", "l@example.com"));
        engine = engine();
        planner.on(ASK, PlannerOutput.asking(readQuestion(), ScriptedPlanner.TRACE))
                .on(ASK_WRITE, PlannerOutput.asking(writeQuestion(), ScriptedPlanner.TRACE))
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE));
    }

    private ConversationEngine engine() {
        return ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(audit)
                .sessions(sessions)
                .clock(clock)
                .build();
    }

    private static Question readQuestion() {
        return new Question(
                "'Paris': a customer's name or a status?",
                List.of(
                        new Question.Choice("name", "customers.name = Paris", read("name", "Paris")),
                        new Question.Choice("status", "customers.status = blocked", read("status", "blocked"))));
    }

    private static ReadPlan read(String field, String value) {
        return ReadPlan.of("customers", List.of(new Filter(field, Op.EQ, value)));
    }

    private static Question writeQuestion() {
        return new Question(
                "Which customer do you mean?",
                List.of(
                        new Question.Choice(
                                "the one named Paris",
                                "customer 1",
                                new UpdatePlan(
                                        "customers", Map.of("status", "inactive"), List.of(Filter.eq("id", 1L)))),
                        new Question.Choice(
                                "the blocked one",
                                "customer 2",
                                new UpdatePlan(
                                        "customers", Map.of("status", "inactive"), List.of(Filter.eq("id", 2L))))));
    }

    private Reply say(String message) {
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    private Object statusOf(long id) {
        return executor.rows("customers").stream()
                .filter(row -> row.get("id").equals(id))
                .findFirst()
                .orElseThrow()
                .get("status");
    }

    private static List<Object> idsOf(Reply reply) {
        return reply.part(ReplyPart.Rows.class).orElseThrow().rows().rows().stream()
                .map(row -> row.get("id"))
                .toList();
    }

    @Test
    void aQuestionIsAskedWithNumberedChoicesAndNothingRuns() {
        Reply asked = say(ASK);

        assertThat(asked.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(asked.isRefused()).isFalse();
        assertThat(asked.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(asked.text()).contains("'Paris'", "1. name", "2. status");
        ReplyPart.Question part = asked.part(ReplyPart.Question.class).orElseThrow();
        assertThat(part.choices())
                .extracting(ReplyPart.Choice::n, ReplyPart.Choice::label)
                .containsExactly(tuple(1, "name"), tuple(2, "status"));
        assertThat(audit.last().action()).isEqualTo(AuditEvent.Action.CLARIFY);
        assertThat(audit.last().message()).isEqualTo(ASK);
    }

    @Test
    void theWireCarriesTheQuestionAndTheStage() {
        Map<String, Object> wire = ReplyWire.toMap(say(ASK));

        assertThat(wire.get("stage")).isEqualTo("CLARIFYING");
        assertThat(wire.get("question"))
                .isEqualTo(Map.of(
                        "text",
                        "'Paris': a customer's name or a status?",
                        "choices",
                        List.of(
                                Map.of("n", 1, "label", "name", "value", "customers.name = Paris"),
                                Map.of("n", 2, "label", "status", "value", "customers.status = blocked"))));
        assertThat(ReplyWire.toMap(say("1")).get("question")).isNull();
    }

    @Test
    void aNumberPicksThatChoice() {
        say(ASK);

        Reply answered = say("2");

        assertThat(answered.stage()).isEqualTo(Stage.IDLE);
        assertThat(idsOf(answered)).containsExactly(2L);
        assertThat(audit.last().action()).isEqualTo(AuditEvent.Action.READ);
        assertThat(audit.last().message()).isEqualTo("2");
        assertThat(audit.last().plan()).isPresent();
        assertThat(audit.last().plan().get().filters()).containsExactly(new Filter("status", Op.EQ, "blocked"));
        assertThat(planner.calls()).as("the answer is not planned").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "NAME", " Name. ", "customers.name = paris"})
    void aLabelOrAValuePicksThatChoiceIgnoringCase(String answer) {
        say(ASK);

        Reply answered = say(answer);

        assertThat(answered.stage()).isEqualTo(Stage.IDLE);
        assertThat(idsOf(answered)).containsExactly(1L);
    }

    @Test
    void aNumberOutOfRangeIsRefusedAndTheQuestionStays() {
        say(ASK);

        Reply wrong = say("3");

        assertThat(wrong.refusal().orElseThrow().code()).isEqualTo(RefusalCode.NOT_UNDERSTOOD);
        assertThat(wrong.text()).contains("no choice 3", "1 to 2");
        assertThat(wrong.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(wrong.part(ReplyPart.Question.class)).isPresent();
        assertThat(say("0").stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(idsOf(say("1"))).containsExactly(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel", "start over"})
    void cancelOrStartOverDropsTheQuestion(String command) {
        say(ASK);

        Reply cancelled = say(command);

        assertThat(cancelled.stage()).isEqualTo(Stage.IDLE);
        assertThat(cancelled.text()).contains("question was dropped");
        assertThat(audit.last().action()).isEqualTo(AuditEvent.Action.COMMAND);
        // "1" is no answer any more: it goes to the planner, which does not understand it
        Reply after = say("1");
        assertThat(after.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(planner.requests().get(planner.calls() - 1).message()).isEqualTo("1");
    }

    @Test
    void helpIsAnsweredAndTheQuestionStays() {
        say(ASK);

        Reply help = say("help");

        assertThat(help.text()).contains("You can ask about");
        assertThat(help.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(idsOf(say("2"))).containsExactly(2L);
    }

    @Test
    void anythingElseDropsTheQuestionAndIsPlannedAfreshSayingSo() {
        say(ASK);

        Reply fresh = say("show customers");

        assertThat(fresh.stage()).isEqualTo(Stage.IDLE);
        assertThat(fresh.text()).startsWith("That was not one of the choices, so the question was dropped");
        assertThat(idsOf(fresh)).containsExactly(1L, 2L);
        assertThat(sessions.find(SESSION).orElseThrow().question()).isEmpty();
    }

    @Test
    void aWriteChoiceGoesToPreviewAndNeedsAConfirm() {
        say(ASK_WRITE);

        Reply preview = say("THE BLOCKED ONE");

        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        var shown = preview.part(ReplyPart.Preview.class).orElseThrow().preview();
        assertThat(shown.rowCount()).isEqualTo(1);
        assertThat(statusOf(2L)).isEqualTo("blocked");

        Reply done = say("confirm");

        assertThat(done.part(ReplyPart.Committed.class)).isPresent();
        assertThat(statusOf(2L)).isEqualTo("inactive");
        assertThat(statusOf(1L)).isEqualTo("active");
    }

    @Test
    void aQuestionSurvivesASessionReload() {
        say(ASK);
        ConversationState stored = sessions.find(SESSION).orElseThrow();
        assertThat(stored.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(stored.question()).contains(readQuestion());

        // a new engine over the same session store: the question is still waiting
        engine = engine();
        Reply answered = say("2");

        assertThat(idsOf(answered)).containsExactly(2L);
    }

    @Test
    void aQuestionExpiresWithItsSession() {
        say(ASK);
        clock.advance(Duration.ofMinutes(31));

        Reply after = say("2");

        assertThat(after.part(ReplyPart.Rows.class)).isEmpty();
        assertThat(after.stage()).isNotEqualTo(Stage.CLARIFYING);
    }

    @Test
    void aChangeOfTheDraftDropsTheQuestionEvenWhenItsValueIsRefused() {
        planner.on("add a customer", PlannerOutput.create("customers", Map.of(), ScriptedPlanner.TRACE));
        say("add a customer");
        say(ASK);

        Reply refused = say("set status to maybe");

        assertThat(refused.isRefused()).isTrue();
        assertThat(refused.text()).startsWith("The question was dropped.");
        assertThat(refused.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(sessions.find(SESSION).orElseThrow().stage()).isEqualTo(Stage.COLLECTING);
        assertThat(sessions.find(SESSION).orElseThrow().question()).isEmpty();
    }

    @Test
    void showDraftShowsTheQuestionAgainAndKeepsIt() {
        planner.on("add a product", PlannerOutput.create("products", Map.of(), ScriptedPlanner.TRACE));
        say("add a product");
        say(ASK);

        Reply shown = say("show draft");

        assertThat(shown.stage()).isEqualTo(Stage.CLARIFYING);
        assertThat(shown.part(ReplyPart.Draft.class)).isPresent();
        assertThat(shown.part(ReplyPart.Question.class)).isPresent();
        assertThat(shown.text()).contains("1. name; 2. status");
    }

    @Test
    void cancelDuringAQuestionAlsoDropsTheDraft() {
        planner.on("add a product", PlannerOutput.create("products", Map.of(), ScriptedPlanner.TRACE));
        say("add a product");
        say(ASK);

        Reply cancelled = say("cancel");

        assertThat(cancelled.stage()).isEqualTo(Stage.IDLE);
        assertThat(cancelled.text()).isEqualTo("Cancelled, and the question was dropped. Nothing was added.");
        assertThat(sessions.find(SESSION).orElseThrow().draft()).isEmpty();
    }

    @Test
    void aQuestionDuringADraftKeepsTheDraft() {
        planner.on("add a product", PlannerOutput.create("products", Map.of(), ScriptedPlanner.TRACE));
        say("add a product");

        Reply asked = say(ASK);
        assertThat(asked.stage()).isEqualTo(Stage.CLARIFYING);
        Reply answered = say("1");

        assertThat(idsOf(answered)).containsExactly(1L);
        assertThat(answered.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(sessions.find(SESSION).orElseThrow().draft()).isPresent();
        assertThat(Optional.of(sessions.find(SESSION).orElseThrow().stage())).contains(Stage.COLLECTING);
    }
}
