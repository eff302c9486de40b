package dev.tabletalk.core.conversation;

import dev.tabletalk.core.rows.PreviewSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * A preview that a confirm took out of the session before its write ran. It is kept in the idle session that
 * the confirm saved, so that a later confirm of it (the person did not get the first answer: a dropped
 * connection, a server that went away mid-write) is told what became of it instead of "no preview is waiting".
 * It is dropped with the next change of the conversation.
 *
 * @param id the preview's id
 * @param snapshot what the confirm wrote, or was to write
 * @param confirmedAt when the confirm took it
 */
public record ConfirmedPreview(String id, PreviewSnapshot snapshot, Instant confirmedAt) {

    public ConfirmedPreview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }

    /** The preview {@code pending}, taken by a confirm at {@code now}. */
    public static ConfirmedPreview of(PendingPreview pending, Instant now) {
        return new ConfirmedPreview(pending.id(), pending.snapshot(), now);
    }
}
