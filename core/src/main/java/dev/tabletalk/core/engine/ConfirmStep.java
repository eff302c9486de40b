package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConfirmedPreview;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.Wording;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The confirm step: only an explicit confirm of the session's pending preview, single-use and before it
 * expires, runs the write. Policy is checked again first; the preview is claimed (taken out of the session)
 * before the write runs; the turn's "pending" audit entry is appended inside the write transaction, and a
 * resolution entry says what became of it: committed, refused, or unknown when the commit's answer was lost.
 */
final class ConfirmStep {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final PlanValidator validator;
    private final GuardedExecutor executor;
    private final GuardedSessions sessions;
    private final Clock clock;
    private final TurnAudit audit;
    private final PreviewStep previews;
    private final Failures failures;
    private final Duration settledAfter;

    ConfirmStep(
            PlanValidator validator,
            GuardedExecutor executor,
            GuardedSessions sessions,
            Clock clock,
            TurnAudit audit,
            PreviewStep previews,
            Failures failures,
            Duration settledAfter) {
        this.validator = validator;
        this.executor = executor;
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.previews = previews;
        this.failures = failures;
        this.settledAfter = settledAfter;
    }

    /**
     * How long after a confirm no write of it can still be under way: its transaction runs at most six statements
     * on the target (the rows' lock, the references, the write, the row rules, the commit gate's audit append, the
     * commit), each within the statement timeout, and the database ends the transaction of a server that went away
     * at its next statement. Twice that, and never under a minute.
     */
    static Duration settledAfter(Limits limits) {
        Duration bound = limits.statementTimeout().multipliedBy(12);
        return bound.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : bound;
    }

