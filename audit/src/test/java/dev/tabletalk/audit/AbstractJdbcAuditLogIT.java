package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.contract.AuditLogContract;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.fixtures.Users;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JDBC audit log on one kind of store: the port contract, the hash chain, queries, replay, failing closed. */
abstract class AbstractJdbcAuditLogIT extends AuditLogContract {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEwMDEifQ.c2VjcmV0LXNpZ25hdHVyZQ";

    TestStore store;
    JdbcAuditLog log;
    private final List<JdbcAuditLog> otherLogs = new ArrayList<>();

    /** A fresh store with a unique name. */
    abstract TestStore newStore();

    /** Appends per thread in the ten-thread chain test. */
    int appendsPerThread() {
        return 1_000;
    }

    @BeforeEach
    void openFreshStore() {
        store = newStore();
        log = JdbcAuditLog.open(store.config());
    }

    @AfterEach
    void dropStore() {
        otherLogs.forEach(JdbcAuditLog::close);
        log.close();
        store.close();
    }

    @Override
    protected AuditLog secondLogOnTheSameStore() {
        JdbcAuditLog second = JdbcAuditLog.open(store.config());
        otherLogs.add(second);
        return second;
    }

    @Override
    protected void assertIntact(long expectedEntries) {
        ChainVerification verification = log.verify();
        assertThat(verification.isIntact()).as(verification.toString()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(expectedEntries);
    }

    @Override
    protected AuditLog auditLog() {
        return log;
    }

    @Override
    protected long storedCount() {
        return log.queries().count();
    }

    @Override
    protected List<String> storedMessages(String sessionId) {
        return log.queries().turns(sessionId).stream().map(AuditRecord::message).toList();
    }

    @Override
    protected void takeStoreDown() {
        try {
            store.takeDown();
        } catch (Exception e) {
            throw new IllegalStateException("cannot take the store down", e);
        }
    }

    @Test
    void writesEveryFieldAndReadsItBackExactly() {
        String session = newSession();
        AuditEvent read = fullRead(session);
        AuditEvent create = fullCreate(session);
        AuditEvent failed = failed(session, "show orders", new IllegalStateException("boom"));
        AuditEvent refused = refused(session, "delete customer 5", RefusalCode.DELETE_NOT_ALLOWED);

        log.append(read);
        log.append(create);
        log.append(failed);
        log.append(refused);

        List<AuditRecord> turns = log.queries().turns(session);
        assertThat(turns).hasSize(4);
        AuditRecord r = turns.get(0);
        assertThat(r.sequence()).isEqualTo(1);
        assertThat(r.timestamp()).isEqualTo(read.timestamp().truncatedTo(ChronoUnit.MICROS));
        assertThat(r.userId()).isEqualTo("u-1001");
        assertThat(r.sessionId()).isEqualTo(session);
        assertThat(r.message()).isEqualTo("show the 10 newest orders from Berlin");
        assertThat(r.userContext())
                .isEqualTo("{\"attributes\":{\"name\":\"Edith Editor\"},\"role\":\"editor\",\"tenantId\":\"101\","
                        + "\"userId\":\"u-1001\"}");
        assertThat(r.action()).isEqualTo("read");
        assertThat(r.intent()).contains("read");
        assertThat(r.entity()).contains("public.orders");
        assertThat(r.fields()).isEqualTo("{}");
        assertThat(r.filters())
                .isEqualTo("[{\"field\":\"city\",\"op\":\"=\",\"value\":\"Berlin\"},"
                        + "{\"field\":\"shipped_at\",\"op\":\"is_null\",\"value\":null},"
                        + "{\"field\":\"total\",\"op\":\"between\",\"value\":[10.00,99.50]}]");
        assertThat(r.plan())
                .contains("{\"entity\":\"public.orders\",\"fields\":[\"id\",\"city\",\"total\"],"
                        + "\"filters\":" + r.filters() + ",\"intent\":\"read\",\"limit\":10,"
                        + "\"orderBy\":[{\"descending\":true,\"field\":\"created_at\"}]}");
        assertThat(r.outcome()).isEqualTo("ok");
        assertThat(r.refusalCode()).isEmpty();
        assertThat(r.rowCount()).isEqualTo(7);
        assertThat(r.latencyMillis()).isEqualTo(12);
        assertThat(r.errorMessage()).isEmpty();
        assertThat(r.errorStack()).isEmpty();
        assertThat(r.planner()).contains("llm");
        assertThat(r.model()).contains("gpt-test");
        assertThat(r.promptTokens()).hasValue(812);
        assertThat(r.completionTokens()).hasValue(64);
        assertThat(r.plannerAttempts()).hasValue(2);
        assertThat(r.previousHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(r.hash()).matches("[0-9a-f]{64}").isEqualTo(ChainHash.of(r));

        AuditRecord c = turns.get(1);
        assertThat(c.action()).isEqualTo("preview");
        assertThat(c.fields())
                .isEqualTo("{\"born\":\"1815-12-10\",\"credit\":12.50,\"email\":\"ada@example.org\","
                        + "\"name\":\"Ada Lovelace\",\"notes\":null}");
        assertThat(c.plan())
                .contains("{\"entity\":\"public.customer\",\"intent\":\"create\",\"values\":" + c.fields() + "}");
        assertThat(c.previousHash()).isEqualTo(r.hash());
        assertThat(c.promptTokens()).isEmpty();
        assertThat(c.plannerAttempts()).hasValue(1);

        AuditRecord f = turns.get(2);
        assertThat(f.outcome()).isEqualTo("error");
        assertThat(f.errorMessage()).contains("IllegalStateException: boom");
        assertThat(f.errorStack()).hasValueSatisfying(s -> assertThat(s).contains("at somewhere(Somewhere.java:1)"));

        AuditRecord x = turns.get(3);
        assertThat(x.outcome()).isEqualTo("refused");
        assertThat(x.refusalCode()).contains("delete_not_allowed");
        assertThat(x.planner()).contains("rules");
        assertThat(x.model()).contains("rules");

        assertThat(log.verify()).isEqualTo(new ChainVerification.Intact(4, x.hash()));
    }

    @Test
    void keepsTokensAndPasswordsOutOfEveryColumn() throws SQLException {
        String session = newSession();
        UserContext user = new UserContext(
                "u-7",
                "editor",
                Optional.empty(),
                Map.of(
                        "access_token", "opaque-s3cr3t-value",
                        "Authorization", "Basic dXNlcjpzM2NyM3Q=",
                        "team", "Bearer " + JWT));
        AuditEvent event = new AuditEvent(
                Instant.now(),
                session,
                user,
                "show orders, my token is " + JWT,
                AuditEvent.Action.READ,
                Optional.empty(),
                Optional.empty(),
                Map.of("password", "hunter2-s3cr3t"),
                List.of(Filter.eq("note", "Bearer abcdefgh12345678")),
                Optional.empty(),
                AuditEvent.Outcome.ERROR,
                Optional.empty(),
                0,
                Duration.ofMillis(1),
                Optional.of("SQLException: connect failed for jdbc:postgresql://db/x?user=a&password=s3cr3t-pw"),
                Optional.of("at x\npassword: \"s3cr3t-stack\"\n"),
                Optional.empty());

        log.append(event);

        try (Connection connection = store.connect();
                PreparedStatement select = connection.prepareStatement("SELECT * FROM ai_audit_log");
                ResultSet rows = select.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            assertThat(rows.next()).isTrue();
            StringBuilder everything = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                everything.append(rows.getString(i)).append('|');
            }
            assertThat(everything.toString())
                    .doesNotContain("s3cr3t", "hunter2", JWT, "dXNlcjpzM2NyM3Q", "abcdefgh12345678")
                    .contains("[redacted]", "show orders, my token is");
        }
        assertThat(log.verify().isIntact()).isTrue();
    }

    @Test
    void tenThreadsAppendingAtOnceBuildOneValidChain() throws Exception {
        int threads = 10;
        int each = appendsPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String session = "thread-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        log.append(event(session, "turn " + i, AuditEvent.Outcome.OK));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) threads * each;
        assertThat(log.queries().count()).isEqualTo(total);
        ChainVerification verification = log.verify();
        assertThat(verification.isIntact()).as(verification.toString()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(total);
        assertThat(log.queries().entry(total)).isPresent();
        assertThat(log.queries().entry(total + 1)).isEmpty();
    }

    @Test
    void appendsWaitingOutTheLongestCommitDelayStillEachReturnWithinIt() throws Exception {
        // three threads in lockstep never fill a delayed batch (GroupCommitWriter.DELAYED_BATCH): a writer that waited
        // for a full batch instead of at most the delay would leave every append hanging
        AuditStoreConfig config = store.config().withCommitDelay(AuditStoreConfig.MAX_COMMIT_DELAY);
        assertThat(GroupCommitWriter.DELAYED_BATCH).isGreaterThan(3);
        int threads = 3;
        int each = 40;
        try (JdbcAuditLog delayed = JdbcAuditLog.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Duration>> slowest = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String session = newSession();
                    slowest.add(pool.submit(() -> {
                        Duration longest = Duration.ZERO;
                        for (int i = 0; i < each; i++) {
                            long started = System.nanoTime();
                            delayed.append(event(session, "turn " + i, AuditEvent.Outcome.OK));
                            Duration took = Duration.ofNanos(System.nanoTime() - started);
                            longest = took.compareTo(longest) > 0 ? took : longest;
                        }
                        return longest;
                    }));
                }
                for (Future<Duration> longest : slowest) {
                    // the delay (20 ms) plus a commit, with room for a loaded machine; an unbounded wait never ends
                    assertThat(longest.get(60, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(3));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertIntact((long) threads * each);
    }

    @Test
    void twoLogsTakingTurnsOnOneStoreEachWriteAfterTheOthersEntries() throws Exception {
        // every batch finds the head moved by the other log: the shared-head path, over and over
        JdbcAuditLog second = JdbcAuditLog.open(store.config());
        otherLogs.add(second);
        String session = newSession();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? log : second).append(event(session, "turn " + i, AuditEvent.Outcome.OK));
        }

        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::message)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> "turn " + i)
                        .toList());
        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::sequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        assertIntact(30);
    }

    @Test
    void verifyingWhileOthersAppendSeesAnIntactPrefixOfTheChain() throws Exception {
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String session = newSession();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        log.append(event(session, "turn " + i, AuditEvent.Outcome.OK));
                    }
                }));
            }
            long lastChecked = 0;
            while (!done.stream().allMatch(Future::isDone)) {
                ChainVerification midway = log.verify();
                assertThat(midway.isIntact()).as(midway.toString()).isTrue();
                assertThat(midway.entriesChecked()).isGreaterThanOrEqualTo(lastChecked);
                lastChecked = midway.entriesChecked();
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.verify().entriesChecked()).isEqualTo((long) threads * each);
    }

    @Test
    void editingOneEntryByHandMakesVerifyFailAtThatEntry() throws SQLException {
        appendTwenty();

        tamper("UPDATE ai_audit_log SET message = 'show nothing' WHERE seq = 7");

        ChainVerification verification = log.verify();
        assertThat(verification).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(7);
            assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.HASH_MISMATCH);
            assertThat(broken.entriesChecked()).isEqualTo(6);
        });
    }

    @Test
    void editingANumberColumnIsCaughtToo() throws SQLException {
        appendTwenty();

        tamper("UPDATE ai_audit_log SET row_count = 999 WHERE seq = 12");

        assertThat(log.verify())
                .isInstanceOfSatisfying(
                        ChainVerification.Broken.class,
                        broken -> assertThat(broken.sequence()).isEqualTo(12));
    }

    @Test
    void rehashingAnEditedEntryBreaksTheLinkOfTheNextOne() throws SQLException {
        appendTwenty();
        AuditRecord original = log.queries().entry(7).orElseThrow();
        AuditRecord forged = new AuditRecord(
                7,
                original.timestamp(),
                original.userId(),
                original.sessionId(),
                "forged",
                original.userContext(),
                original.action(),
                original.intent(),
                original.entity(),
                original.fields(),
                original.filters(),
                original.plan(),
                original.outcome(),
                original.refusalCode(),
                original.rowCount(),
                original.latencyMillis(),
                original.errorMessage(),
                original.errorStack(),
                original.planner(),
                original.model(),
                original.promptTokens(),
                original.completionTokens(),
                original.plannerAttempts(),
                original.previousHash(),
                "");

        tamper("UPDATE ai_audit_log SET message = 'forged', hash = '" + ChainHash.of(forged) + "' WHERE seq = 7");

        assertThat(log.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(8);
            assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.BROKEN_LINK);
        });
    }

    @Test
    void deletingOneEntryByHandMakesVerifyFailAtThatEntry() throws SQLException {
        appendTwenty();

        tamper("DELETE FROM ai_audit_log WHERE seq = 7");

        assertThat(log.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(7);
            assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.MISSING_ENTRY);
            assertThat(broken.entriesChecked()).isEqualTo(6);
        });
    }

    @Test
    void deletingTheNewestEntryIsCaughtByTheChainHead() throws SQLException {
        appendTwenty();

        tamper("DELETE FROM ai_audit_log WHERE seq = 20");

        assertThat(log.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(20);
            assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.MISSING_ENTRY);
        });
    }

    @Test
    void aPendingWriteWithoutResolutionIsUnresolvedAndTheChainStaysIntact() {
        String session = newSession();
        Instant first = Instant.parse("2026-03-01T10:00:00.123456Z");
        Instant second = first.plusSeconds(5);
        Instant third = first.plusSeconds(9);
        log.append(commit(session, first, AuditEvent.Outcome.PENDING));
        log.append(commit(session, first, AuditEvent.Outcome.OK));
        log.append(commit(session, second, AuditEvent.Outcome.PENDING));
        log.append(event(newSession(), "another session meanwhile", AuditEvent.Outcome.OK));
        log.append(commit(session, third, AuditEvent.Outcome.PENDING));
        log.append(commit(session, third, AuditEvent.Outcome.UNKNOWN));

        ChainVerification verification = log.verify();
        List<AuditRecord> turns = log.queries().turns(session);

        assertThat(verification)
                .isInstanceOfSatisfying(
                        ChainVerification.Intact.class,
                        intact -> assertThat(intact.unresolvedWrites())
                                .containsExactly(turns.get(2).sequence()));
        assertThat(UnresolvedWrites.in(turns)).containsExactly(turns.get(2).sequence());
        assertThat(turns)
                .extracting(AuditRecord::outcome)
                .containsExactly("pending", "ok", "pending", "pending", "unknown");
    }

    private static AuditEvent commit(String session, Instant at, AuditEvent.Outcome outcome) {
        return new AuditEvent(
                at,
                session,
                Users.editor(),
                "confirm",
                AuditEvent.Action.COMMIT,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                outcome,
                outcome == AuditEvent.Outcome.UNKNOWN ? Optional.of(RefusalCode.OUTCOME_UNKNOWN) : Optional.empty(),
                1,
                Duration.ofMillis(4),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void anEmptyLogIsIntact() {
        assertThat(log.verify()).isEqualTo(new ChainVerification.Intact(0, ChainHash.GENESIS));
    }

    @Test
    void reopeningAMigratedStoreKeepsItsChain() {
        appendTwenty();
        log.close();

        log = JdbcAuditLog.open(store.config());
        log.append(event(newSession(), "after reopening", AuditEvent.Outcome.OK));

        ChainVerification verification = log.verify();
        assertThat(verification.isIntact()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(21);
    }

    @Test
    void severalLogsOpeningOneNewStoreAtOnceMigrateItOnce() throws Exception {
        try (TestStore fresh = newStore()) {
            int opening = 4;
            ExecutorService pool = Executors.newFixedThreadPool(opening);
            List<JdbcAuditLog> logs = new ArrayList<>();
            try {
                List<Future<JdbcAuditLog>> opened = new ArrayList<>();
                for (int i = 0; i < opening; i++) {
                    Callable<JdbcAuditLog> open =
                            () -> JdbcAuditLog.open(fresh.config().withMaxPoolSize(2));
                    opened.add(pool.submit(open));
                }
                for (Future<JdbcAuditLog> future : opened) {
                    logs.add(future.get(60, TimeUnit.SECONDS));
                }
                for (JdbcAuditLog each : logs) {
                    each.append(event(newSession(), "hello", AuditEvent.Outcome.OK));
                }
                assertThat(logs.get(0).verify())
                        .isInstanceOfSatisfying(
                                ChainVerification.Intact.class,
                                intact -> assertThat(intact.entriesChecked()).isEqualTo(opening));
                try (Connection connection = fresh.connect()) {
                    assertThat(countOf(connection, "SELECT COUNT(*) FROM ai_audit_schema_version WHERE version = 1"))
                            .isEqualTo(1);
                    assertThat(countOf(connection, "SELECT COUNT(*) FROM ai_audit_chain_head"))
                            .isEqualTo(1);
                }
            } finally {
                logs.forEach(JdbcAuditLog::close);
                pool.shutdownNow();
            }
        }
    }

    @Test
    void listsSessionsAndShowsASessionsTurnsInOrder() {
        String first = newSession();
        String second = newSession();
        log.append(event(first, "show customers", AuditEvent.Outcome.OK));
        log.append(event(second, "show orders", AuditEvent.Outcome.OK));
        log.append(event(first, "show products", AuditEvent.Outcome.OK));

        List<SessionSummary> sessions = log.queries().sessions();

        assertThat(sessions).extracting(SessionSummary::sessionId).containsExactlyInAnyOrder(first, second);
        SessionSummary summary = sessions.stream()
                .filter(s -> s.sessionId().equals(first))
                .findFirst()
                .orElseThrow();
        assertThat(summary.userId()).isEqualTo("u-1001");
        assertThat(summary.turns()).isEqualTo(2);
        assertThat(summary.firstAt()).isBeforeOrEqualTo(summary.lastAt());
        assertThat(log.queries().turns(first))
                .extracting(AuditRecord::message)
                .containsExactly("show customers", "show products");
        assertThat(log.queries().turns("no-such-session")).isEmpty();
        assertThat(log.queries().sessions(1)).hasSize(1);
    }

    @Test
    void replayReportsWhereTheNewPlannerReadsAMessageDifferently() {
        String session = newSession();
        log.append(plannedRead(
                session, "show customers in Berlin", "public.customer", List.of(Filter.eq("city", "Berlin"))));
        log.append(minimal(session, "cancel"));
        log.append(plannedRead(
                session, "show orders over 100", "public.orders", List.of(Filter.of("total", Op.GT, 100L))));

        Planner changed = new Planner() {
            @Override
            public PlannerOutput plan(PlannerRequest request) {
                PlannerTrace trace = PlannerTrace.offline("changed");
                if (request.message().contains("Berlin")) {
                    // the induced regression: the city is read wrongly now
                    return PlannerOutput.read("public.customer", List.of(Filter.eq("city", "Paris")), trace);
                }
                return PlannerOutput.read("public.orders", List.of(Filter.of("total", Op.GT, 100L)), trace);
            }

            @Override
            public String name() {
                return "changed";
            }
        };

        ReplayReport report = log.replay().replay(session, changed, new SchemaView("fp", List.of()));

        assertThat(report.planner()).isEqualTo("changed");
        assertThat(report.turns())
                .extracting(ReplayedTurn::verdict)
                .containsExactly(
                        ReplayedTurn.Verdict.DIFFERENT, ReplayedTurn.Verdict.SKIPPED, ReplayedTurn.Verdict.SAME);
        assertThat(report.hasDifferences()).isTrue();
        ReplayedTurn different = report.differences().get(0);
        assertThat(different.sequence()).isEqualTo(1);
        assertThat(different.message()).isEqualTo("show customers in Berlin");
        assertThat(different.differences())
                .containsExactly("filters: [{\"field\":\"city\",\"op\":\"=\",\"value\":\"Berlin\"}] -> "
                        + "[{\"field\":\"city\",\"op\":\"=\",\"value\":\"Paris\"}]");
        assertThat(log.queries().count())
                .as("replay executes and records nothing")
                .isEqualTo(3);
    }

    @Test
    void replaySkipsTheTurnsOfAMacroWhichNoPlannerRead() {
        String session = newSession();
        AuditEvent read = plannedRead(session, "revenue in month March 2025", "public.orders", List.of());
        log.append(new AuditEvent(
                read.timestamp(),
                read.sessionId(),
                read.user(),
                read.message(),
                read.action(),
                read.intent(),
                read.entity(),
                read.fields(),
                read.filters(),
                read.plan(),
                read.outcome(),
                read.refusalCode(),
                read.rowCount(),
                read.latency(),
                read.errorMessage(),
                read.errorStack(),
                Optional.of(new PlannerTrace(
                        Macros.AUDIT_PLANNER, "revenue in month", OptionalLong.empty(), OptionalLong.empty(), 1))));
        Planner planner = new Planner() {
            @Override
            public PlannerOutput plan(PlannerRequest request) {
                throw new AssertionError("a macro's turn is not planned again");
            }

            @Override
            public String name() {
                return "any";
            }
        };

        ReplayReport report = log.replay().replay(session, planner, new SchemaView("fp", List.of()));

        assertThat(report.turns()).extracting(ReplayedTurn::verdict).containsExactly(ReplayedTurn.Verdict.SKIPPED);
        assertThat(log.queries().turns(session).get(0).model()).contains("revenue in month");
    }

    @Test
    void anAuditedLinkRoundTripsThroughTheStoreAndReplaysAsTheSameReading() {
        String session = newSession();
        Related lines = Related.of(
                "album_id", "albums", Filter.eq("title", "Let There Be Rock"), Filter.of("year", Op.GT, 1970L));
        log.append(plannedRead(session, "tracks of the album Let There Be Rock", "tracks", List.of(lines)));

        AuditRecord r = log.queries().turns(session).get(0);
        assertThat(r.filters())
                .isEqualTo("[{\"field\":\"album_id\",\"op\":\"in\",\"via\":{\"entity\":\"albums\",\"filters\":["
                        + "{\"field\":\"title\",\"op\":\"=\",\"value\":\"Let There Be Rock\"},"
                        + "{\"field\":\"year\",\"op\":\">\",\"value\":1970}]}}]");
        assertThat(r.hash()).isEqualTo(ChainHash.of(r));
        assertThat(log.verify().isIntact()).isTrue();

        Planner same = new Planner() {
            @Override
            public PlannerOutput plan(PlannerRequest request) {
                // the same link with its conditions in the other order: ANDed, so the same reading
                return PlannerOutput.read(
                        "tracks",
                        List.of(Related.of(
                                "album_id",
                                "albums",
                                Filter.of("year", Op.GT, 1970L),
                                Filter.eq("title", "Let There Be Rock"))),
                        PlannerTrace.offline("same"));
            }

            @Override
            public String name() {
                return "same";
            }
        };
        ReplayReport report = log.replay().replay(session, same, new SchemaView("fp", List.of()));

        assertThat(report.turns()).extracting(ReplayedTurn::verdict).containsExactly(ReplayedTurn.Verdict.SAME);
    }

    @Test
    void replayMarksATurnFailedWhenThePlannerCannotBeReached() {
        String session = newSession();
        log.append(plannedRead(session, "show customers", "public.customer", List.of()));
        Planner down = new Planner() {
            @Override
            public PlannerOutput plan(PlannerRequest request) {
                throw DependencyUnavailableException.planner("model unreachable", null);
            }

            @Override
            public String name() {
                return "down";
            }
        };

        ReplayReport report = log.replay().replay(session, down, new SchemaView("fp", List.of()));

        assertThat(report.turns()).singleElement().satisfies(turn -> {
            assertThat(turn.verdict()).isEqualTo(ReplayedTurn.Verdict.FAILED);
            assertThat(turn.differences()).containsExactly("planner failed: model unreachable");
        });
        assertThat(report.hasDifferences()).isTrue();
        assertThat(log.replay()
                        .replay("no-such-session", down, new SchemaView("fp", List.of()))
                        .turns())
                .isEmpty();
    }

    @Test
    @Tag("invariant-9")
    void appendFailsFastWithAuditStoreUnavailableWhenTheStoreGoesDown() throws Exception {
        log.append(event(newSession(), "before", AuditEvent.Outcome.OK));
        store.takeDown();

        long started = System.nanoTime();
        assertThatThrownBy(() -> log.append(event(newSession(), "after", AuditEvent.Outcome.OK)))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Tag("invariant-9")
    void anEntryTheStoreRefusesFailsItsOwnAppendOnlyWhileOthersShareItsBatch() throws Exception {
        tamper("ALTER TABLE ai_audit_log ADD CONSTRAINT no_poison CHECK (message <> 'poison')");
        int threads = 16;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> sessions = new ArrayList<>();
        try {
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String session = newSession();
                sessions.add(session);
                refusals.add(pool.submit(() -> {
                    int refused = 0;
                    for (int i = 0; i < each; i++) {
                        String message = i % 5 == 4 ? "poison" : "turn " + i;
                        try {
                            log.append(event(session, message, AuditEvent.Outcome.OK));
                        } catch (DependencyUnavailableException e) {
                            assertThat(message).isEqualTo("poison");
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            for (Future<Integer> refused : refusals) {
                assertThat(refused.get(2, TimeUnit.MINUTES)).isEqualTo(each / 5);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String session : sessions) {
            assertThat(log.queries().turns(session))
                    .extracting(AuditRecord::message)
                    .hasSize(each - each / 5)
                    .doesNotContain("poison");
        }
        assertIntact((long) threads * (each - each / 5));
    }

    @Test
    @Tag("invariant-9")
    void closingThePoolMidBatchFailsTheAppendsInFlightAndKeepsEveryAppendThatReturned() throws Exception {
        AuditStoreConfig config = store.config();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setConnectionTimeout(1_000);
        int threads = 8;
        List<List<String>> returned = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        HikariDataSource pool = new HikariDataSource(hikari);
        try (JdbcAuditLog onPool = JdbcAuditLog.create(pool)) {
            ExecutorService appenders = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch everyThreadAppended = new CountDownLatch(threads);
                List<Future<Throwable>> failures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String session = newSession();
                    List<String> mine = new CopyOnWriteArrayList<>();
                    sessions.add(session);
                    returned.add(mine);
                    failures.add(appenders.submit(() -> {
                        for (int i = 0; ; i++) {
                            try {
                                onPool.append(event(session, "turn " + i, AuditEvent.Outcome.OK));
                            } catch (RuntimeException e) {
                                return e;
                            }
                            mine.add("turn " + i);
                            if (i == 0) {
                                everyThreadAppended.countDown();
                            }
                        }
                    }));
                }
                assertThat(everyThreadAppended.await(30, TimeUnit.SECONDS)).isTrue();
                pool.close();

                for (Future<Throwable> failure : failures) {
                    assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(DependencyUnavailableException.class);
                }
            } finally {
                appenders.shutdownNow();
            }
        } finally {
            pool.close();
        }

        // every append that returned is in the store, in order; the one that failed may or may not be (its commit's
        // outcome can be unknown), but nothing else
        for (int t = 0; t < threads; t++) {
            List<String> stored = log.queries().turns(sessions.get(t)).stream()
                    .map(AuditRecord::message)
                    .toList();
            List<String> acknowledged = returned.get(t);
            assertThat(stored.subList(0, Math.min(stored.size(), acknowledged.size())))
                    .containsExactlyElementsOf(acknowledged);
            assertThat(stored.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
        }
        assertThat(log.verify().isIntact()).isTrue();
    }

    private AuditEvent plannedRead(String session, String message, String entity, List<Condition> filters) {
        return new AuditEvent(
                Instant.now(),
                session,
                UserContext.of("u-1", "viewer"),
                message,
                AuditEvent.Action.READ,
                Optional.of(Intent.READ),
                Optional.of(entity),
                Map.of(),
                filters,
                Optional.empty(),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                3,
                Duration.ofMillis(5),
                Optional.empty(),
                Optional.empty(),
                Optional.of(PlannerTrace.offline("rules")));
    }

    private void appendTwenty() {
        String session = newSession();
        for (int i = 0; i < 20; i++) {
            log.append(i % 3 == 0 ? fullRead(session) : event(session, "turn " + i, AuditEvent.Outcome.OK));
        }
        assertThat(log.verify().isIntact()).isTrue();
    }

    private void tamper(String sql) throws SQLException {
        try (Connection connection = store.connect()) {
            TestStore.execute(connection, sql);
        }
    }

    private static long countOf(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A store at the latest version runs no DDL when opened: a user that may only read and write its tables (made by
     * their owner) appends, and the chain stays whole. Every store refuses even {@code CREATE TABLE IF NOT EXISTS}
     * of an existing table to a user without the right to create one.
     */
    @Test
    void aUserThatMayOnlyReadAndWriteTheTablesAppendsToAStoreAtTheLatestVersion() {
        String user = DatabaseServer.uniqueName("tt_rw");
        Optional<AuditStoreConfig> readWrite = store.readWriteUser(user);
        assumeTrue(readWrite.isPresent(), "an H2 file store syncs each append, which takes an administrator");
        String session = newSession();
        try {
            try (JdbcAuditLog limited = JdbcAuditLog.open(readWrite.get())) {
                limited.append(event(session, "appended by a user without DDL rights", AuditEvent.Outcome.OK));
            }
            log.append(event(session, "appended by the owner", AuditEvent.Outcome.OK));

            assertThat(log.queries().turns(session))
                    .extracting(AuditRecord::message)
                    .containsExactly("appended by a user without DDL rights", "appended by the owner");
            assertThat(log.verify().isIntact()).isTrue();
        } finally {
            store.dropReadWriteUser(user);
        }
    }
}
