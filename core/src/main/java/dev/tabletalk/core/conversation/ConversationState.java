package dev.tabletalk.core.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One session's state. Immutable; every transition returns a new instance, and the session
 * store's optimistic {@code version} keeps concurrent turns from overwriting each other.
 *
 * @param sessionId the session
 * @param ownerUserId the user the session belongs to; nobody else may use it
 * @param ownerTenant the tenant it was opened under, if any
 * @param stage idle, collecting, preview or clarifying
 * @param draft the draft in progress (collecting, preview)
 * @param pending the preview waiting for a confirm (preview only)
 * @param version the stored version this state was read at (0 before the first save)
 * @param updatedAt when this state was produced
 * @param expiredPreviewId the id of a preview that expired unconfirmed and was removed (collecting only: its
 *     draft is kept, and a confirm answers that the preview expired and shows a fresh one)
 * @param question the question waiting for its answer (clarifying only; a draft in progress may be kept beside
 *     it). It expires with the session, like a draft.
 * @param lastRead the last read, which "show more" continues
 * @param macro a macro waiting for the value of one of its arguments (collecting, without a draft, #14)
 * @param confirmed the preview the last confirm took, kept while the session stays idle after it, so that a
 *     confirm of it sent again is told what became of it
 */
public record ConversationState(
        String sessionId,
        String ownerUserId,
        Optional<String> ownerTenant,
        Stage stage,
        Optional<Draft> draft,
        Optional<PendingPreview> pending,
        long version,
        Instant updatedAt,
        Optional<String> expiredPreviewId,
        Optional<Question> question,
        Optional<LastRead> lastRead,
        Optional<PendingMacro> macro,
        Optional<ConfirmedPreview> confirmed) {

    public ConversationState {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(ownerUserId, "ownerUserId");
        Objects.requireNonNull(ownerTenant, "ownerTenant");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiredPreviewId, "expiredPreviewId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(lastRead, "lastRead");
        Objects.requireNonNull(macro, "macro");
        Objects.requireNonNull(confirmed, "confirmed");
        if (confirmed.isPresent() && stage != Stage.IDLE) {
            throw new IllegalArgumentException("only an idle session keeps the preview its last confirm took");
        }
        if (macro.isPresent()
                && (stage != Stage.COLLECTING || draft.isPresent() || pending.isPresent() || question.isPresent())) {
            throw new IllegalArgumentException("a macro waits for an argument in a collecting session without a draft");
        }
        if (stage == Stage.IDLE && (draft.isPresent() || pending.isPresent())) {
            throw new IllegalArgumentException("an idle session has no draft and no pending preview");
        }
        if (stage == Stage.COLLECTING && ((draft.isEmpty() && macro.isEmpty()) || pending.isPresent())) {
            throw new IllegalArgumentException(
                    "a collecting session has a draft or a macro waiting for an argument, and no pending preview");
        }
        if (stage == Stage.PREVIEW && (draft.isEmpty() || pending.isEmpty())) {
            throw new IllegalArgumentException("a session in preview has a draft and a pending preview");
        }
        if ((stage == Stage.CLARIFYING) != question.isPresent()) {
            throw new IllegalArgumentException(
                    "a question waits for its answer exactly when the session is clarifying");
        }
        if (stage == Stage.CLARIFYING && pending.isPresent() && draft.isEmpty()) {
            throw new IllegalArgumentException("a pending preview kept beside a question keeps its draft");
        }
        if (expiredPreviewId.isPresent() && stage != Stage.COLLECTING) {
            throw new IllegalArgumentException("only a collecting session keeps the id of its expired preview");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** A new, idle session that has never been saved. */
    public static ConversationState start(
            String sessionId, String ownerUserId, Optional<String> ownerTenant, Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.IDLE,
                Optional.empty(),
                Optional.empty(),
                0,
                now,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public ConversationState idle(Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.IDLE,
                Optional.empty(),
                Optional.empty(),
                version,
                now,
                Optional.empty(),
                Optional.empty(),
                lastRead,
                Optional.empty(),
                Optional.empty());
    }

    public ConversationState collecting(Draft newDraft, Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.COLLECTING,
                Optional.of(newDraft),
                Optional.empty(),
                version,
                now,
                Optional.empty(),
                Optional.empty(),
                lastRead,
                Optional.empty(),
                Optional.empty());
    }

    public ConversationState previewing(Draft newDraft, PendingPreview preview, Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.PREVIEW,
                Optional.of(newDraft),
                Optional.of(preview),
                version,
                now,
                Optional.empty(),
                Optional.empty(),
                lastRead,
                Optional.empty(),
                Optional.empty());
    }

    public ConversationState withVersion(long newVersion) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                stage,
                draft,
                pending,
                newVersion,
                updatedAt,
                expiredPreviewId,
                question,
                lastRead,
                macro,
                confirmed);
    }

    /**
     * This state asking {@code newQuestion}: clarifying, with any draft and pending preview kept for when the
     * question is answered or dropped.
     */
    public ConversationState clarifying(Question newQuestion, Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.CLARIFYING,
                draft,
                pending,
                version,
                now,
                Optional.empty(),
                Optional.of(newQuestion),
                lastRead,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * This state without its question, back where it stood before: preview if a preview is pending, collecting
     * if a draft is kept, else idle. Same version and time.
     */
    public ConversationState withoutQuestion() {
        if (question.isEmpty()) {
            return this;
        }
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                pending.isPresent() ? Stage.PREVIEW : draft.isPresent() ? Stage.COLLECTING : Stage.IDLE,
                draft,
                pending,
                version,
                updatedAt,
                Optional.empty(),
                Optional.empty(),
                lastRead,
                macro,
                confirmed);
    }

    /**
     * This state without its pending preview, which has expired: the draft is kept (collecting) and the
     * preview's id remembered, so that a confirm can say it expired. Same version and time.
     */
    public ConversationState withoutExpiredPreview() {
        PendingPreview expired = pending.orElseThrow(() -> new IllegalStateException("no pending preview"));
        if (question.isPresent()) {
            // the question stays; its answer finds the draft without the expired preview
            return new ConversationState(
                    sessionId,
                    ownerUserId,
                    ownerTenant,
                    Stage.CLARIFYING,
                    draft,
                    Optional.empty(),
                    version,
                    updatedAt,
                    Optional.empty(),
                    question,
                    lastRead,
                    macro,
                    Optional.empty());
        }
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.COLLECTING,
                draft,
                Optional.empty(),
                version,
                updatedAt,
                Optional.of(expired.id()),
                Optional.empty(),
                lastRead,
                macro,
                Optional.empty());
    }

    /**
     * This state waiting for an argument of a macro ({@code call}): collecting, without a draft, a question or a
     * preview (a macro is called from a session that has none of them).
     */
    public ConversationState awaitingMacro(PendingMacro call, Instant now) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                Stage.COLLECTING,
                Optional.empty(),
                Optional.empty(),
                version,
                now,
                Optional.empty(),
                Optional.empty(),
                lastRead,
                Optional.of(call),
                Optional.empty());
    }

    /** This state remembering {@code read} as the last read (for "show more"); same stage, version and time. */
    public ConversationState withLastRead(LastRead read) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                stage,
                draft,
                pending,
                version,
                updatedAt,
                expiredPreviewId,
                question,
                Optional.of(read),
                macro,
                confirmed);
    }

    /** This state without a last read to continue; same stage, version and time. */
    public ConversationState withoutLastRead() {
        if (lastRead.isEmpty()) {
            return this;
        }
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                stage,
                draft,
                pending,
                version,
                updatedAt,
                expiredPreviewId,
                question,
                Optional.empty(),
                macro,
                confirmed);
    }

    /** This idle state keeping {@code preview} as the one its confirm took; same version and time. */
    public ConversationState withConfirmed(ConfirmedPreview preview) {
        return new ConversationState(
                sessionId,
                ownerUserId,
                ownerTenant,
                stage,
                draft,
                pending,
                version,
                updatedAt,
                expiredPreviewId,
                question,
                lastRead,
                macro,
                Optional.of(preview));
    }
}