    Step confirm(TurnContext ctx, ConversationState state, Optional<String> requestedId) {
        Turn turn = ctx.turn();
        UserContext user = ctx.user();
        turn.action(AuditEvent.Action.COMMIT);
        if (!ctx.channel().canConfirm()) {
            // INV-12: a model's tool call never confirms, in any wording or by id; the preview stays pending
            return Step.refuse(turn, state, Refusal.of(RefusalCode.CONFIRM_NEEDS_PERSON, Wording.CONFIRM_NEEDS_PERSON));
        }
        if (state.pending().isEmpty()
                && state.confirmed().isPresent()
                && requestedId
                        .map(id -> sameId(id, state.confirmed().get().id()))
                        .orElse(true)) {
            return askedAgain(ctx, state, state.confirmed().get());
        }
        if (state.pending().isEmpty()
                && state.expiredPreviewId().isPresent()
                && requestedId
                        .map(id -> sameId(id, state.expiredPreviewId().get()))
                        .orElse(true)) {
            // the session store removed the expired preview and kept its draft
            return expired(ctx, state, state.draft().orElseThrow());
        }
        if (state.pending().isEmpty()) {
            RefusalCode code = requestedId.isPresent() ? RefusalCode.PREVIEW_NOT_FOUND : RefusalCode.NO_PENDING_PREVIEW;
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(
                            code,
                            requestedId.isPresent() ? Wording.NO_PREVIEW_WITH_THAT_ID : Wording.NO_PREVIEW_WAITING));
        }
        PendingPreview pending = state.pending().get();
        Draft draft = state.draft().orElseThrow();
        if (requestedId.isPresent() && !sameId(requestedId.get(), pending.id())) {
            return Step.refuse(turn, state, Refusal.of(RefusalCode.PREVIEW_NOT_FOUND, Wording.NO_PREVIEW_WITH_THAT_ID));
        }
        Plan plan = pending.snapshot().plan();
        turn.plan(plan);
        if (pending.isExpiredAt(clock.now())) {
            return expired(ctx, state, draft);
        }
        // INV-4, INV-10: policy is checked again at confirm time (role, read-only mode, schema)
        Validation recheck = validator.validate(plan, ctx.catalog(), user);
        if (recheck instanceof Validation.Invalid invalid) {
            turn.refused(invalid.problems().get(0).code());
            ConversationState next = state.collecting(draft, clock.now());
            return Step.changed(Replies.refused(next, changedSincePreview(invalid.refusal())), next);
        }
        // single use: take the preview out of the session before the write runs (and the last read: rows may change)
        ConversationState claimed;
        // it stays in the session as the one this confirm took, until the conversation moves on
        SaveOutcome claim = sessions.save(
                state.idle(clock.now()).withoutLastRead().withConfirmed(ConfirmedPreview.of(pending, clock.now())),
                state.version());
        if (claim instanceof SaveOutcome.Saved saved) {
            claimed = saved.state();
        } else {
            Optional<ConversationState> now = ((SaveOutcome.VersionConflict) claim).current();
            boolean stillPending = now.flatMap(ConversationState::pending)
                    .map(p -> p.id().equals(pending.id()))
                    .orElse(false);
            return stillPending
                    ? Step.refuse(
                            turn,
                            state,
                            Refusal.of(
                                    RefusalCode.BUSY,
                                    "Another message in this conversation is being handled; send 'confirm' again in a moment."))
                    : Step.refuse(
                            turn,
                            state,
                            Refusal.of(
                                    RefusalCode.ALREADY_CONFIRMED,
                                    "That preview was already confirmed or replaced; nothing more was done."));
        }
        return write(ctx, state, claimed, pending, draft);
    }

    /**
     * Runs the claimed write: its "pending" entry goes into the audit log inside the transaction, and the
     * entry that resolves it follows once the commit has answered (committed, refused or unknown).
     */
    private Step write(
            TurnContext ctx, ConversationState state, ConversationState claimed, PendingPreview pending, Draft draft) {
        Turn turn = ctx.turn();
        Plan plan = pending.snapshot().plan();
        try {
            CommitOutcome outcome = executor.executeConfirmed(pending.snapshot(), ctx.user(), committed -> {
                turn.rows(committed.rowCount()).pending();
                // INV-9: the audit record is written inside the write transaction, or the write rolls back;
                // it says "pending": the entry below (or finish()) resolves it once the commit has answered
                audit.append(turn);
            });
            if (outcome instanceof CommitOutcome.Committed committed) {
                turn.rows(committed.rowCount()).committed();
                audit.appendResolution(turn);
                return Step.audited(Replies.reply(
                        claimed,
                        Texts.describeCommit(plan, committed),
                        new ReplyPart.Committed(plan.intent(), plan.entity(), committed.rowCount(), committed.keys())));
            }
            if (outcome instanceof CommitOutcome.Unknown unknown) {
                return unknownOutcome(turn, claimed, plan, unknown);
            }
            Refusal refusal = ((CommitOutcome.Refused) outcome).refusal();
            turn.refused(refusal.code());
            if (refusal.code() == RefusalCode.ROWS_CHANGED) {
                Step again = previews.preview(ctx, claimed, draft, refusal.message() + " Nothing was changed. ");
                turn.action(AuditEvent.Action.COMMIT).refused(refusal.code());
                return again;
            }
            if (refusal.code() == RefusalCode.LOCK_TIMEOUT || refusal.code() == RefusalCode.STATEMENT_TIMEOUT) {
                ConversationState restored = claimed.previewing(draft, pending, clock.now());
                return Step.changed(
                        Replies.refused(
                                restored,
                                Refusal.of(
                                        refusal.code(),
                                        refusal.message() + " Nothing was changed; say 'confirm' to try again.")),
                        restored);
            }
            ConversationState next = draft.intent() == Intent.CREATE
                    ? claimed.collecting(draft, clock.now())
                    : claimed.idle(clock.now());
            return Step.changed(Replies.refused(next, refusal), next);
        } catch (DependencyUnavailableException e) {
            // nothing was written: put the preview back so the person can confirm again
            ConversationState restored = claimed.previewing(draft, pending, clock.now());
            if (e.dependency() == Dependency.AUDIT_STORE) {
                log.error("audit store unavailable; write refused in session {}", state.sessionId(), e);
                turn.refused(RefusalCode.AUDIT_UNAVAILABLE);
                // the gate's entry may be stored with its acknowledgement lost: say it was not committed
                audit.appendResolution(turn);
                return Step.changed(Replies.refused(restored, Replies.auditUnavailable()), restored)
                        .markAudited();
            }
            // if the gate had already recorded the commit, this second record says it did not happen
            Step failed = failures.failed(turn, restored, e);
            return Step.changed(failed.reply(), restored);
        }
    }

    /**
     * A confirm of the preview the session's last confirm took: the person did not get that confirm's answer (a
     * dropped connection, a server that went away in the middle of the write) or says it again. Nothing is
     * written; the reply says when it was confirmed and what the database holds now, found by one read.
     */
    private Step askedAgain(TurnContext ctx, ConversationState state, ConfirmedPreview confirmed) {
        Turn turn = ctx.turn();
        Plan plan = confirmed.snapshot().plan();
        turn.plan(plan);
        CommitOutcome.Unknown found = executor.checkConfirmed(confirmed.snapshot(), ctx.user());
        Duration since = Duration.between(confirmed.confirmedAt(), clock.now());
        return Step.refuse(
                turn,
                state,
                Refusal.of(
                        RefusalCode.ALREADY_CONFIRMED,
                        Texts.describeConfirmedAgain(plan, found, since, since.compareTo(settledAfter) >= 0)));
    }

    /** A confirm of an expired preview: nothing is written, and a fresh preview of the draft is shown. */
    private Step expired(TurnContext ctx, ConversationState state, Draft draft) {
        Turn turn = ctx.turn();
        turn.refused(RefusalCode.PREVIEW_EXPIRED);
        Step fresh = previews.preview(ctx, state, draft, "That preview expired, so nothing was changed. ");
        turn.action(AuditEvent.Action.COMMIT).refused(RefusalCode.PREVIEW_EXPIRED);
        return fresh;
    }

    /**
     * The commit was sent but its answer was lost (PUB-102): the preview stays used up (the write may have
     * happened), the reply says the outcome is unknown and what the follow-up check found, and the audit log
     * resolves the gate's pending entry as unknown.
     */
    private Step unknownOutcome(Turn turn, ConversationState claimed, Plan plan, CommitOutcome.Unknown unknown) {
        log.warn(
                "commit outcome unknown in session {} (follow-up check: {})",
                claimed.sessionId(),
                unknown.finding().wireName());
        turn.rows(unknown.rowCount()).unknown(unknown.finding().wireName());
        audit.appendResolution(turn);
        return Step.audited(Replies.refused(
                claimed, Refusal.of(RefusalCode.OUTCOME_UNKNOWN, Texts.describeUnknown(plan, unknown))));
    }

    private static boolean sameId(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A preview that no longer validates at confirm: the schema (a migration, seen by the catalog poll or a reload)
     * or the caller's permissions changed since it was made. The reply says so, and that nothing was written; the
     * read-only switch speaks for itself.
     */
    private static Refusal changedSincePreview(Refusal refusal) {
        if (refusal.code() == RefusalCode.READ_ONLY_MODE) {
            return refusal;
        }
        return Refusal.of(
                refusal.code(),
                refusal.message() + " The schema or your permissions changed since the preview, so nothing was "
                        + "changed; ask again for a new preview.");
    }
}
