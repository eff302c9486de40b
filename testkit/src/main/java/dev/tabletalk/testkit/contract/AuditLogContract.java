package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do: keep every appended event, in order, from any number of
 * threads, and fail with {@link DependencyUnavailableException} (never silently) when it cannot
 * store one (invariant 9).
 *
 * <p>Implementations extend this class and give three hooks: the log under test, how many events it
 * holds, and the messages it holds for one session. Every test uses fresh session ids and counts
 * deltas, so a store shared between tests is fine. A store that can be taken down in a test
 * overrides {@link #takeStoreDown()}; a store that several logs (processes) can share overrides
 * {@link #secondLogOnTheSameStore()} and, to check its own integrity after many writers,
 * {@link #assertIntact(long)}.
 */
public abstract class AuditLogContract {

    /** The log under test; the same instance for the whole of one test. */
    protected abstract AuditLog auditLog();

    /** How many events the log holds now. */
    protected abstract long storedCount();

    /** The messages stored for {@code sessionId}, in append order. */
    protected abstract List<String> storedMessages(String sessionId);

    /**
     * Makes the store unwritable, as if it went down; the default skips the test. Called at most
     * once per test, as its last setup step.
     */
    protected void takeStoreDown() {
        Assumptions.abort("this audit log cannot be taken down in a test");
    }

    @Test
    void keepsEveryOutcomeOkRefusedAndError() {
        String session = newSession();
        long before = storedCount();

        auditLog().append(event(session, "show customers", AuditEvent.Outcome.OK));
        auditLog().append(refused(session, "delete customer 5", RefusalCode.DELETE_NOT_ALLOWED));
        auditLog().append(failed(session, "show orders", new IllegalStateException("boom")));

        assertThat(storedCount()).isEqualTo(before + 3);
        assertThat(storedMessages(session)).containsExactly("show customers", "delete customer 5", "show orders");
    }

    @Test
    void keepsTheOrderOfOneSessionsTurns() {
        String session = newSession();
        List<String> messages = List.of("add a customer", "Ada", "ada@example.org", "confirm", "show customers");

        for (String message : messages) {
            auditLog().append(event(session, message, AuditEvent.Outcome.OK));
        }

        assertThat(storedMessages(session)).containsExactlyElementsOf(messages);
    }

    @Test
    void storesEventsWithEveryPartFilledAndWithEveryOptionalPartEmpty() {
        String session = newSession();
        long before = storedCount();

        auditLog().append(fullRead(session));
        auditLog().append(fullCreate(session));
        auditLog().append(fullUpdate(session));
        auditLog().append(minimal(session, "cancel"));

        assertThat(storedCount()).isEqualTo(before + 4);
        assertThat(storedMessages(session)).hasSize(4).last().isEqualTo("cancel");
    }

    @Test
    void keepsAwkwardTextVerbatim() {
        String session = newSession();
        List<String> messages = List.of(
                "quotes \" and ' and back\\slash",
                "lines\nand\ttabs\r\n",
                "Grüße, 東京, emoji 🙂",
                "",
                "x".repeat(10_000));

        for (String message : messages) {
            auditLog().append(event(session, message, AuditEvent.Outcome.OK));
        }

        assertThat(storedMessages(session)).containsExactlyElementsOf(messages);
    }

    @Test
    void keepsEveryEventAppendedFromManyThreadsAtOnce() throws Exception {
        int threads = 8;
        int perThread = 25;
        long before = storedCount();

        List<String> sessions = appendFromThreads(List.of(auditLog()), threads, perThread);

        assertThat(storedCount()).isEqualTo(before + (long) threads * perThread);
        assertEveryTurnStored(sessions, perThread);
    }

    /**
     * A second log on the store of {@link #auditLog()}, as another process would open it; the default
     * skips the tests of several logs. The implementation closes it after the test.
     */
    protected AuditLog secondLogOnTheSameStore() {
        return Assumptions.abort("this audit log cannot be opened twice on one store");
    }

    /** Appends per thread when sixteen threads write through two logs; keep a slow store's build short. */
    protected int appendsPerThreadOnTwoLogs() {
        return 200;
    }

    /**
     * Checks what the implementation guarantees beyond the port once many writers are done, such as a
     * hash chain being intact and holding {@code expectedEntries}; the default checks nothing more.
     */
    protected void assertIntact(long expectedEntries) {}

    @Test
    void keepsEveryEventFromSixteenThreadsWritingThroughTwoLogsOfOneStore() throws Exception {
        AuditLog second = secondLogOnTheSameStore();
        int threads = 16;
        int perThread = appendsPerThreadOnTwoLogs();
        long before = storedCount();

        List<String> sessions = appendFromThreads(List.of(auditLog(), second), threads, perThread);

        long total = before + (long) threads * perThread;
        assertThat(storedCount()).isEqualTo(total);
        assertEveryTurnStored(sessions, perThread);
        assertIntact(total);
    }

    /**
     * Starts {@code threads} threads at once, each appending {@code perThread} turns of its own session
     * through the logs in turn (thread 0 through the first, thread 1 through the second, ...); returns the
     * sessions once every thread is done.
     */
    private static List<String> appendFromThreads(List<AuditLog> logs, int threads, int perThread) throws Exception {
        List<String> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog log = logs.get(t % logs.size());
                String session = newSession();
                sessions.add(session);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
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
        return sessions;
    }

    private void assertEveryTurnStored(List<String> sessions, int perThread) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
            expected.add("turn " + i);
        }
        for (String session : sessions) {
            assertThat(storedMessages(session)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @Tag("invariant-9")
    void failsWithAuditStoreUnavailableWhenTheStoreIsDown() {
        String session = newSession();
        takeStoreDown();

        assertThatThrownBy(() -> auditLog().append(event(session, "set status to shipped", AuditEvent.Outcome.OK)))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.AUDIT_STORE));
    }

    // ---- sample events, for implementations' own tests too ----

    /** A fresh session id. */
    protected static String newSession() {
        return "s-" + UUID.randomUUID();
    }

    /** A plain turn with no plan and no planner. */
    protected static AuditEvent event(String session, String message, AuditEvent.Outcome outcome) {
        return AuditEvent.withoutPlan(
                Instant.now(),
                session,
                editor(),
                message,
                AuditEvent.Action.READ,
                outcome,
                Optional.empty(),
                Duration.ofMillis(3));
    }

    /** A turn refused with {@code code}. */
    protected static AuditEvent refused(String session, String message, RefusalCode code) {
        return new AuditEvent(
                Instant.now(),
                session,
                editor(),
                message,
                AuditEvent.Action.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                AuditEvent.Outcome.REFUSED,
                Optional.of(code),
                0,
                Duration.ofMillis(2),
                Optional.empty(),
                Optional.empty(),
                Optional.of(PlannerTrace.offline("rules")));
    }

    /** A turn that failed with {@code error}. */
    protected static AuditEvent failed(String session, String message, Throwable error) {
        return new AuditEvent(
                Instant.now(),
                session,
                editor(),
                message,
                AuditEvent.Action.READ,
                Optional.of(Intent.READ),
                Optional.of("public.orders"),
                Map.of(),
                List.of(),
                Optional.empty(),
                AuditEvent.Outcome.ERROR,
                Optional.empty(),
                0,
                Duration.ofMillis(40),
                Optional.of(error.getClass().getSimpleName() + ": " + error.getMessage()),
                Optional.of("java.lang.IllegalStateException: boom\n\tat somewhere(Somewhere.java:1)\n"),
                Optional.of(PlannerTrace.offline("rules")));
    }

    /** A read with every part filled: filters, ordering, limit, tokens. */
    protected static AuditEvent fullRead(String session) {
        List<Condition> filters = List.of(
                Filter.of("city", Op.EQ, "Berlin"),
                Filter.of("total", Op.BETWEEN, List.of(new BigDecimal("10.00"), new BigDecimal("99.50"))),
                Filter.of("shipped_at", Op.IS_NULL, null));
        ReadPlan plan = new ReadPlan(
                "public.orders",
                List.of("id", "city", "total"),
                filters,
                List.of(Sort.descending("created_at")),
                OptionalInt.of(10));
        return new AuditEvent(
                Instant.now(),
                session,
                editor(),
                "show the 10 newest orders from Berlin",
                AuditEvent.Action.READ,
                Optional.of(Intent.READ),
                Optional.of("public.orders"),
                Map.of(),
                filters,
                Optional.of(plan),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                7,
                Duration.ofMillis(12),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new PlannerTrace("llm", "gpt-test", OptionalLong.of(812), OptionalLong.of(64), 2)));
    }

    /** A create preview with typed values, one of them SQL NULL. */
    protected static AuditEvent fullCreate(String session) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Ada Lovelace");
        values.put("email", "ada@example.org");
        values.put("born", LocalDate.of(1815, 12, 10));
        values.put("credit", new BigDecimal("12.50"));
        values.put("notes", null);
        return new AuditEvent(
                Instant.now(),
                session,
                editor(),
                "add a customer named Ada Lovelace",
                AuditEvent.Action.PREVIEW,
                Optional.of(Intent.CREATE),
                Optional.of("public.customer"),
                values,
                List.of(),
                Optional.of(new CreatePlan("public.customer", values)),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                0,
                Duration.ofMillis(9),
                Optional.empty(),
                Optional.empty(),
                Optional.of(PlannerTrace.offline("rules")));
    }

    /** An update commit that affected two rows. */
    protected static AuditEvent fullUpdate(String session) {
        Map<String, Object> changes = Map.of("status", "shipped");
        List<Condition> filters = List.of(Filter.of("id", Op.IN, List.of(1042L, 1043L)));
        return new AuditEvent(
                Instant.now(),
                session,
                editor(),
                "confirm",
                AuditEvent.Action.COMMIT,
                Optional.of(Intent.UPDATE),
                Optional.of("public.orders"),
                changes,
                filters,
                Optional.of(new UpdatePlan("public.orders", changes, filters)),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                2,
                Duration.ofMillis(25),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A universal command with every optional part empty. */
    protected static AuditEvent minimal(String session, String message) {
        return new AuditEvent(
                Instant.now(),
                session,
                UserContext.of("u-1", "viewer"),
                message,
                AuditEvent.Action.COMMAND,
                Optional.empty(),
                Optional.empty(),
                new HashMap<>(),
                List.of(),
                Optional.empty(),
                AuditEvent.Outcome.OK,
                Optional.empty(),
                0,
                Duration.ZERO,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static UserContext editor() {
        return new UserContext("u-1001", "editor", Optional.of("101"), Map.of("name", "Edith Editor"));
    }
}
