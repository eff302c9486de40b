package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.fields;
import static dev.tabletalk.securitytests.Plans.update;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.audit.AuditRecord;
import dev.tabletalk.audit.ChainVerification;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.launcher.AuditStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults between TableTalk and its databases, through in-test TCP proxies: the target database lost
 * mid-conversation and between preview and confirm, the audit store down, a statement past its
 * timeout and a row lock held past the lock timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {

    private TcpProxy targetProxy;
    private TcpProxy auditProxy;
    private SecureShop shop;

    @BeforeAll
    void start() throws Exception {
        targetProxy = new TcpProxy(PgServer.host(), PgServer.port());
        auditProxy = new TcpProxy(PgServer.host(), PgServer.port());
        // the audit log appends a batch on PostgreSQL in one statement, committed on its own (ChainAppender)
        auditProxy.countAsCommit("WITH moved AS (");
        shop = SecureShop.startVia(
                "fault",
                Limits.defaults().withStatementTimeout(Duration.ofSeconds(1)).withLockTimeout(Duration.ofMillis(500)),
                targetProxy.hostPort(),
                auditProxy.hostPort(),
                4);
    }

    @AfterEach
    void restore() {
        targetProxy.up();
        auditProxy.up();
        targetProxy.delay(Duration.ZERO);
        awaitAuditStore();
    }

    /** After the audit proxy was down, its pool may take a few seconds (connection back-off) to answer again. */
    private void awaitAuditStore() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                shop.auditCount();
                return;
            } catch (DependencyUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            targetProxy.close();
            auditProxy.close();
        }
    }

    private static void assertNoLeak(Reply reply) {
        String text = CaseRun.render(reply);
        for (String leak : List.of(
                "ERROR:",
                "SQLState",
                "org.postgresql",
                "Exception",
                "127.0.0.1",
                "jdbc:",
                "Connection refused",
                "at dev.tabletalk",
                "Hikari")) {
            assertThat(text).as("G5").doesNotContain(leak);
        }
        CaseRun.assertNoDatabasePort(text);
    }

    @Test
    @Tag("invariant-9")
    void pub083_theDatabaseLostMidConversationKeepsTheDraftAndRecovers() {
        CaseRun run = new CaseRun(shop);
        Reply question = run.plan(EDITOR, Plans.create("customers", fields("status", "active")));
        assertThat(question.part(ReplyPart.MissingFields.class)).isPresent();
        String session = question.sessionId();
        targetProxy.down();
        long started = System.nanoTime();
        Reply down = run.plan(EDITOR, Optional.of(session), Plans.read("customers", eq("id", 1)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        ReplyPart.Error error = down.part(ReplyPart.Error.class).orElseThrow(() -> new AssertionError(down));
        assertThat(error.code()).isEqualTo("database_unavailable");
        assertThat(error.retryable()).isTrue();
        assertThat(down.text()).containsIgnoringCase("unavailable").containsIgnoringCase("draft");
        assertNoLeak(down);
        targetProxy.up();
        Reply draft = run.say(EDITOR, Optional.of(session), "show draft");
        assertThat(draft.part(ReplyPart.Draft.class)).isPresent();
        Reply preview = run.say(EDITOR, Optional.of(session), "Fault Tolerant Co");
        Reply committed = run.confirm(EDITOR, session, SecureShop.previewId(preview));
        SecureShop.assertCommitted(committed, Intent.CREATE, 1);
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryLong(
                        "select count(*) from customers where name = 'Fault Tolerant Co' and company_id = 101"))
                .isEqualTo(1);
    }

    @Test
    @Tag("invariant-4")
    void pub084_aConnectionLostBetweenPreviewAndConfirmWritesNothingThenExactlyOnce() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("customers", fields("notes", "PUB-084"), eq("id", 21)));
        String id = SecureShop.previewId(preview);
        String before = shop.checksum();
        targetProxy.down();
        Reply failed = run.confirm(EDITOR, preview.sessionId(), id);
        assertThat(failed.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(failed.part(ReplyPart.Error.class)
                        .orElseThrow(() -> new AssertionError(failed))
                        .retryable())
                .isTrue();
        assertNoLeak(failed);
        assertThat(shop.checksum()).isEqualTo(before);
        targetProxy.up();
        SecureShop.assertCommitted(run.confirm(EDITOR, preview.sessionId(), id), Intent.UPDATE, 1);
        Reply again = run.confirm(EDITOR, preview.sessionId(), id);
        assertThat(again.part(ReplyPart.Committed.class)).isEmpty();
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryString("select notes || ' v' || version from customers where id = 21"))
                .isEqualTo("PUB-084 v1");
        // exactly one commit record for this session
        assertThat(shop.audit.queries().turns(preview.sessionId()).stream()
                        .filter(r -> r.action().equals("commit") && r.outcome().equals("ok"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    @Tag("invariant-9")
    void theAuditStoreDownRefusesWritesAndTheChainStaysIntact() {
        Reply preview =
                shop.plan(EDITOR, Optional.empty(), update("customers", fields("notes", "audit down"), eq("id", 22)));
        String before = shop.checksum();
        long entries = shop.auditCount();
        auditProxy.down();
        Reply confirm = shop.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
        assertThat(confirm.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(confirm.refusal()
                        .orElseThrow(() -> new AssertionError(confirm))
                        .code())
                .isEqualTo(RefusalCode.AUDIT_UNAVAILABLE);
        Reply newWrite =
                shop.plan(EDITOR, Optional.empty(), update("customers", fields("notes", "audit down 2"), eq("id", 23)));
        assertThat(newWrite.part(ReplyPart.Preview.class)).isEmpty();
        assertThat(newWrite.refusal()
                        .orElseThrow(() -> new AssertionError(newWrite))
                        .code())
                .isEqualTo(RefusalCode.AUDIT_UNAVAILABLE);
        assertNoLeak(confirm);
        assertNoLeak(newWrite);
        assertThat(shop.checksum()).isEqualTo(before);
        auditProxy.up();
        awaitAuditStore();
        assertThat(shop.auditCount()).isEqualTo(entries);
        CaseRun run = new CaseRun(shop);
        SecureShop.assertCommitted(
                run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview)), Intent.UPDATE, 1);
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryString("select notes from customers where id = 22"))
                .isEqualTo("audit down");
    }

    @Test
    @Tag("invariant-11")
    void pub102_aCreateWhoseCommitAnswerIsLostIsAnUnknownOutcomeAndIsNeverWrittenTwice() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, Plans.create("customers", fields("name", "PUB-102 Co", "status", "active")));
        String id = SecureShop.previewId(preview);
        int cut = targetProxy.commitsCut();
        targetProxy.loseTheAnswerToTheNextCommit(false);

        Reply first = run.confirm(EDITOR, preview.sessionId(), id);

        assertThat(targetProxy.commitsCut()).isEqualTo(cut + 1);
        assertThat(first.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(first.refusal().orElseThrow(() -> new AssertionError(first)).code())
                .isEqualTo(RefusalCode.OUTCOME_UNKNOWN);
        assertThat(first.text())
                .contains("not known whether it was saved")
                .contains("found it applied")
                .doesNotContain("Nothing was changed");
        assertNoLeak(first);
        Reply again = run.confirm(EDITOR, preview.sessionId(), id);
        assertThat(again.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(again.refusal().orElseThrow(() -> new AssertionError(again)).code())
                .isIn(RefusalCode.PREVIEW_NOT_FOUND, RefusalCode.ALREADY_CONFIRMED);
        assertThat(shop.queryLong("select count(*) from customers where name = 'PUB-102 Co' and company_id = 101"))
                .isEqualTo(1);
        run.assertGlobalAfterConfirmedChange();
        List<String> commits = shop.audit.queries().turns(preview.sessionId()).stream()
                .filter(r -> r.action().equals("commit"))
                .map(r -> r.outcome())
                .toList();
        assertThat(commits)
                .as("audit: pending, then unknown, then the refused second confirm")
                .containsExactly("pending", "unknown", "refused");
        assertThat(shop.audit.queries().turns(preview.sessionId()).stream()
                        .filter(r -> r.outcome().equals("unknown"))
                        .findFirst()
                        .orElseThrow()
                        .errorMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("follow-up check: applied"));
    }

    @Test
    @Tag("invariant-11")
    void pub102_anUpdateWhoseCommitAnswerIsLostSaysWhatTheFollowUpCheckFound() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("customers", fields("notes", "PUB-102 update"), eq("id", 28)));
        targetProxy.loseTheAnswerToTheNextCommit(false);

        Reply first = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));

        assertThat(first.refusal().orElseThrow(() -> new AssertionError(first)).code())
                .isEqualTo(RefusalCode.OUTCOME_UNKNOWN);
        assertThat(first.text()).contains("found it applied");
        assertNoLeak(first);
        assertThat(shop.queryString("select notes from customers where id = 28"))
                .isEqualTo("PUB-102 update");
        run.assertGlobalAfterConfirmedChange();
    }

    @Test
    @Tag("invariant-9")
    void pub103_aLostAuditAcknowledgementNeverLeavesCommitOkAndShowsAsUnresolved() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("customers", fields("notes", "PUB-103"), eq("id", 29)));
        String before = shop.checksum();
        // the gate's pending entry is stored, its answer is lost, and the store is unreachable after that
        int cut = auditProxy.commitsCut();
        auditProxy.loseTheAnswerToTheNextCommit(true);

        Reply refused = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));

        assertThat(auditProxy.commitsCut()).isEqualTo(cut + 1);
        assertThat(refused.part(ReplyPart.Committed.class)).isEmpty();
        assertThat(refused.refusal()
                        .orElseThrow(() -> new AssertionError(refused))
                        .code())
                .isEqualTo(RefusalCode.AUDIT_UNAVAILABLE);
        assertNoLeak(refused);
        assertThat(shop.checksum()).as("G6: the write rolled back").isEqualTo(before);
        auditProxy.up();
        awaitAuditStore();
        List<AuditRecord> turns = shop.audit.queries().turns(preview.sessionId());
        assertThat(turns)
                .noneMatch(r -> r.action().equals("commit") && r.outcome().equals("ok"));
        AuditRecord pending = turns.stream()
                .filter(r -> r.outcome().equals("pending"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(turns));
        // audit verify: intact, with the write listed as unresolved; audit show: marked unresolved
        assertThat(shop.audit.verify())
                .isInstanceOfSatisfying(
                        ChainVerification.Intact.class,
                        intact -> assertThat(intact.unresolvedWrites()).contains(pending.sequence()));
        try (AuditStore store = AuditStore.open(PgServer.url(shop.auditDb) + "?user=" + PgServer.USER)) {
            assertThat(store.verify().unresolvedWrites()).contains(pending.sequence());
            assertThat(store.turns(preview.sessionId()))
                    .filteredOn(t -> t.sequence() == pending.sequence())
                    .singleElement()
                    .satisfies(t -> assertThat(t.unresolved()).isTrue());
        }
        // the retry (the preview was kept) writes once and is recorded as committed once
        SecureShop.assertCommitted(
                run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview)), Intent.UPDATE, 1);
        assertThat(shop.audit.queries().turns(preview.sessionId()).stream()
                        .filter(r -> r.action().equals("commit") && r.outcome().equals("ok"))
                        .count())
                .isEqualTo(1);
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryString("select notes from customers where id = 29"))
                .isEqualTo("PUB-103");
    }

    /**
     * The audit append of a turn is committed but its answer is lost (the store stays up): the writer tries again on
     * another connection, finds the append in the chain by its place and hash, and does not write it twice. The turn
     * answers, with exactly one audit record.
     */
    @Test
    @Tag("invariant-9")
    void aLostAuditAcknowledgementWhileTheStoreStaysUpIsFoundInTheChainAndNeverWrittenTwice() {
        CaseRun run = new CaseRun(shop);
        long before = shop.auditCount();
        int cut = auditProxy.commitsCut();
        auditProxy.loseTheAnswerToTheNextCommit(false);

        Reply read = run.plan(EDITOR, Plans.read("customers", eq("id", 1)));

        assertThat(auditProxy.commitsCut()).isEqualTo(cut + 1);
        assertThat(read.part(ReplyPart.Rows.class)).as(read.text()).isPresent();
        assertNoLeak(read);
        assertThat(shop.audit.queries().turns(read.sessionId())).hasSize(1);
        assertThat(shop.auditCount()).isEqualTo(before + 1);
        assertThat(shop.audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void pub088_aStatementPastItsTimeoutRollsBackAndCanBeRetried() {
        shop.harnessSql(
                "create function probe.slow() returns trigger language plpgsql as $$ begin "
                        + "if new.notes = 'slow PUB-088' then perform pg_sleep(3); end if; return new; end $$",
                "create trigger tt_slow before update on customers for each row execute function probe.slow()");
        try {
            CaseRun run = new CaseRun(shop);
            Reply preview = run.plan(EDITOR, update("customers", fields("notes", "slow PUB-088"), eq("id", 24)));
            long started = System.nanoTime();
            Reply timedOut = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
            assertThat(timedOut.part(ReplyPart.Committed.class)).isEmpty();
            assertThat(timedOut.refusal()
                            .orElseThrow(() -> new AssertionError(timedOut))
                            .code())
                    .isEqualTo(RefusalCode.STATEMENT_TIMEOUT);
            assertNoLeak(timedOut);
            run.assertGlobal();
            assertThat(shop.queryString("select coalesce(notes, '-') from customers where id = 24"))
                    .isNotEqualTo("slow PUB-088");
        } finally {
            shop.harnessSql("drop trigger tt_slow on customers", "drop function probe.slow()");
        }
    }

    @Test
    void pub079_aHeldRowLockFailsTheConfirmAfterTheLockTimeoutAndRetrySucceeds() throws Exception {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("customers", fields("notes", "PUB-079"), eq("id", 25)));
        try (Connection holder = shop.harness();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.executeQuery("select * from customers where id = 25 for update").close();
            long started = System.nanoTime();
            Reply locked = run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(locked.part(ReplyPart.Committed.class)).isEmpty();
            assertThat(locked.refusal()
                            .orElseThrow(() -> new AssertionError(locked))
                            .code())
                    .isIn(RefusalCode.LOCK_TIMEOUT, RefusalCode.STATEMENT_TIMEOUT);
            assertThat(locked.text()).containsIgnoringCase("try again");
            assertNoLeak(locked);
            holder.rollback();
        }
        SecureShop.assertCommitted(
                run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview)), Intent.UPDATE, 1);
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryString("select notes from customers where id = 25"))
                .isEqualTo("PUB-079");
    }

    @Test
    void aSlowNetworkStillAnswersAndTheConversationGoesOn() {
        CaseRun run = new CaseRun(shop);
        targetProxy.delay(Duration.ofMillis(50));
        Reply slow = run.plan(EDITOR, Plans.read("customers", eq("id", 26)));
        targetProxy.delay(Duration.ZERO);
        assertThat(slow.part(ReplyPart.Rows.class)
                        .orElseThrow(() -> new AssertionError(slow))
                        .rows()
                        .size())
                .isEqualTo(1);
        run.assertGlobal();
    }

    @Test
    void pub085_anExhaustedPoolFailsFastAndRecovers() throws Exception {
        List<Connection> held = new ArrayList<>();
        CaseRun run = new CaseRun(shop);
        try {
            for (int i = 0; i < 4; i++) {
                held.add(shop.targetPool.getConnection());
            }
            long started = System.nanoTime();
            Reply starved = run.plan(EDITOR, Plans.read("customers", eq("id", 27)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(starved.part(ReplyPart.Error.class)
                            .orElseThrow(() -> new AssertionError(starved))
                            .retryable())
                    .isTrue();
            assertNoLeak(starved);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        Reply served = run.plan(EDITOR, Plans.read("customers", eq("id", 27)));
        assertThat(served.part(ReplyPart.Rows.class)
                        .orElseThrow(() -> new AssertionError(served))
                        .rows()
                        .size())
                .isEqualTo(1);
        run.assertGlobal();
    }

    @Test
    void pub086_aReadPastTheStatementTimeoutIsCancelledAndTheConnectionStaysHealthy() throws Exception {
        CaseRun run = new CaseRun(shop);
        try (Connection holder = shop.harness();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("lock table orders in access exclusive mode");
            long started = System.nanoTime();
            Reply blocked = run.plan(EDITOR, Plans.read("orders", eq("status", "new")));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(blocked.part(ReplyPart.Rows.class)).isEmpty();
            assertThat(blocked.refusal()
                            .map(r -> r.code().wireName())
                            .or(() -> blocked.part(ReplyPart.Error.class).map(ReplyPart.Error::code))
                            .orElseThrow())
                    .isIn("statement_timeout", "lock_timeout");
            assertNoLeak(blocked);
            holder.rollback();
        }
        for (int i = 0; i < 5; i++) {
            Reply read = run.plan(EDITOR, Plans.read("orders", eq("status", "new")));
            assertThat(read.part(ReplyPart.Rows.class)
                            .orElseThrow(() -> new AssertionError(read))
                            .rows()
                            .size())
                    .isEqualTo(5);
        }
        run.assertGlobal();
    }
}
