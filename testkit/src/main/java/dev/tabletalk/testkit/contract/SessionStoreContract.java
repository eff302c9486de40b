package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.LastRead;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do. Extend it and supply a fresh, empty store. */
public abstract class SessionStoreContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private SessionStore store;

    /** A new, empty store. */
    protected abstract SessionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void unknownSessionIsEmpty() {
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void firstSaveNeedsVersionZeroAndReturnsVersionOne() {
        SaveOutcome outcome = store.save(state("s1"), 0);

        assertThat(outcome).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(((SaveOutcome.Saved) outcome).state().version()).isEqualTo(1);
        assertThat(store.find("s1")).map(ConversationState::version).contains(1L);
    }

    @Test
    void aClarifyingQuestionAndItsDraftAreFoundAsSaved() {
        // #13: the question and the plans of its choices must survive the store (a reload, another server)
        Question question = new Question(
                "'Paris': city or country?",
                List.of(
                        new Question.Choice(
                                "city",
                                "customers.city = Paris",
                                ReadPlan.of("customers", List.of(Filter.eq("city", "Paris")))),
                        new Question.Choice(
                                "blocked",
                                "block customer 5",
                                new UpdatePlan(
                                        "customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L))))));
        ConversationState asking = state("s1")
                .collecting(Draft.start(Intent.CREATE, "products").withValue("name", "Widget"), NOW)
                .clarifying(question, NOW);

        store.save(asking, 0);
        Optional<ConversationState> found = store.find("s1");

        assertThat(found).map(ConversationState::stage).contains(Stage.CLARIFYING);
        assertThat(found.flatMap(ConversationState::question)).contains(question);
        assertThat(found.flatMap(ConversationState::draft)).isEqualTo(asking.draft());
        assertThat(found.map(ConversationState::withoutQuestion).map(ConversationState::stage))
                .contains(Stage.COLLECTING);
    }

    @Test
    void theLastReadAndItsPositionAreFoundAsSavedBesideADraft() {
        // #13: "show more" after a reload, or on another server, continues where the page shown ended
        ReadPlan plan = new ReadPlan(
                "customers",
                List.of("id", "notes"),
                List.of(Filter.eq("status", "active")),
                List.of(Sort.descending("notes")),
                OptionalInt.of(40));
        LastRead last = new LastRead(
                plan, 2, 40, 40, Optional.of(new Keyset(List.of("notes", "id"), Arrays.asList(null, 80L))), true);
        ConversationState reading = state("s1")
                .collecting(Draft.start(Intent.CREATE, "products"), NOW)
                .withLastRead(last);

        store.save(reading, 0);
        Optional<ConversationState> found = store.find("s1");

        assertThat(found.flatMap(ConversationState::lastRead)).contains(last);
        assertThat(found.map(ConversationState::stage)).contains(Stage.COLLECTING);
        assertThat(found.map(ConversationState::withoutLastRead).flatMap(ConversationState::lastRead))
                .isEmpty();
    }

    @Test
    void thePreviewAConfirmTookIsFoundAsSavedUntilTheConversationMovesOn() {
        // a confirm sent again on another server, or after a restart, is told what became of it
        UpdatePlan plan = new UpdatePlan("customers", Map.of("status", "blocked"), List.of(Filter.eq("id", 5L)));
        ConfirmedPreview taken = new ConfirmedPreview(
                "p_1", new PreviewSnapshot(plan, List.of(RowKey.of("id", 5L)), "a".repeat(64)), NOW.plusSeconds(2));
        store.save(state("s1").withConfirmed(taken), 0);

        Optional<ConversationState> found = store.find("s1");
        store.save(found.orElseThrow().collecting(Draft.start(Intent.CREATE, "products"), NOW), 1);

        assertThat(found.flatMap(ConversationState::confirmed)).contains(taken);
        assertThat(found.map(ConversationState::stage)).contains(Stage.IDLE);
        assertThat(store.find("s1").flatMap(ConversationState::confirmed)).isEmpty();
    }

    @Test
    void saveWithStaleVersionIsAConflictAndChangesNothing() {
        store.save(state("s1"), 0);
        store.save(state("s1").withVersion(1), 1);

        SaveOutcome stale = store.save(state("s1"), 1);

        assertThat(stale).isInstanceOf(SaveOutcome.VersionConflict.class);
        assertThat(((SaveOutcome.VersionConflict) stale).current())
                .map(ConversationState::version)
                .contains(2L);
        assertThat(store.find("s1")).map(ConversationState::version).contains(2L);
    }

    @Test
    void creatingAnExistingSessionAgainIsAConflict() {
        store.save(state("s1"), 0);

        assertThat(store.save(state("s1"), 0)).isInstanceOf(SaveOutcome.VersionConflict.class);
    }

    @Test
    void concurrentSavesFromOneVersionLetExactlyOneWin() throws Exception {
        store.save(state("race"), 0);
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SaveOutcome>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.save(state("race").withVersion(1), 1);
                }));
            }
            start.countDown();
            int saved = 0;
            for (Future<SaveOutcome> result : results) {
                if (result.get(10, TimeUnit.SECONDS) instanceof SaveOutcome.Saved) {
                    saved++;
                }
            }
            assertThat(saved).isEqualTo(1);
            assertThat(store.find("race")).map(ConversationState::version).contains(2L);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ConversationState state(String id) {
        return ConversationState.start(id, "u-1", Optional.of("101"), NOW);
    }
}
