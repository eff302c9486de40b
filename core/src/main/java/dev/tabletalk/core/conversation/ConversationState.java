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
 * @param stage idle, collecting or preview
 * @param draft the draft in progress (collecting, preview)
 * @param pending the preview waiting for a confirm (preview only)
 * @param version the stored version this state was read at (0 before the first save)
 * @param updatedAt when this state was produced
 */
public record ConversationState(
        String sessionId,
        String ownerUserId,
        Optional<String> ownerTenant,
        Stage stage,
        Optional<Draft> draft,
        Optional<PendingPreview> pending,
        long version,
        Instant updatedAt) {

    public ConversationState {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(ownerUserId, "ownerUserId");
        Objects.requireNonNull(ownerTenant, "ownerTenant");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (stage == Stage.IDLE && (draft.isPresent() || pending.isPresent())) {
            throw new IllegalArgumentException("an idle session has no draft and no pending preview");
        }
        if (stage == Stage.COLLECTING && (draft.isEmpty() || pending.isPresent())) {
            throw new IllegalArgumentException("a collecting session has a draft and no pending preview");
        }
        if (stage == Stage.PREVIEW && (draft.isEmpty() || pending.isEmpty())) {
            throw new IllegalArgumentException("a session in preview has a draft and a pending preview");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** A new, idle session that has never been saved. */
    public static ConversationState start(String sessionId, String ownerUserId, Optional<String> ownerTenant,
            Instant now) {
        return new ConversationState(sessionId, ownerUserId, ownerTenant, Stage.IDLE, Optional.empty(),
                Optional.empty(), 0, now);
    }

    public ConversationState idle(Instant now) {
        return new ConversationState(sessionId, ownerUserId, ownerTenant, Stage.IDLE, Optional.empty(),
                Optional.empty(), version, now);
    }

    public ConversationState collecting(Draft newDraft, Instant now) {
        return new ConversationState(sessionId, ownerUserId, ownerTenant, Stage.COLLECTING, Optional.of(newDraft),
                Optional.empty(), version, now);
    }

    public ConversationState previewing(Draft newDraft, PendingPreview preview, Instant now) {
        return new ConversationState(sessionId, ownerUserId, ownerTenant, Stage.PREVIEW, Optional.of(newDraft),
                Optional.of(preview), version, now);
    }

    public ConversationState withVersion(long newVersion) {
        return new ConversationState(sessionId, ownerUserId, ownerTenant, stage, draft, pending, newVersion,
                updatedAt);
    }
}
