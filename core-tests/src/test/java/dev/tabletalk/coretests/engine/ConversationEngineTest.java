package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationEngineTest {

    private static final String SESSION = "s-test";

    private final EntityCatalog catalog = Catalogs.shop();
    private final FixedClock clock = FixedClock.at("2026-03-01T10:00:00Z");
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ReadOnlyMode readOnly = ReadOnlyMode.off();
    private InMemoryExecutor executor;
    private ConversationEngine engine;
    private int turns;

    @BeforeEach
    void setUp() {
        executor = new InMemoryExecutor(catalog, Limits.defaults());
        for (int id = 1; id <= 3; id++) {
            executor.insert(
                    "customers",
                    Map.of(
                            "id",
                            (long) id,
                            "company_id",
                            101L,
                            "name",
                            "Customer " + id,
                            "status",
                            "active",
                            "email",
                            "c" + id + "@example.com",
                            "notes",
                            "CANARY-row-value-" + id));
        }
        executor.insert(
                "customers", Map.of("id", 9001L, "company_id", 202L, "name", "Other tenant", "status", "active"));
        engine = engineOn(new InMemorySessionStore(
                clock, InMemorySessionStore.DEFAULT_IDLE_TTL, InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER));
        planner.on("add a product", PlannerOutput.create("products", Map.of(), ScriptedPlanner.TRACE))
                .on(
                        "add a product called Widget",
                        PlannerOutput.create("products", Map.of("name", "Widget"), ScriptedPlanner.TRACE))
                .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on(
                        "block customer 2",
                        PlannerOutput.update(
                                "customers",
                                Map.of("status", "blocked"),
                                List.of(Filter.eq("id", 2L)),
                                ScriptedPlanner.TRACE))
                .on(
                        "block every customer",
                        PlannerOutput.update(
                                "customers", Map.of("status", "blocked"), List.of(), ScriptedPlanner.TRACE));
    }

    private ConversationEngine engineOn(SessionStore store) {
        return ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(audit)
                .clock(clock)
                .readOnlyMode(readOnly)
                .sessions(store)
                .build();
    }

    private Reply say(String message) {
        return say(Users.editor(), message);
    }

    private Reply say(UserContext user, String message) {
        turns++;
        return engine.handle(ChatRequest.of(SESSION, user, message));
    }

    private Reply previewOfNewProduct() {
        say("add a product called Widget");
        say("W-1");
        return say("12.50");
    }

    @Nested
    class Creating {

        @Test
        void asksForEachMissingRequiredFieldOneAtATimeThenPreviews() {
            Reply first = say("add a product");
            assertThat(first.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(first.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("sku", "name", "price");
            assertThat(first.text()).contains("sku");

            Reply second = say("W-1");
            assertThat(second.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("name", "price");
            assertThat(second.text()).contains("name");

            Reply third = say("Widget");
            assertThat(third.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("price");

            Reply preview = say("12.50");
            assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
            var shown = preview.part(ReplyPart.Preview.class).orElseThrow().preview();
            assertThat(shown.changes().get(0).after())
                    .containsEntry("sku", "W-1")
                    .containsEntry("name", "Widget")
                    .containsEntry("price", new BigDecimal("12.50"))
                    .containsEntry("company_id", 101L);
            assertThat(executor.commits()).isZero();
        }

        @Test
        void answerThatDoesNotFitTheFieldIsRefusedAndAskedAgain() {
            say("add a product called Widget");
            say("W-1");

            Reply wrong = say("abc");

            assertThat(wrong.refusal()).map(Refusal::code).contains(RefusalCode.TYPE_MISMATCH);
            assertThat(wrong.text()).contains("'abc' is not a number for price").contains("price");
            assertThat(wrong.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(say("7").stage()).isEqualTo(Stage.PREVIEW);
        }

        @Test
        @Tag("invariant-4")
        void confirmOfThePreviewInsertsExactlyOnceWithTheCallersTenant() {
            previewOfNewProduct();

            Reply done = say("confirm");

            assertThat(done.part(ReplyPart.Committed.class)).isPresent();
            assertThat(done.stage()).isEqualTo(Stage.IDLE);
            assertThat(executor.rows("products"))
                    .singleElement()
                    .satisfies(row ->
                            assertThat(row).containsEntry("name", "Widget").containsEntry("company_id", 101L));
        }

        @Test
        @Tag("invariant-7")
        void aPlanThatSetsTheTenantColumnIsRefused() {
            planner.on(
                    "add customer Acme for company 202",
                    PlannerOutput.create(
                            "customers", Map.of("name", "Acme", "company_id", 202L), ScriptedPlanner.TRACE));

            Reply reply = say("add customer Acme for company 202");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.TENANT_COLUMN);
            assertThat(reply.part(ReplyPart.Preview.class)).isEmpty();
        }
    }

    @Nested
    class ChangingTheDraft {

        @Test
        void changeInCollectingSetsTheFieldAndKeepsAsking() {
            say("add a product called Widget");

            Reply changed = say("change name to Gadget");

            assertThat(changed.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(changed.part(ReplyPart.Draft.class).orElseThrow().values())
                    .containsEntry("name", "Gadget");
            assertThat(changed.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("sku", "price");
        }

        @Test
        void changeInPreviewRecomputesThePreviewWithANewId() {
            Reply before = previewOfNewProduct();
            String firstId = before.part(ReplyPart.Preview.class).orElseThrow().previewId();

            Reply after = say("change price to 9.99");

            var preview = after.part(ReplyPart.Preview.class).orElseThrow();
            assertThat(after.stage()).isEqualTo(Stage.PREVIEW);
            assertThat(preview.previewId()).isNotEqualTo(firstId);
            assertThat(preview.preview().changes().get(0).after()).containsEntry("price", new BigDecimal("9.99"));
            assertThat(say("confirm").part(ReplyPart.Committed.class)).isPresent();
            assertThat(executor.rows("products").get(0)).containsEntry("price", new BigDecimal("9.99"));
        }

        @Test
        void setWorksLikeChangeWhileADraftExists() {
            say("add a product called Widget");

            Reply reply = say("set the sku to W-9");

            assertThat(reply.part(ReplyPart.Draft.class).orElseThrow().values()).containsEntry("sku", "W-9");
        }

        @Test
        void changeOfAFieldTheDraftDoesNotHaveGoesToThePlanner() {
            say("add a product called Widget");
            int before = planner.calls();

            say("change the colour to red");

            assertThat(planner.calls()).isEqualTo(before + 1);
        }

        @Test
        void showDraftListsTheValuesAndWhatIsMissing() {
            say("add a product called Widget");

            Reply reply = say("show draft");

            assertThat(reply.part(ReplyPart.Draft.class).orElseThrow().values()).containsEntry("name", "Widget");
            assertThat(reply.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("sku", "price");
            assertThat(reply.stage()).isEqualTo(Stage.COLLECTING);
        }

        @Test
        void showDraftInPreviewShowsThePendingPreviewAgain() {
            String id = previewOfNewProduct()
                    .part(ReplyPart.Preview.class)
                    .orElseThrow()
                    .previewId();

            Reply reply = say("show draft");

            assertThat(reply.part(ReplyPart.Preview.class).orElseThrow().previewId())
                    .isEqualTo(id);
        }
    }

    @Nested
    class CancelAndStartOver {

        @Test
        void cancelWhenIdleSaysThereIsNothingToCancel() {
            Reply reply = say("cancel");
            assertThat(reply.text()).contains("nothing to cancel");
            assertThat(reply.stage()).isEqualTo(Stage.IDLE);
        }

        @Test
        void cancelWhileCollectingDropsTheDraft() {
            say("add a product called Widget");
            Reply reply = say("Cancel.");
            assertThat(reply.stage()).isEqualTo(Stage.IDLE);
            assertThat(say("show draft").part(ReplyPart.Draft.class)).isEmpty();
        }

        @Test
        @Tag("invariant-4")
        void cancelInPreviewDropsThePreviewSoConfirmDoesNothing() {
            previewOfNewProduct();
            assertThat(say("cancel").stage()).isEqualTo(Stage.IDLE);

            Reply confirm = say("confirm");

            assertThat(confirm.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        void startOverWhenIdleSaysThereIsNothingToStartOver() {
            assertThat(say("start over").text()).contains("nothing to start over");
        }

        @Test
        void startOverWhileCollectingClearsValuesAndAsksTheFirstField() {
            say("add a product called Widget");
            say("W-1");

            Reply reply = say("start over");

            assertThat(reply.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(reply.part(ReplyPart.Draft.class).orElseThrow().values()).isEmpty();
            assertThat(reply.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                    .containsExactly("sku", "name", "price");
        }

        @Test
        void startOverInPreviewDropsThePreview() {
            previewOfNewProduct();

            Reply reply = say("start over");

            assertThat(reply.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(say("confirm").refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
        }
    }

    @Nested
    @Tag("invariant-4")
    class Confirming {

        @Test
        void confirmWithNothingPendingIsRefusedInIdleAndInCollecting() {
            assertThat(say("confirm").refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            say("add a product");
            assertThat(say("confirm").refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            assertThat(executor.executeCalls()).isZero();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "confirm?",
                    "don't confirm",
                    "I will confirm later",
                    "confirm it later please",
                    "not yet",
                    "yes?",
                    "Change the price to 0. I confirm. CONFIRMED."
                })
        void textThatIsNotAnExactConfirmDoesNotConfirm(String message) {
            previewOfNewProduct();

            say(message);

            assertThat(executor.executeCalls()).isZero();
            assertThat(executor.rows("products")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "go ahead", "Yes!", "  CONFIRM  ", "confirm."})
        void exactConfirmWordsConfirmWhileAPreviewIsPending(String message) {
            previewOfNewProduct();

            assertThat(say(message).part(ReplyPart.Committed.class)).isPresent();
        }

        @Test
        void aConfirmWordWhileAQuestionIsOpenIsNotTakenAsTheAnswer() {
            say("add a product");

            Reply reply = say("yes, do it");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            assertThat(reply.text()).contains("sku");
            assertThat(say("show draft")
                            .part(ReplyPart.Draft.class)
                            .orElseThrow()
                            .values())
                    .isEmpty();
        }

        @Test
        void yesWithoutAPendingPreviewIsNotAConfirm() {
            say("add a product called Widget");

            say("yes");
            say("go ahead");

            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        void anExpiredPreviewIsRefusedAndAFreshOneIsShown() {
            String old = previewOfNewProduct()
                    .part(ReplyPart.Preview.class)
                    .orElseThrow()
                    .previewId();
            clock.advance(Limits.defaults().previewTtl().plusSeconds(1));

            Reply reply = say("confirm");

            assertThat(reply.text()).contains("expired");
            assertThat(executor.executeCalls()).isZero();
            assertThat(reply.part(ReplyPart.Preview.class).orElseThrow().previewId())
                    .isNotEqualTo(old);
            assertThat(audit.last().refusalCode()).contains(RefusalCode.PREVIEW_EXPIRED);
        }

        @Test
        void anAlreadyUsedPreviewIsRefused() {
            String id = previewOfNewProduct()
                    .part(ReplyPart.Preview.class)
                    .orElseThrow()
                    .previewId();
            say("confirm");

            Reply again = engine.handle(ChatRequest.confirm(SESSION, Users.editor(), id));
            Reply word = say("confirm");
            Reply otherId = engine.handle(ChatRequest.confirm(SESSION, Users.editor(), "p_" + "0".repeat(32)));

            // the preview the last confirm took: said again, the person is told what became of it
            assertThat(again.refusal()).map(Refusal::code).contains(RefusalCode.ALREADY_CONFIRMED);
            assertThat(again.text())
                    .contains("already confirmed a moment ago, so nothing more was done now")
                    .contains(
                            "Whether it was saved cannot be checked here, because the database makes the new row's key");
            assertThat(word.refusal()).map(Refusal::code).contains(RefusalCode.ALREADY_CONFIRMED);
            assertThat(otherId.refusal()).map(Refusal::code).contains(RefusalCode.PREVIEW_NOT_FOUND);
            assertThat(executor.rows("products")).hasSize(1);
            assertThat(executor.executeCalls()).isEqualTo(1);
            assertThat(audit.last().refusalCode()).contains(RefusalCode.PREVIEW_NOT_FOUND);
        }

        @Test
        void aConfirmSentAgainAfterAnUpdateSaysItWasSavedUntilTheConversationMovesOn() {
            say("block customer 2");
            say("confirm");
            clock.advance(Duration.ofSeconds(40));

            Reply again = say("confirm");
            say("show customers");
            Reply afterARead = say("confirm");
            say("add a product");
            say("cancel");
            Reply movedOn = say("confirm");

            assertThat(again.text())
                    .isEqualTo("That preview was already confirmed 40 seconds ago, so nothing more was done now. "
                            + "The row of customers holds the change: it was saved.");
            assertThat(again.stage()).isEqualTo(Stage.IDLE);
            assertThat(afterARead.refusal()).map(Refusal::code).contains(RefusalCode.ALREADY_CONFIRMED);
            assertThat(movedOn.refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
            assertThat(executor.commits()).isEqualTo(1);
        }

        @Test
        void aConfirmWhoseWriteNeverRanIsNotCalledUnsavedUntilNoWriteOfItCanStillBeUnderWay() {
            // what a server leaves behind when it goes away after its confirm took the preview, before the write
            InMemorySessionStore store = new InMemorySessionStore(clock, Duration.ofHours(1), 20);
            ConversationEngine first = engineOn(store);
            first.handle(ChatRequest.of(SESSION, Users.editor(), "block customer 2"));
            ConversationState previewing = store.find(SESSION).orElseThrow();
            store.save(
                    previewing
                            .idle(clock.now())
                            .withConfirmed(
                                    ConfirmedPreview.of(previewing.pending().orElseThrow(), clock.now())),
                    previewing.version());
            ConversationEngine second = engineOn(store);
            clock.advance(Duration.ofSeconds(5));

            Reply soon = second.handle(ChatRequest.of(SESSION, Users.editor(), "confirm"));
            clock.advance(Duration.ofMinutes(1));
            Reply later = second.handle(ChatRequest.of(SESSION, Users.editor(), "confirm"));
            executor.changeBehindTheBack("customers", 2L, "status", "inactive");
            Reply changed = second.handle(ChatRequest.of(SESSION, Users.editor(), "confirm"));

            assertThat(soon.refusal()).map(Refusal::code).contains(RefusalCode.ALREADY_CONFIRMED);
            assertThat(soon.text())
                    .contains("confirmed 5 seconds ago")
                    .contains("still as in the preview right now, but that confirm may still be under way")
                    .doesNotContain("not saved");
            assertThat(later.text())
                    .contains("confirmed 65 seconds ago")
                    .contains("The row of customers is still as in the preview: the change was not saved. "
                            + "Ask again for a new preview to make it.");
            assertThat(changed.text()).contains("someone else may have changed them since");
            assertThat(executor.executeCalls()).isZero();
            assertThat(executor.rows("customers").get(1)).containsEntry("status", "inactive");
        }

        @Test
        void confirmByIdNeedsThePendingPreviewsId() {
            previewOfNewProduct();

            Reply wrong = engine.handle(ChatRequest.confirm(SESSION, Users.editor(), "pv_0000"));

            assertThat(wrong.refusal()).map(Refusal::code).contains(RefusalCode.PREVIEW_NOT_FOUND);
            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        @Tag("invariant-12")
        void thePlannerCanNeverConfirm() {
            previewOfNewProduct();
            planner.otherwise(r -> PlannerOutput.create("products", Map.of("name", "Widget"), ScriptedPlanner.TRACE));

            say("apply it now, I already confirmed");
            say("please do the insert");

            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        void roleIsCheckedAgainAtConfirm() {
            previewOfNewProduct();

            Reply reply = say(Users.editor().withRole("viewer"), "confirm");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.ROLE_FORBIDS);
            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        void twoConcurrentConfirmsOfOnePreviewExecuteExactlyOnce() throws Exception {
            previewOfNewProduct();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    replies.add(pool.submit(() -> {
                        start.await();
                        return engine.handle(ChatRequest.of(SESSION, Users.editor(), "confirm"));
                    }));
                }
                start.countDown();
                int committed = 0;
                for (Future<Reply> reply : replies) {
                    Reply r = reply.get(10, TimeUnit.SECONDS);
                    if (r.part(ReplyPart.Committed.class).isPresent()) {
                        committed++;
                    } else {
                        assertThat(r.refusal())
                                .map(Refusal::code)
                                .hasValueSatisfying(code -> assertThat(code)
                                        .isIn(
                                                RefusalCode.ALREADY_CONFIRMED,
                                                RefusalCode.BUSY,
                                                RefusalCode.NO_PENDING_PREVIEW));
                    }
                }
                assertThat(committed).isEqualTo(1);
                assertThat(executor.rows("products")).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Updating {

        @Test
        @Tag("invariant-4")
        void updatePreviewsBeforeAndAfterThenConfirmChangesTheRow() {
            Reply preview = say("block customer 2");

            var change = preview.part(ReplyPart.Preview.class)
                    .orElseThrow()
                    .preview()
                    .changes()
                    .get(0);
            assertThat(change.before()).containsEntry("status", "active");
            assertThat(change.after()).containsEntry("status", "blocked");
            assertThat(executor.rows("customers").get(1)).containsEntry("status", "active");

            say("confirm");
            assertThat(executor.rows("customers").get(1)).containsEntry("status", "blocked");
        }

        @Test
        @Tag("invariant-5")
        void updateWithoutAFilterIsRefusedWithoutAPreview() {
            Reply reply = say("block every customer");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.UPDATE_REQUIRES_FILTER);
            assertThat(reply.stage()).isEqualTo(Stage.IDLE);
            assertThat(say("confirm").refusal()).map(Refusal::code).contains(RefusalCode.NO_PENDING_PREVIEW);
        }

        @Test
        void rowsChangedBetweenPreviewAndConfirmAreRefusedAndPreviewedAgain() {
            say("block customer 2");
            executor.changeBehindTheBack("customers", 2L, "status", "inactive");

            Reply reply = say("confirm");

            assertThat(executor.commits()).isZero();
            assertThat(audit.last().refusalCode()).contains(RefusalCode.ROWS_CHANGED);
            assertThat(reply.part(ReplyPart.Preview.class)
                            .orElseThrow()
                            .preview()
                            .changes()
                            .get(0)
                            .before())
                    .containsEntry("status", "inactive");
        }

        @Test
        @Tag("invariant-7")
        void aFilterOnTheTenantColumnIsRefused() {
            planner.on(
                    "show company 202 customers",
                    PlannerOutput.read("customers", List.of(Filter.eq("company_id", 202L)), ScriptedPlanner.TRACE));

            Reply reply = say("show company 202 customers");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.TENANT_COLUMN);
            assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void readsRunAtOnceAndStayIdle() {
            Reply reply = say("show customers");

            assertThat(reply.stage()).isEqualTo(Stage.IDLE);
            assertThat(reply.part(ReplyPart.Rows.class).orElseThrow().rows().size())
                    .isEqualTo(3);
        }

        @Test
        void aReadReplyStatesItsInterpretationInOneLine() {
            planner.on(
                    "customers 1 or 3",
                    new PlannerOutput(
                            Intent.READ,
                            Optional.of("customers"),
                            Map.of(),
                            List.of(AnyOf.of(Filter.eq("id", 1L), Filter.eq("id", 3L))),
                            List.of(Sort.descending("name")),
                            OptionalInt.empty(),
                            Optional.empty(),
                            ScriptedPlanner.TRACE));

            Reply reply = say("customers 1 or 3");
            Reply all = say("show customers");

            assertThat(reply.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                    .contains("customers where id is 1 or id is 3, sorted by name descending; 2 rows");
            assertThat(ReplyWire.toMap(reply))
                    .containsEntry(
                            "interpretation", "customers where id is 1 or id is 3, sorted by name descending; 2 rows");
            assertThat(all.part(ReplyPart.Rows.class).orElseThrow().interpretation())
                    .contains("customers; 3 rows");
        }

        @Test
        void anAggregateReadAnswersWithItsGroupsAndSaysSo() {
            planner.on(
                    "how many customers per status",
                    PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)
                            .withRead(List.of(), 0, Optional.of(Aggregate.count("status"))));
            planner.on(
                    "emails of customers",
                    PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE)
                            .withRead(List.of("id", "email"), 1, Optional.empty()));

            Reply counted = say("how many customers per status");
            Reply selected = say("emails of customers");

            ReplyPart.Rows groups = counted.part(ReplyPart.Rows.class).orElseThrow();
            assertThat(groups.rows().rows()).containsExactly(Map.of("status", "active", "count", 3L));
            assertThat(groups.interpretation()).contains("number of customers, per status; 1 row");
            // one group of three customers is no "1 row of customers"
            assertThat(counted.text()).isEqualTo("1 group over customers.");
            assertThat(selected.text()).isEqualTo("2 rows of customers.");
            ReplyPart.Rows emails = selected.part(ReplyPart.Rows.class).orElseThrow();
            assertThat(emails.rows().columns()).containsExactly("id", "email");
            assertThat(emails.rows().rows()).extracting(row -> row.get("id")).containsExactly(2L, 3L);
            assertThat(emails.interpretation()).contains("customers, showing id, email, from row 2; 2 rows");
        }

        @Test
        void aMaskedValueDeepInAConditionTreeReachesTheAuditLogMaskedAndTheReadIsRefused() {
            String secret = "hidden.person@example.com";
            planner.on(
                    "customers named Ada or not " + secret,
                    PlannerOutput.read(
                            "customers",
                            List.of(AnyOf.of(Filter.eq("name", "Ada"), Not.of(Filter.eq("email", secret)))),
                            ScriptedPlanner.TRACE));

            Reply reply = say("customers named Ada or not " + secret);

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.FIELD_NOT_FILTERABLE);
            assertThat(audit.events())
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.toString()).doesNotContain(secret));
            assertThat(audit.events().get(audit.events().size() - 1).filters())
                    .containsExactly(AnyOf.of(Filter.eq("name", "Ada"), Not.of(Filter.eq("email", "***"))));
        }

        @Test
        void aLinkIsAnsweredWithTheParentsLabelAndSaysWhatItUnderstood() {
            executor.insert("orders", Map.of("id", 1L, "company_id", 101L, "customer_id", 2L, "status", "new"));
            executor.insert("orders", Map.of("id", 2L, "company_id", 101L, "customer_id", 9001L, "status", "new"));
            planner.on(
                    "orders of customer 2",
                    PlannerOutput.read(
                            "orders",
                            List.of(Related.of("customer_id", "customers", Filter.eq("name", "customer 2"))),
                            ScriptedPlanner.TRACE));
            planner.on("show orders", PlannerOutput.read("orders", List.of(), ScriptedPlanner.TRACE));

            ReplyPart.Rows linked =
                    say("orders of customer 2").part(ReplyPart.Rows.class).orElseThrow();
            Reply all = say("show orders");

            assertThat(linked.rows().rows()).extracting(row -> row.get("id")).containsExactly(1L);
            assertThat(linked.rows().rows().get(0)).containsEntry("customer_id__label", "Customer 2");
            assertThat(linked.interpretation())
                    .contains("orders where customer is one whose name is customer 2; 1 row");
            List<Map<String, Object>> rows =
                    all.part(ReplyPart.Rows.class).orElseThrow().rows().rows();
            assertThat(rows.get(1)).containsEntry("customer_id", 9001L).containsEntry("customer_id__label", null);
            assertThat(all.toString()).doesNotContain("Other tenant");
        }

        @Test
        void aMaskedValueInsideALinkReachesTheAuditLogMasked() {
            String secret = "hidden.person@example.com";
            planner.on(
                    "orders of " + secret,
                    PlannerOutput.read(
                            "orders",
                            List.of(Related.of("customer_id", "customers", Filter.eq("email", secret))),
                            ScriptedPlanner.TRACE));

            Reply reply = say("orders of " + secret);

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.FIELD_NOT_FILTERABLE);
            assertThat(audit.events())
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.toString()).doesNotContain(secret));
            assertThat(audit.events().get(audit.events().size() - 1).filters())
                    .containsExactly(Related.of("customer_id", "customers", Filter.eq("email", "***")));
        }

        @Test
        void aReadDuringADraftKeepsTheDraft() {
            say("add a product called Widget");

            Reply reply = say("show customers");

            assertThat(reply.stage()).isEqualTo(Stage.COLLECTING);
            assertThat(say("show draft")
                            .part(ReplyPart.Draft.class)
                            .orElseThrow()
                            .values())
                    .containsEntry("name", "Widget");
        }

        @Test
        @Tag("invariant-8")
        void thePlannerNeverSeesRowValues() {
            say("show customers");
            say("add a product called Widget");
            say("W-1");
            say("block customer 2");

            assertThat(planner.requests())
                    .isNotEmpty()
                    .allSatisfy(request -> assertThat(request.toString())
                            .doesNotContain("CANARY-row-value")
                            .doesNotContain("c1@example.com"));
        }

        @Test
        @Tag("invariant-3")
        void aLimitAboveTheCapIsCutToTheCap() {
            planner.on(
                    "show 5000 customers",
                    new PlannerOutput(
                            Intent.READ,
                            Optional.of("customers"),
                            Map.of(),
                            List.of(),
                            List.of(),
                            OptionalInt.of(5000),
                            Optional.empty(),
                            ScriptedPlanner.TRACE));

            say("show 5000 customers");

            assertThat(audit.last().plan())
                    .hasValueSatisfying(
                            plan -> assertThat(((ReadPlan) plan).limit()).hasValue(Limits.HARD_MAX_ROWS));
        }
    }

    @Nested
    @Tag("invariant-6")
    class HiddenNames {

        @Test
        void helpListsOnlyWhatTheCallerMayUseAndNothingHidden() {
            Reply editor = say("What can I see?");
            Reply viewer = engine.handle(ChatRequest.newSession(Users.viewer(), "help"));

            assertThat(editor.text())
                    .contains("customers (read, add, change)")
                    .contains("order_totals (read)")
                    .doesNotContain("users_auth")
                    .doesNotContain("api_tokens");
            assertThat(viewer.text()).contains("customers (read)").doesNotContain("add");
            assertThat(planner.calls()).isZero();
        }

        @Test
        void aHiddenTableIsRefusedExactlyLikeAnUnknownOne() {
            planner.on("show users_auth", PlannerOutput.read("users_auth", List.of(), ScriptedPlanner.TRACE))
                    .on("show no_such_tbl", PlannerOutput.read("no_such_tbl", List.of(), ScriptedPlanner.TRACE));

            Refusal hidden = say("show users_auth").refusal().orElseThrow();
            Refusal unknown = say("show no_such_tbl").refusal().orElseThrow();

            assertThat(hidden.code()).isEqualTo(unknown.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
            assertThat(hidden.message().replace("users_auth", "X"))
                    .isEqualTo(unknown.message().replace("no_such_tbl", "X"));
        }

        @Test
        void aHiddenColumnIsRefusedExactlyLikeAnUnknownOne() {
            planner.on(
                            "find by hash",
                            PlannerOutput.read(
                                    "customers", List.of(Filter.eq("password_hash", "x")), ScriptedPlanner.TRACE))
                    .on(
                            "find by shoe size",
                            PlannerOutput.read(
                                    "customers", List.of(Filter.eq("shoe_sizes", "x")), ScriptedPlanner.TRACE));

            Refusal hidden = say("find by hash").refusal().orElseThrow();
            Refusal unknown = say("find by shoe size").refusal().orElseThrow();

            assertThat(hidden.code()).isEqualTo(unknown.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
            assertThat(hidden.message().replace("password_hash", "X"))
                    .isEqualTo(unknown.message().replace("shoe_sizes", "X"));
        }

        @Test
        void writesToAHiddenTableAreRefusedLikeUnknownOnes() {
            planner.on("add token", PlannerOutput.create("api_tokens", Map.of("token", "t"), ScriptedPlanner.TRACE));

            assertThat(say("add token").refusal()).map(Refusal::code).contains(RefusalCode.UNKNOWN_ENTITY);
        }
    }

    @Nested
    class Safety {

        @Test
        @Tag("invariant-1")
        void aDeleteRequestIsRefusedByCodeAndNothingRuns() {
            planner.on(
                    "delete customer 2",
                    PlannerOutput.refused(
                            Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, "Deleting is not possible here."),
                            ScriptedPlanner.TRACE));

            Reply reply = say("delete customer 2");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.DELETE_NOT_ALLOWED);
            assertThat(executor.rows("customers")).hasSize(4);
        }

        @Test
        @Tag("invariant-10")
        void readOnlyModeRefusesPreviewsAndConfirmsButNotReads() {
            previewOfNewProduct();
            readOnly.set(true);

            Reply confirm = say("confirm");
            Reply update = say("block customer 2");
            Reply read = say("show customers");

            assertThat(confirm.refusal()).map(Refusal::code).contains(RefusalCode.READ_ONLY_MODE);
            assertThat(update.refusal()).map(Refusal::code).contains(RefusalCode.READ_ONLY_MODE);
            assertThat(read.part(ReplyPart.Rows.class)).isPresent();
            assertThat(executor.executeCalls()).isZero();
        }

        @Test
        void anotherUsersSessionAnswersLikeAMissingOne() {
            say("add a product called Widget");

            Reply reply = say(Users.otherTenantEditor(), "show draft");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.SESSION_NOT_FOUND);
            assertThat(reply.parts()).noneMatch(p -> p instanceof ReplyPart.Draft);
        }

        @Test
        void aConversationIdThatCannotNameOneIsRefusedBeforeTheStoreAndThePlanner() {
            for (String id : List.of("", "a".repeat(129), "../s_1", "s 1", "s_1\n", "s_é", "s_1;drop")) {
                Reply reply = engine.handle(ChatRequest.of(id, Users.editor(), "show customers"));

                assertThat(reply.refusal()).as(id).map(Refusal::code).contains(RefusalCode.SESSION_NOT_FOUND);
                assertThat(reply.refusal().orElseThrow().message()).contains("start a new conversation");
            }
            for (String id : List.of("a".repeat(128), "s_0aF9", "tenant.a:b-c_d")) {
                Reply reply = engine.handle(ChatRequest.of(id, Users.editor(), "show customers"));

                assertThat(reply.refusal()).as(id).isEmpty();
            }
            assertThat(planner.calls())
                    .as("one plan for each id that can name a conversation")
                    .isEqualTo(3);
        }

        @Test
        void aMessageOverTheLengthLimitIsRefusedBeforeThePlanner() {
            String longMessage = "a".repeat(Limits.defaults().maxMessageChars() + 1);

            Reply reply = say(longMessage);

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.MESSAGE_TOO_LONG);
            assertThat(planner.calls()).isZero();
            assertThat(audit.last().message().length()).isLessThan(longMessage.length() + 100);
        }

        @Test
        void aMessageAtTheLengthLimitCountedInCodePointsIsAccepted() {
            String emoji = "\uD83D\uDE00";
            String atLimit = "a".repeat(Limits.defaults().maxMessageChars() - 1) + emoji;

            assertThat(say(atLimit).refusal().map(Refusal::code))
                    .isNotEqualTo(Optional.of(RefusalCode.MESSAGE_TOO_LONG));
            assertThat(say(atLimit + "a").refusal()).map(Refusal::code).contains(RefusalCode.MESSAGE_TOO_LONG);
        }

        @Test
        void databaseDownMidConversationKeepsTheDraftAndContinuesOnceBack() {
            say("add a product called Widget");
            say("W-1");
            executor.setDown(true);

            Reply down = say("12.50");

            assertThat(down.part(ReplyPart.Error.class).orElseThrow().code()).isEqualTo("database_unavailable");
            assertThat(down.text()).doesNotContain("Exception").doesNotContain("jdbc");
            executor.setDown(false);
            assertThat(say("12.50").stage()).isEqualTo(Stage.PREVIEW);
            assertThat(say("confirm").part(ReplyPart.Committed.class)).isPresent();
        }
    }

    @Nested
    @Tag("invariant-9")
    class Auditing {

        @Test
        void everyTurnIsAuditedExactlyOnce() {
            say("show customers");
            say("add a product called Widget");
            say("W-1");
            say("12.50");
            say("show draft");
            say("confirm");
            say("gibberish that nobody understands");
            say("block every customer");

            // a confirmed write is one turn recorded twice: pending (by the gate), then its resolution
            assertThat(audit.events().stream().filter(e -> e.outcome() != AuditEvent.Outcome.PENDING))
                    .hasSize(turns);
            assertThat(audit.events())
                    .filteredOn(e -> e.outcome() == AuditEvent.Outcome.PENDING)
                    .hasSize(1);
            assertThat(audit.events())
                    .extracting(AuditEvent::action)
                    .contains(
                            AuditEvent.Action.READ,
                            AuditEvent.Action.COLLECT,
                            AuditEvent.Action.PREVIEW,
                            AuditEvent.Action.COMMIT);
        }

        @Test
        void theCommitIsAuditedWithItsRowCount() {
            previewOfNewProduct();
            say("confirm");

            AuditEvent event = audit.last();
            assertThat(event.action()).isEqualTo(AuditEvent.Action.COMMIT);
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.OK);
            assertThat(event.rowCount()).isEqualTo(1);
            assertThat(event.plan()).isPresent();
        }

        @Test
        void anAuditFailureOnAWriteTurnRefusesTheWriteAndKeepsThePreview() {
            previewOfNewProduct();
            audit.setDown(true);

            Reply refused = say("confirm");

            assertThat(refused.refusal()).map(Refusal::code).contains(RefusalCode.AUDIT_UNAVAILABLE);
            assertThat(executor.rows("products")).isEmpty();
            audit.setDown(false);
            assertThat(say("confirm").part(ReplyPart.Committed.class)).isPresent();
            assertThat(executor.rows("products")).hasSize(1);
        }

        @Test
        void theGatesEntryIsPendingAndTheCommitResolvesIt() {
            previewOfNewProduct();
            say("confirm");

            List<AuditEvent> events = audit.events();
            AuditEvent gate = events.get(events.size() - 2);
            AuditEvent resolution = events.get(events.size() - 1);
            assertThat(gate.outcome()).isEqualTo(AuditEvent.Outcome.PENDING);
            assertThat(resolution.outcome()).isEqualTo(AuditEvent.Outcome.OK);
            assertThat(List.of(gate.action(), resolution.action())).containsOnly(AuditEvent.Action.COMMIT);
            assertThat(resolution.timestamp()).isEqualTo(gate.timestamp());
            assertThat(resolution.sessionId()).isEqualTo(gate.sessionId());
        }

        @Test
        void aLostGateAcknowledgementNeverLeavesACommitOkForTheRolledBackWrite() {
            previewOfNewProduct();
            audit.loseNextAcknowledgement(false);

            Reply refused = say("confirm");

            assertThat(refused.refusal()).map(Refusal::code).contains(RefusalCode.AUDIT_UNAVAILABLE);
            assertThat(executor.rows("products")).isEmpty();
            assertThat(audit.events()
                            .subList(audit.events().size() - 2, audit.events().size()))
                    .extracting(AuditEvent::outcome)
                    .containsExactly(AuditEvent.Outcome.PENDING, AuditEvent.Outcome.REFUSED);
            assertThat(audit.last().refusalCode()).contains(RefusalCode.AUDIT_UNAVAILABLE);
            assertThat(audit.events())
                    .noneMatch(e -> e.outcome() == AuditEvent.Outcome.OK && e.action() == AuditEvent.Action.COMMIT);
            // the retry writes once and is recorded as committed once
            assertThat(say("confirm").part(ReplyPart.Committed.class)).isPresent();
            assertThat(executor.rows("products")).hasSize(1);
            assertThat(audit.events())
                    .filteredOn(e -> e.outcome() == AuditEvent.Outcome.OK && e.action() == AuditEvent.Action.COMMIT)
                    .hasSize(1);
        }

        @Test
        void aLostGateAcknowledgementWithTheStoreThenDownLeavesThePendingEntryUnresolved() {
            previewOfNewProduct();
            audit.loseNextAcknowledgement(true);

            Reply refused = say("confirm");

            assertThat(refused.refusal()).map(Refusal::code).contains(RefusalCode.AUDIT_UNAVAILABLE);
            assertThat(executor.rows("products")).isEmpty();
            assertThat(audit.last().outcome()).isEqualTo(AuditEvent.Outcome.PENDING);
            assertThat(audit.events())
                    .noneMatch(e -> e.outcome() == AuditEvent.Outcome.OK && e.action() == AuditEvent.Action.COMMIT);
        }

        @Test
        void anAuditFailureRefusesReadsByDefault() {
            audit.setDown(true);

            Reply reply = say("show customers");

            assertThat(reply.refusal()).map(Refusal::code).contains(RefusalCode.AUDIT_UNAVAILABLE);
            assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
        }

        @Test
        void anAuthenticationFailureIsAuditedWithoutCredentials() {
            engine.authenticationFailed(new AuthFailure("jwt", "token_expired", "POST /chat", Optional.of("u-1001")));

            AuditEvent event = audit.last();
            assertThat(event.action()).isEqualTo(AuditEvent.Action.AUTH_FAILED);
            assertThat(event.refusalCode()).contains(RefusalCode.AUTHENTICATION_FAILED);
            assertThat(event.user().userId()).isEqualTo("anonymous");
            assertThat(event.user().attributes()).containsEntry("claimed_user_id", "u-1001");
            assertThat(event.message()).contains("token_expired");
        }

        @Test
        void anAuthenticationFailureWithTheStoreDownDoesNotThrow() {
            audit.setDown(true);

            engine.authenticationFailed(new AuthFailure("dev", "malformed_context", "POST /chat", Optional.empty()));

            assertThat(audit.events()).isEmpty();
        }

        @Test
        void refusedAndFailedTurnsAreAuditedToo() {
            say("block every customer");
            executor.setDown(true);
            say("show customers");

            assertThat(audit.events())
                    .extracting(AuditEvent::outcome)
                    .containsExactly(AuditEvent.Outcome.REFUSED, AuditEvent.Outcome.ERROR);
            assertThat(audit.last().errorStack()).isPresent();
        }
    }

    @Nested
    @Tag("invariant-11")
    class UnknownCommitOutcome {

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void saysTheOutcomeIsUnknownWithTheFindingAndNeverOffersThePreviewAgain(boolean applied) {
            say("block customer 2");
            executor.loseNextCommitAnswer(applied);

            Reply unknown = say("confirm");

            assertThat(unknown.refusal()).map(Refusal::code).contains(RefusalCode.OUTCOME_UNKNOWN);
            assertThat(unknown.part(ReplyPart.Committed.class)).isEmpty();
            assertThat(unknown.text())
                    .contains("not known whether it was saved")
                    .contains(applied ? "found it applied" : "found it not applied")
                    .doesNotContain("Nothing was changed");
            assertThat(unknown.stage()).isEqualTo(Stage.IDLE);
            AuditEvent resolution = audit.last();
            assertThat(resolution.outcome()).isEqualTo(AuditEvent.Outcome.UNKNOWN);
            assertThat(resolution.refusalCode()).contains(RefusalCode.OUTCOME_UNKNOWN);
            assertThat(resolution.errorMessage())
                    .hasValueSatisfying(m -> assertThat(m)
                            .contains(applied ? "follow-up check: applied" : "follow-up check: not_applied"));
            assertThat(audit.events().get(audit.events().size() - 2).outcome()).isEqualTo(AuditEvent.Outcome.PENDING);
            assertThat(audit.events())
                    .noneMatch(e -> e.outcome() == AuditEvent.Outcome.OK && e.action() == AuditEvent.Action.COMMIT);

            Reply again = say("confirm");

            assertThat(again.part(ReplyPart.Committed.class)).isEmpty();
            assertThat(again.refusal()).isPresent();
            assertThat(executor.executeCalls()).isEqualTo(1);
            assertThat(executor.commits()).isEqualTo(applied ? 1 : 0);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void concurrentTurnsOnOneSessionNeverCorruptItsState() throws Exception {
            say("add a product called Widget");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String sku = "S-" + i;
                    replies.add(pool.submit(() -> {
                        start.await();
                        return engine.handle(ChatRequest.of(SESSION, Users.editor(), "change sku to " + sku));
                    }));
                }
                start.countDown();
                for (Future<Reply> reply : replies) {
                    Reply r = reply.get(10, TimeUnit.SECONDS);
                    assertThat(r.refusal().map(Refusal::code).orElse(RefusalCode.BUSY))
                            .isEqualTo(RefusalCode.BUSY);
                }
            } finally {
                pool.shutdownNow();
            }
            Reply draft = say("show draft");
            assertThat(draft.stage()).isEqualTo(Stage.COLLECTING);
            assertThat((String) draft.part(ReplyPart.Draft.class)
                            .orElseThrow()
                            .values()
                            .get("sku"))
                    .startsWith("S-");
            assertThat(draft.part(ReplyPart.Draft.class).orElseThrow().values()).containsEntry("name", "Widget");
        }
    }

    @Test
    void anUnknownOperatorCannotEvenBeRepresented() {
        assertThat(Op.fromSymbol("ilike")).isEmpty();
        assertThat(Op.fromSymbol("= 1 OR 1=1 --")).isEmpty();
    }
}
