package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.testkit.contract.SessionStoreContract;
import dev.tabletalk.testkit.db.CountingDriver;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JDBC session store on one kind of database: the port's contract, then what a store shared by several servers
 * adds (two stores on one database, expiry on a clock, unreadable rows, an unreachable store).
 */
abstract class AbstractJdbcSessionStoreIT extends SessionStoreContract {

    private final List<JdbcSessionStore> opened = new ArrayList<>();
    private final FixedClock clock = FixedClock.at("2026-01-01T00:00:00Z");
    TestStore database;

    /** A fresh, empty database for the store. */
    abstract TestStore newDatabase();

    @Override
    protected SessionStore newStore() {
        database = newDatabase();
        return open(database.config());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcSessionStore::close);
        database.close();
    }

    /** A store whose marks of use are written when a test says so ({@link JdbcSessionStore#writeMarks}). */
    JdbcSessionStore open(SessionStoreConfig config) {
        JdbcSessionStore store = JdbcSessionStore.open(config, clock, Duration.ofHours(1));
        opened.add(store);
        return store;
    }

    /** The same store as {@code config}, through the {@link CountingDriver}. */
    private static SessionStoreConfig counting(SessionStoreConfig config) {
        return atUrl(config, CountingDriver.counting(config.url()));
    }

    /** {@code config} at another URL of the same store. */
    static SessionStoreConfig atUrl(SessionStoreConfig config, String url) {
        return new SessionStoreConfig(
                url,
                config.user(),
                config.password(),
                config.maxPoolSize(),
                config.connectionTimeout(),
                config.statementTimeout(),
                config.idleTtl(),
                config.maxSessionsPerUser());
    }

    /** A second server's store on the same database. */
    private JdbcSessionStore secondServer() {
        return open(database.config());
    }

    @Test
    void aSessionSavedByOneServerIsContinuedByAnother() {
        JdbcSessionStore a = open(database.config());
        JdbcSessionStore b = secondServer();
        ConversationState drafting = start("s-1", "u-1")
                .collecting(
                        Draft.start(Intent.CREATE, "orders").withValue("due", LocalDate.parse("2026-02-01")),
                        clock.now());

        a.save(drafting, 0);
        ConversationState onB = b.find("s-1").orElseThrow();
        SaveOutcome previewedOnB =
                b.save(onB.previewing(onB.draft().orElseThrow(), preview(), clock.now()), onB.version());

        assertThat(previewedOnB).isInstanceOf(SaveOutcome.Saved.class);
        ConversationState onA = a.find("s-1").orElseThrow();
        assertThat(onA.pending())
                .isEqualTo(((SaveOutcome.Saved) previewedOnB).state().pending());
        assertThat(onA.draft().orElseThrow().values()).containsEntry("due", LocalDate.parse("2026-02-01"));
    }

    /** Loses the connection of the next {@code times} saves (an update, or the insert of a new session). */
    private void loseTheConnectionOfSaves(int times, boolean afterRunning) {
        assumeTrue(database.canLoseConnections(), "an embedded store has no connection to lose");
        CountingDriver.loseConnections(
                sql -> sql.startsWith("UPDATE " + SessionSchema.TABLE + " SET version")
                        || sql.startsWith("INSERT INTO " + SessionSchema.TABLE)
                        || sql.startsWith("WITH saved AS (INSERT INTO " + SessionSchema.TABLE),
                times,
                afterRunning,
                database::endConnection);
    }

    @AfterEach
    void disarmLostConnections() {
        CountingDriver.loseConnections(sql -> false, 0, false, victim -> {});
    }

    /**
     * A confirm claims its preview by a save; the store stored it, then the connection was lost before the answer
     * came. The store makes the save again on another connection, finds its own save id at the version and reports
     * it saved: never a conflict with itself (which would tell the person it was confirmed elsewhere), and the claim
     * is still made once, as a second server's claim from the same version shows.
     */
    @Test
    @Tag("invariant-4")
    void aClaimStoredBeforeItsConnectionWasLostIsReportedSavedAndMadeOnce() {
        JdbcSessionStore a = open(counting(database.config()));
        JdbcSessionStore b = secondServer();
        a.save(start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now()), 0);
        ConversationState readByA = a.find("s-1").orElseThrow();
        ConversationState readByB = b.find("s-1").orElseThrow();
        loseTheConnectionOfSaves(1, true);

        SaveOutcome claim = a.save(readByA.idle(clock.now()), readByA.version());

        assertThat(claim).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(b.save(readByB.idle(clock.now()), readByB.version()))
                .as("the preview was claimed once")
                .isInstanceOf(SaveOutcome.VersionConflict.class);
        assertThat(b.find("s-1").orElseThrow())
                .satisfies(s -> assertThat(s.version()).isEqualTo(readByA.version() + 1))
                .satisfies(s -> assertThat(s.pending()).isEmpty());
    }

    @Test
    void aNewSessionStoredBeforeItsConnectionWasLostIsReportedSavedOnce() {
        JdbcSessionStore a = open(counting(database.config()));
        loseTheConnectionOfSaves(1, true);

        SaveOutcome created = a.save(start("s-1", "u-1"), 0);

        assertThat(created).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(a.find("s-1").orElseThrow().version()).isEqualTo(1);
        assertThat(secondServer().save(start("s-1", "u-1"), 0)).isInstanceOf(SaveOutcome.VersionConflict.class);
    }

    @Test
    void aSaveWhoseConnectionWasLostBeforeItRanIsMadeOnAnother() {
        JdbcSessionStore a = open(counting(database.config()));
        a.save(start("s-1", "u-1"), 0);
        ConversationState found = a.find("s-1").orElseThrow();
        loseTheConnectionOfSaves(1, false);

        SaveOutcome saved = a.save(found.collecting(Draft.start(Intent.CREATE, "orders"), clock.now()), 1);

        assertThat(saved).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(secondServer().find("s-1").orElseThrow())
                .satisfies(s -> assertThat(s.version()).isEqualTo(2))
                .satisfies(s -> assertThat(s.draft()).isPresent());
    }

    /**
     * Every attempt loses its answer: the save may have been stored, and the store says so (outcome unknown), which
     * the engine turns into a reply that never claims nothing changed.
     */
    @Test
    @Tag("invariant-11")
    void aSaveThatLosesTheAnswerOfEveryAttemptFailsWithItsOutcomeUnknown() {
        JdbcSessionStore a = open(counting(database.config()));
        a.save(start("s-1", "u-1"), 0);
        ConversationState found = a.find("s-1").orElseThrow();
        loseTheConnectionOfSaves(Integer.MAX_VALUE, true);

        assertThatThrownBy(() -> a.save(found.idle(clock.now()), 1))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.isOutcomeUnknown()).isTrue());
        disarmLostConnections();
        assertThat(secondServer().find("s-1").orElseThrow().version())
                .as("it was stored, by the first attempt")
                .isEqualTo(2);
    }

    @Test
    void twoServersConfirmingOnePreviewAtOnceLetExactlyOneClaimIt() throws Exception {
        JdbcSessionStore a = open(database.config());
        JdbcSessionStore b = secondServer();
        ConversationState previewing =
                start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now());
        a.save(previewing, 0);
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                ConversationState readByA = a.find("s-1").orElseThrow();
                ConversationState readByB = b.find("s-1").orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                // a confirm claims the preview by saving the session without it, from the version it read
                Future<SaveOutcome> claimOnA = pool.submit(() -> {
                    go.await();
                    return a.save(readByA.idle(clock.now()), readByA.version());
                });
                Future<SaveOutcome> claimOnB = pool.submit(() -> {
                    go.await();
                    return b.save(readByB.idle(clock.now()), readByB.version());
                });
                go.countDown();
                List<SaveOutcome> outcomes =
                        List.of(claimOnA.get(10, TimeUnit.SECONDS), claimOnB.get(10, TimeUnit.SECONDS));

                assertThat(outcomes)
                        .filteredOn(SaveOutcome.Saved.class::isInstance)
                        .hasSize(1);
                assertThat(outcomes)
                        .filteredOn(SaveOutcome.VersionConflict.class::isInstance)
                        .hasSize(1);
                ConversationState claimed = a.find("s-1").orElseThrow();
                a.save(
                        claimed.previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now()),
                        claimed.version());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionIdleForItsTimeToLiveIsGoneOnEveryServer() {
        JdbcSessionStore a = open(database.config().withSessionLimits(Duration.ofMinutes(2), 20));
        JdbcSessionStore b = open(database.config().withSessionLimits(Duration.ofMinutes(2), 20));
        a.save(start("s-1", "u-1"), 0);
        a.save(start("s-2", "u-1"), 0);

        clock.advance(Duration.ofSeconds(90));
        assertThat(b.find("s-1")).isPresent(); // a use: its two minutes start again
        clock.advance(Duration.ofSeconds(60));

        assertThat(b.find("s-2")).isEmpty();
        assertThat(a.find("s-1")).isPresent();
        assertThat(a.save(start("s-2", "u-1"), 0)).isInstanceOf(SaveOutcome.Saved.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(b.evictExpired()).isEqualTo(2);
    }

    @Test
    void findsInQuickSuccessionReadTheRowWithoutWritingIt() throws Exception {
        JdbcSessionStore store = open(counting(database.config()));
        store.save(start("s-1", "u-1"), 0);
        long saved = touchedAt("s-1");
        CountingDriver.takeStatements();

        clock.advance(Duration.ofMillis(300));
        ConversationState first = store.find("s-1").orElseThrow();
        clock.advance(Duration.ofMillis(300));
        store.find("s-1").orElseThrow();

        // one read each, and no write
        assertThat(CountingDriver.takeStatements()).hasSize(2);
        assertThat(touchedAt("s-1")).isEqualTo(saved);
        // a turn: its find reads, its save writes the row once
        clock.advance(Duration.ofMillis(300));
        ConversationState turn = store.find("s-1").orElseThrow();
        assertThat(store.save(turn.idle(clock.now()), first.version())).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(CountingDriver.takeStatements()).hasSize(2).endsWith("UPDATE");
    }

    /**
     * The statements of a turn on a session last used longer ago than the touch lag (but less than half its idle
     * time): a read, and a save that marks it used.
     */
    List<String> statementsOfAStaleTurn() {
        return List.of("SELECT", "UPDATE");
    }

    /**
     * The statements of a new conversation's first turn: a read that finds nothing, the insert (after dropping an
     * idle-expired session of the id), the owner's sessions for the cap.
     */
    List<String> statementsOfANewConversation() {
        return List.of("SELECT", "DELETE", "INSERT", "SELECT");
    }

    @Test
    void aTurnOnASessionUsedLongAgoAndANewConversationRunTheFewestStatements() throws Exception {
        JdbcSessionStore store = open(counting(database.config()));
        store.find("s-0"); // the first use sweeps idle sessions (then again after a minute)
        CountingDriver.takeStatements();
        ConversationState begun = store.find("s-1").orElse(start("s-1", "u-1"));
        assertThat(store.save(begun, 0)).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(CountingDriver.takeStatements()).isEqualTo(statementsOfANewConversation());

        long firstUse = touchedAt("s-1");
        clock.advance(Duration.ofSeconds(45)); // past the touch lag (30 s), before the next sweep (1 min)
        ConversationState turn = store.find("s-1").orElseThrow();
        assertThat(touchedAt("s-1")).as("the read leaves the mark to the save").isEqualTo(firstUse);
        clock.advance(Duration.ofMillis(10));
        assertThat(store.save(turn.idle(clock.now()), turn.version())).isInstanceOf(SaveOutcome.Saved.class);

        assertThat(CountingDriver.takeStatements()).isEqualTo(statementsOfAStaleTurn());
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());
    }

    @Test
    void aSessionFoundAfterMoreThanHalfItsIdleTimeIsMarkedUsedByTheRead() throws Exception {
        JdbcSessionStore store = open(database.config());
        ConversationState saved = ((SaveOutcome.Saved) store.save(start("s-1", "u-1"), 0)).state();
        clock.advance(Duration.ofMinutes(14)); // the default idle time is 30 minutes
        store.find("s-1").orElseThrow();
        assertThat(touchedAt("s-1"))
                .isEqualTo(clock.now().toEpochMilli() - Duration.ofMinutes(14).toMillis());

        clock.advance(Duration.ofMinutes(2));
        assertThat(store.find("s-1")).isPresent();

        // a turn begun now keeps its session even when it ends after the session would have expired
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());
        clock.advance(Duration.ofMinutes(15));
        assertThat(store.save(saved.idle(clock.now()), 1)).isInstanceOf(SaveOutcome.Saved.class);
    }

    @Test
    void aSessionUsedOftenByTurnsThatSaveNothingNeverExpires() throws Exception {
        JdbcSessionStore a = open(counting(database.config().withSessionLimits(Duration.ofMinutes(1), 20)));
        JdbcSessionStore b = open(database.config().withSessionLimits(Duration.ofMinutes(1), 20));
        a.save(start("s-1", "u-1"), 0);

        // three idle times-to-live of turns 3.5 s apart (the touch lag is 3 s), on either server, and no save
        for (int turn = 0; turn < 52; turn++) {
            clock.advance(Duration.ofMillis(3500));
            JdbcSessionStore server = turn % 2 == 0 ? a : b;
            server.markUsed(server.find("s-1").orElseThrow(() -> new AssertionError("gone before its idle time")));
            server.writeMarks();
        }
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());
        CountingDriver.takeStatements();
        clock.advance(Duration.ofMillis(300));
        a.markUsed(a.find("s-1").orElseThrow());
        a.writeMarks();
        // within the lag: not marked again, and not even asked to be (a sweep of idle sessions may come first)
        assertThat(CountingDriver.takeStatements()).endsWith("SELECT").doesNotContain("UPDATE");
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli() - 300);

        clock.advance(Duration.ofMinutes(1));
        assertThat(b.find("s-1")).isEmpty();
    }

    @Test
    void aTurnThatSavesNothingSendsOneReadUntilTheMarkItReadIsOlderThanTheLag() throws Exception {
        JdbcSessionStore store = open(counting(database.config()));
        store.find("s-0"); // the first use sweeps idle sessions (then again after a minute)
        store.save(start("s-1", "u-1"), 0);
        long saved = touchedAt("s-1");
        CountingDriver.takeStatements();

        clock.advance(Duration.ofSeconds(29)); // within the touch lag (30 s)
        store.markUsed(store.find("s-1").orElseThrow());
        store.writeMarks();
        assertThat(CountingDriver.takeStatements()).containsExactly("SELECT");
        assertThat(touchedAt("s-1")).isEqualTo(saved);

        clock.advance(Duration.ofSeconds(2)); // the mark is 31 s old
        store.markUsed(store.find("s-1").orElseThrow());
        // the turn itself only reads: its mark goes with the next batch of marks
        assertThat(CountingDriver.takeStatements()).containsExactly("SELECT");
        assertThat(touchedAt("s-1")).isEqualTo(saved);
        store.writeMarks();
        assertThat(CountingDriver.takeStatements()).containsExactly("UPDATE");
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());

        // a mark with no find of this store before it (the find was another server's) asks the store
        ConversationState other = ((SaveOutcome.Saved) store.save(start("s-2", "u-1"), 0)).state();
        CountingDriver.takeStatements();
        store.markUsed(other);
        store.writeMarks();
        assertThat(CountingDriver.takeStatements()).containsExactly("UPDATE");
    }

    /**
     * The marks of many turns that saved nothing are written together, by the store's own thread, in one transaction
     * (one commit), within a moment of their turns; closing the store writes those still waiting.
     */
    @Test
    void theMarksOfTurnsThatSavedNothingAreWrittenTogetherSoonAfterwards() throws Exception {
        JdbcSessionStore store = JdbcSessionStore.open(counting(database.config()), clock, Duration.ofMillis(200));
        opened.add(store);
        store.find("s-0");
        List<ConversationState> found = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            store.save(start("s-" + i, "u-" + i), 0);
        }
        clock.advance(Duration.ofSeconds(31)); // past the touch lag
        for (int i = 1; i <= 20; i++) {
            found.add(store.find("s-" + i).orElseThrow());
        }
        CountingDriver.takeStatements();
        long roundTrips = CountingDriver.roundTrips();

        found.forEach(store::markUsed);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (touchedAt("s-20") != clock.now().toEpochMilli() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        for (int i = 1; i <= 20; i++) {
            assertThat(touchedAt("s-" + i)).isEqualTo(clock.now().toEpochMilli());
        }
        // one batch and one commit (two, when the writer's moment fell among the marks), not twenty of each
        assertThat(CountingDriver.takeStatements()).containsOnly("UPDATE").hasSizeLessThanOrEqualTo(2);
        assertThat(CountingDriver.roundTrips() - roundTrips).isLessThanOrEqualTo(4);

        clock.advance(Duration.ofSeconds(31));
        ConversationState last = store.find("s-1").orElseThrow();
        JdbcSessionStore slow = JdbcSessionStore.open(database.config(), clock, Duration.ofHours(1));
        slow.markUsed(last);
        slow.close();
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());
    }

    @Test
    void markingASessionOfAnotherVersionUsedChangesNothing() throws Exception {
        JdbcSessionStore store = open(database.config());
        ConversationState first = ((SaveOutcome.Saved) store.save(start("s-1", "u-1"), 0)).state();
        clock.advance(Duration.ofSeconds(10));
        store.save(first.idle(clock.now()), 1);
        long saved = touchedAt("s-1");
        clock.advance(Duration.ofSeconds(10));

        store.markUsed(first);

        assertThat(touchedAt("s-1")).isEqualTo(saved);
    }

    @Test
    void savesInQuickSuccessionLeaveTheIndexedLastUseAlone() throws Exception {
        JdbcSessionStore store = open(database.config());
        store.save(start("s-1", "u-1"), 0);
        long saved = touchedAt("s-1");

        // three turns 300 ms apart, within the touch lag (30 s): each saves a new version, none moves the last use
        for (int turn = 0; turn < 3; turn++) {
            clock.advance(Duration.ofMillis(300));
            ConversationState found = store.find("s-1").orElseThrow();
            assertThat(store.save(found.idle(clock.now()), found.version())).isInstanceOf(SaveOutcome.Saved.class);
        }

        assertThat(store.find("s-1").orElseThrow().version()).isEqualTo(4);
        assertThat(touchedAt("s-1")).isEqualTo(saved);
        clock.advance(Duration.ofSeconds(30)); // a save once the lag has passed marks it used
        ConversationState found = store.find("s-1").orElseThrow();
        clock.advance(Duration.ofMillis(1));
        store.save(found.idle(clock.now()), found.version());
        assertThat(touchedAt("s-1")).isEqualTo(clock.now().toEpochMilli());
    }

    @Test
    void aSessionSavedOftenNeverExpires() {
        JdbcSessionStore a = open(database.config().withSessionLimits(Duration.ofMinutes(1), 20));
        JdbcSessionStore b = open(database.config().withSessionLimits(Duration.ofMinutes(1), 20));
        ConversationState state = start("s-1", "u-1");
        a.save(state, 0);
        long version = 1;

        // three idle times-to-live of saves 700 ms apart (the touch lag is 3 s), on either server, and no read
        for (int save = 0; save < 260; save++) {
            clock.advance(Duration.ofMillis(700));
            SaveOutcome outcome = (save % 2 == 0 ? b : a).save(state.idle(clock.now()), version);
            assertThat(outcome).as("save %d", save).isInstanceOf(SaveOutcome.Saved.class);
            version++;
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(b.find("s-1")).isEmpty();
    }

    private long touchedAt(String sessionId) throws Exception {
        return database.count(
                "SELECT touched_at FROM " + SessionSchema.TABLE + " WHERE session_id = '" + sessionId + "'");
    }

    @Test
    void savingOverAnIdleExpiredSessionIsAConflictWithNothingStored() {
        JdbcSessionStore store = open(database.config().withSessionLimits(Duration.ofMinutes(2), 20));
        store.save(start("s-1", "u-1"), 0);
        clock.advance(Duration.ofMinutes(3));

        SaveOutcome late = store.save(start("s-1", "u-1").withVersion(1), 1);

        assertThat(late).isEqualTo(new SaveOutcome.VersionConflict(Optional.empty()));
    }

    @Test
    void aNewSessionTakesTheIdOfAnIdleExpiredOneButAConflictWithALiveOneDropsNothing() {
        JdbcSessionStore store = open(database.config().withSessionLimits(Duration.ofMinutes(2), 1));
        store.save(start("s-1", "u-1"), 0);
        clock.advance(Duration.ofMinutes(3));
        store.save(start("s-2", "u-2"), 0);
        clock.advance(Duration.ofSeconds(10));

        // s-1 is idle-expired: its id starts again, for another owner, whose other session goes (a cap of 1)
        assertThat(store.save(start("s-1", "u-2"), 0)).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(store.find("s-1").orElseThrow().ownerUserId()).isEqualTo("u-2");
        assertThat(store.find("s-2")).isEmpty();
        // s-1 is live: starting it again conflicts, and the cap of the one who tried drops nothing
        store.save(start("s-9", "u-9"), 0);
        clock.advance(Duration.ofSeconds(10));
        assertThat(store.save(start("s-1", "u-9"), 0)).isInstanceOf(SaveOutcome.VersionConflict.class);
        assertThat(store.find("s-1").orElseThrow().ownerUserId()).isEqualTo("u-2");
        assertThat(store.find("s-9")).isPresent();
    }

    @Test
    void aUserOverTheCapLosesTheLongestIdleSessionOnly() {
        JdbcSessionStore a = open(database.config().withSessionLimits(Duration.ofHours(1), 2));
        JdbcSessionStore b = open(database.config().withSessionLimits(Duration.ofHours(1), 2));
        a.save(start("old", "u-1"), 0);
        clock.advance(Duration.ofSeconds(20));
        b.save(start("newer", "u-1"), 0);
        clock.advance(Duration.ofSeconds(20));
        // used again by a turn that saved nothing (past the 30 s a mark may lag): now "newer" is the longest idle
        a.markUsed(a.find("old").orElseThrow());
        a.writeMarks();
        a.save(ConversationState.start("other-tenant", "u-1", Optional.of("t-2"), clock.now()), 0);
        clock.advance(Duration.ofSeconds(10));

        b.save(start("newest", "u-1"), 0);

        assertThat(a.find("newer")).isEmpty();
        assertThat(a.find("old")).isPresent();
        assertThat(a.find("newest")).isPresent();
        assertThat(a.find("other-tenant")).isPresent();
    }

    @Test
    void anExpiredPreviewIsRemovedAndItsDraftKept() {
        JdbcSessionStore store = open(database.config());
        PendingPreview pending = preview();
        store.save(start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), pending, clock.now()), 0);
        clock.advance(Duration.ofMinutes(6));

        ConversationState found = secondServer().find("s-1").orElseThrow();

        assertThat(found.pending()).isEmpty();
        assertThat(found.draft()).isPresent();
        assertThat(found.expiredPreviewId()).contains(pending.id());
        assertThat(found.version()).isEqualTo(1);
    }

    @Test
    void theSweepRemovesExpiredPreviewsFromSessionsNobodyReads() throws Exception {
        JdbcSessionStore store = open(database.config());
        store.save(start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now()), 0);
        clock.advance(Duration.ofMinutes(6));

        store.evictExpired();

        // nothing of the preview is kept: neither its due time nor its snapshot
        assertThat(database.count("SELECT COUNT(*) FROM " + SessionSchema.TABLE
                        + " WHERE preview_expires_at IS NULL AND state NOT LIKE '%valuesHash%'"))
                .isEqualTo(1);
        ConversationState found = store.find("s-1").orElseThrow();
        assertThat(found.pending()).isEmpty();
        assertThat(found.draft()).isPresent();
    }

    /** Read by a server that did not save it: the one that did knows the state by its save id and reads no JSON. */
    @Test
    void aCorruptStoredStateIsTreatedAsGoneNeverHalfLoaded() throws Exception {
        open(database.config())
                .save(start("s-1", "u-1").collecting(Draft.start(Intent.CREATE, "orders"), clock.now()), 0);
        database.execute("UPDATE " + SessionSchema.TABLE + " SET state = '{\"sessionId\":\"s-1\"}'");
        JdbcSessionStore store = secondServer();

        assertThat(store.find("s-1")).isEmpty();
        assertThat(store.save(start("s-1", "u-1"), 0)).isInstanceOf(SaveOutcome.Saved.class);
    }

    /**
     * A server that saved or read a state is not sent it again while the row holds that save: the row's state is
     * changed here behind both servers' backs, keeping its save id, and only the server that never knew it reads the
     * change. Once the row holds another save, every server reads it.
     */
    @Test
    void aStateThisServerSavedOrReadIsNotSentAgainWhileItsRowHoldsThatSave() throws Exception {
        JdbcSessionStore a = open(database.config());
        JdbcSessionStore b = secondServer();
        ConversationState drafting = start("s-1", "u-1")
                .collecting(Draft.start(Intent.CREATE, "orders").withValue("status", "new"), clock.now());
        ConversationState saved = ((SaveOutcome.Saved) a.save(drafting, 0)).state();
        assertThat(b.find("s-1")).contains(saved);

        ConversationState edited =
                saved.collecting(Draft.start(Intent.CREATE, "orders").withValue("status", "edited"), saved.updatedAt());
        setStoredState(edited);
        JdbcSessionStore c = secondServer();

        assertThat(a.find("s-1")).contains(saved);
        assertThat(b.find("s-1")).contains(saved);
        assertThat(c.find("s-1")).contains(edited);

        // the next save is read by every server that did not make it
        ConversationState next = ((SaveOutcome.Saved) c.save(edited.idle(clock.now()), edited.version())).state();
        assertThat(a.find("s-1")).contains(next);
        assertThat(b.find("s-1")).contains(next);
        assertThat(a.save(next.idle(clock.now()), saved.version())).isInstanceOf(SaveOutcome.VersionConflict.class);
    }

    /**
     * The row, not this server's clock, says whether a known state's preview was removed: another server whose clock
     * is past the preview's expiry removes it (by its sweep, and by a read), while this server's clock is not.
     */
    @Test
    void anExpiredPreviewAnotherServerRemovedIsGoneFromTheStateThisServerKnew() throws Exception {
        JdbcSessionStore a = open(database.config());
        PendingPreview pending = preview();
        ConversationState previewing = ((SaveOutcome.Saved) a.save(
                        start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), pending, clock.now()), 0))
                .state();
        a.save(start("s-2", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now()), 0);
        assertThat(a.find("s-1")).contains(previewing);
        assertThat(a.find("s-2").orElseThrow().pending()).isPresent();
        JdbcSessionStore ahead = JdbcSessionStore.open(
                database.config(), new FixedClock(clock.now().plus(Duration.ofMinutes(6))));
        opened.add(ahead);

        ahead.find("s-2");
        ahead.evictExpired();

        ConversationState bySweep = a.find("s-1").orElseThrow();
        assertThat(bySweep).isEqualTo(previewing.withoutExpiredPreview());
        assertThat(bySweep.expiredPreviewId()).contains(pending.id());
        assertThat(a.find("s-2").orElseThrow().pending()).isEmpty();
        assertThat(secondServer().find("s-1")).contains(bySweep);
    }

    /**
     * What a server keeps of a conversation it has not used for its idle time is forgotten by its sweep: the
     * conversation lives on, kept by the other server, and is read whole (here, with a state changed by hand).
     */
    @Test
    void aServerForgetsTheStatesOfConversationsItHasNotUsedForTheirIdleTime() throws Exception {
        JdbcSessionStore a = open(database.config().withSessionLimits(Duration.ofMinutes(1), 20));
        JdbcSessionStore b = open(database.config().withSessionLimits(Duration.ofMinutes(1), 20));
        ConversationState saved = ((SaveOutcome.Saved) a.save(start("s-1", "u-1"), 0)).state();
        for (int turn = 0; turn < 5; turn++) {
            clock.advance(Duration.ofSeconds(20));
            b.markUsed(b.find("s-1").orElseThrow());
            b.writeMarks();
        }
        ConversationState edited =
                saved.collecting(Draft.start(Intent.CREATE, "orders").withValue("status", "edited"), saved.updatedAt());
        setStoredState(edited);

        a.find("s-0"); // its sweep, due every tenth of the idle time

        assertThat(a.find("s-1")).contains(edited);
    }

    /** A row whose save id is the known one's but whose preview expiry is not: read whole, never guessed. */
    @Test
    void aRowThatDoesNotFitTheStateKnownForItsSaveIsReadWhole() throws Exception {
        JdbcSessionStore a = open(database.config());
        ConversationState previewing = ((SaveOutcome.Saved) a.save(
                        start("s-1", "u-1").previewing(Draft.start(Intent.CREATE, "orders"), preview(), clock.now()),
                        0))
                .state();
        clock.advance(Duration.ofSeconds(1));
        ConversationState other = previewing.previewing(
                Draft.start(Intent.CREATE, "orders").withValue("status", "other"), preview(), clock.now());
        setStoredState(other);
        database.execute("UPDATE " + SessionSchema.TABLE + " SET preview_expires_at = "
                + other.pending().orElseThrow().expiresAt().toEpochMilli());

        assertThat(a.find("s-1")).contains(other);
    }

    /** Stores {@code state} as the row's JSON, by hand, keeping the row's save id (no save writes a state so). */
    private void setStoredState(ConversationState state) throws Exception {
        database.execute("UPDATE " + SessionSchema.TABLE + " SET state = '"
                + StateJson.write(state).replace("'", "''") + "' WHERE session_id = '" + state.sessionId() + "'");
    }

    @Test
    void aStateFromANewerFormatFailsTheTurnSayingSoAndIsKept() throws Exception {
        JdbcSessionStore store = open(database.config());
        store.save(start("s-1", "u-1"), 0);
        database.execute("UPDATE " + SessionSchema.TABLE + " SET format = " + (StateJson.FORMAT + 1));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> store.find("s-1"))
                    .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> {
                        assertThat(e.dependency()).isEqualTo(Dependency.SESSION_STORE);
                        assertThat(e.isRetryable()).isFalse();
                    })
                    .hasMessageContaining("newer TableTalk")
                    .hasMessageContaining("same TableTalk version on every server");
        }
    }

    @Test
    void openingTheStoreTwiceKeepsItsSessions() {
        open(database.config()).save(start("s-1", "u-1"), 0);

        assertThat(open(database.config()).find("s-1")).isPresent();
    }

    /**
     * A store at the current version runs no DDL when opened: a user that may only read and write its tables (made
     * by their owner) opens it and keeps conversations. Every store refuses even {@code CREATE TABLE IF NOT EXISTS}
     * of an existing table to a user without the right to create one.
     */
    @Test
    void aUserThatMayOnlyReadAndWriteTheTablesOpensAStoreAtTheCurrentVersion() throws Exception {
        open(database.config()); // made by the owner
        String user = DatabaseServer.uniqueName("tt_rw");
        SessionStoreConfig readWrite = database.readWriteUser(user);
        try {
            JdbcSessionStore store = JdbcSessionStore.open(readWrite, clock);
            try {
                assertThat(store.save(start("s-rw", "u-1"), 0)).isInstanceOf(SaveOutcome.Saved.class);
                assertThat(store.find("s-rw")).isPresent();
            } finally {
                store.close();
            }
        } finally {
            database.dropReadWriteUser(user);
        }
    }

    static ConversationState start(String sessionId, String userId) {
        return ConversationState.start(
                sessionId,
                userId,
                Optional.of("t-1"),
                FixedClock.at("2026-01-01T00:00:00Z").now());
    }

    private PendingPreview preview() {
        CreatePlan plan = new CreatePlan("orders", Map.of("total", new BigDecimal("9.90")));
        return new PendingPreview(
                "pv_" + System.nanoTime(),
                new Preview(Intent.CREATE, "orders", List.of(RowChange.insert(plan.values())), List.of("total")),
                new PreviewSnapshot(plan, List.of(), "h"),
                clock.now().plus(Duration.ofMinutes(5)));
    }
}
