package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.testkit.fakes.FailingSessionStore;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A failing session store gives an audited dependency error, never an escaping exception or unaudited state. */
@Tag("invariant-9")
class SessionStoreFailureTest {

    private static final String SESSION = "s-store";
    private static final String NO_DRAFT = "There is no draft. Say what you would like to add or change.";

    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final FailingSessionStore sessions = new FailingSessionStore(clock);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private InMemoryExecutor executor;
    private ConversationEngine engine;
    private int turns;

    @BeforeEach
    void setUp() {
        executor = new InMemoryExecutor(Catalogs.shop(), Limits.defaults());
        executor.insert("customers", Map.of("id", 1L, "company_id", 101L, "name", "Customer 1", "status", "active"));
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(Catalogs.shop()))
                .planner(planner)
                .executor(executor)
                .auditLog(audit)
                .sessions(sessions)
                .clock(clock)
                .build();
        planner.on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on(
                        "show customer 1",
                        PlannerOutput.read("customers", List.of(Filter.eq("id", 1L)), ScriptedPlanner.TRACE))
                .on(
                        "block customer 1",
                        PlannerOutput.update(
                                "customers",
                                Map.of("status", "blocked"),
                                List.of(Filter.eq("id", 1L)),
                                ScriptedPlanner.TRACE));
    }

    private Reply say(String message) {
        turns++;
        return engine.handle(ChatRequest.of(SESSION, Users.editor(), message));
    }

    private static void assertStoreError(Reply reply) {
        ReplyPart.Error error = reply.part(ReplyPart.Error.class).orElseThrow(() -> new AssertionError(reply.text()));
        assertThat(error.code()).isEqualTo("session_store_unavailable");
        assertThat(error.retryable()).isTrue();
        assertThat(reply.text()).contains("nothing was changed").doesNotContain("IllegalStateException");
    }

    @Test
    void aFailedSaveOfANewSessionIsAnAuditedDependencyError() {
        sessions.setSavesFail(true);

        Reply reply = say("show customers");

        assertStoreError(reply);
        assertThat(audit.events()).hasSize(1);
        AuditEvent event = audit.last();
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.ERROR);
        assertThat(event.errorMessage().orElseThrow()).contains("session store");
    }

    @Test
    void aFailedSaveOfAChangedSessionIsAnAuditedDependencyError() {
        sessions.setSavesFail(true);

        Reply reply = say("block customer 1");

        assertStoreError(reply);
        assertThat(reply.part(ReplyPart.Preview.class)).isEmpty();
        assertThat(audit.events())
                .singleElement()
                .extracting(AuditEvent::outcome)
                .isEqualTo(AuditEvent.Outcome.ERROR);
    }

    @Test
    void aFailedLoadIsAnAuditedDependencyError() {
        say("show customers");
        sessions.setFindsFail(true);

        Reply reply = say("show customers");

        assertStoreError(reply);
        assertThat(audit.events()).hasSize(turns);
        assertThat(audit.last().outcome()).isEqualTo(AuditEvent.Outcome.ERROR);
    }

    @Test
    void aTurnThatSavesNothingMarksItsSessionUsedAndAFailedMarkCostsTheTurnNothing() {
        say("show customers");
        int marked = sessions.marksUsed();

        Reply noDraft = say("show draft");

        assertThat(noDraft.text()).isEqualTo(NO_DRAFT);
        assertThat(sessions.marksUsed()).isEqualTo(marked + 1);
        sessions.setMarksFail(true);
        Reply again = say("show draft");
        assertThat(again.text()).isEqualTo(NO_DRAFT);
        assertThat(again.part(ReplyPart.Error.class)).isEmpty();
        assertThat(sessions.marksUsed()).isEqualTo(marked + 2);
        assertThat(audit.events()).hasSize(turns);
        assertThat(audit.last().outcome()).isNotEqualTo(AuditEvent.Outcome.ERROR);
        // a turn that saves its session marks it with the save: no mark of its own
        sessions.setMarksFail(false);
        int saved = sessions.saves();
        say("show customer 1");
        assertThat(sessions.saves()).isEqualTo(saved + 1);
        assertThat(sessions.marksUsed()).isEqualTo(marked + 2);
    }

    @Test
    void aReadThatLeavesTheConversationAsItWasSavesNothingAndMarksItsSessionUsed() {
        say("show customers");
        int saved = sessions.saves();
        int marked = sessions.marksUsed();

        Reply again = say("show customers");

        assertThat(again.part(ReplyPart.Rows.class)).as(again.text()).isPresent();
        assertThat(sessions.saves())
                .as("the same read again changes nothing to save")
                .isEqualTo(saved);
        assertThat(sessions.marksUsed()).isEqualTo(marked + 1);
        // so a store that cannot write does not fail it either, while a read that changes the conversation fails
        sessions.setSavesFail(true);
        assertThat(say("show customers").part(ReplyPart.Rows.class)).isPresent();
        assertStoreError(say("show customer 1"));
        assertThat(audit.events()).hasSize(turns);
    }

    /**
     * A save the store stored but whose answer it lost (its connection dropped after the write, and it could not read
     * the outcome back): the reply says the conversation may have moved on, never "nothing was changed".
     */
    @Test
    @Tag("invariant-11")
    void aSaveWhoseAnswerWasLostSaysTheConversationMayHaveMovedOn() {
        sessions.setSaveAnswersLost(true);

        Reply reply = say("block customer 1");

        ReplyPart.Error error = reply.part(ReplyPart.Error.class).orElseThrow(() -> new AssertionError(reply.text()));
        assertThat(error.code()).isEqualTo("session_store_unavailable");
        assertThat(error.retryable()).isTrue();
        assertThat(reply.text())
                .contains("not known whether the conversation moved on", "Nothing was changed in the database")
                .doesNotContain("could not be saved");
        assertThat(reply.part(ReplyPart.Preview.class)).isEmpty();
        assertThat(audit.last().outcome()).isEqualTo(AuditEvent.Outcome.ERROR);
        sessions.setSaveAnswersLost(false);
        assertThat(say("show draft").text()).as("the preview was stored").contains("blocked");
    }

    @Test
    @Tag("invariant-11")
    void aClaimWhoseAnswerWasLostWritesNothingAndSaysTheConversationMayHaveMovedOn() {
        say("block customer 1");
        sessions.setSaveAnswersLost(true);

        Reply reply = say("confirm");

        assertThat(executor.executeCalls()).isZero();
        assertThat(reply.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(reply.text())
                .contains("not known whether the conversation moved on", "Nothing was changed in the database")
                .doesNotContain("so nothing was changed");
        assertThat(audit.last().outcome()).isEqualTo(AuditEvent.Outcome.ERROR);
    }

    @Test
    void aFailedClaimOfThePreviewWritesNothingAndIsAudited() {
        say("block customer 1");
        sessions.setSavesFail(true);

        Reply reply = say("confirm");

        assertThat(reply.part(ReplyPart.Error.class)).isPresent();
        assertThat(executor.executeCalls()).isZero();
        assertThat(audit.events()).hasSize(turns);
        assertThat(audit.last().outcome()).isEqualTo(AuditEvent.Outcome.ERROR);
    }

    @Test
    void aPreviewWhoseAuditAndRollbackBothFailedCanNeverBeConfirmed() {
        say("show customers");
        audit.setDown(true);
        sessions.failSavesAfter(1); // the preview is saved, the rollback of it fails

        Reply reply = say("block customer 1");

        assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.AUDIT_UNAVAILABLE);
        audit.setDown(false);
        sessions.setSavesFail(false);
        Reply confirm = say("confirm");
        assertThat(confirm.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
        assertThat(say("show draft").part(ReplyPart.Draft.class)).isEmpty();
        assertThat(executor.executeCalls()).isZero();
        assertThat(executor.rows("customers").get(0)).containsEntry("status", "active");
    }

    @Test
    void afterTheUndoneStateIsReplacedTheSessionWorksAsUsual() {
        say("show customers");
        audit.setDown(true);
        sessions.failSavesAfter(1);
        say("block customer 1");
        audit.setDown(false);
        sessions.setSavesFail(false);

        Reply again = say("block customer 1");
        assertThat(again.part(ReplyPart.Preview.class)).as(again.text()).isPresent();
        Reply done = say("confirm");
        assertThat(done.part(ReplyPart.Committed.class)).as(done.text()).isPresent();
        assertThat(executor.rows("customers").get(0)).containsEntry("status", "blocked");
    }
}
