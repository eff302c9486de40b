package dev.tabletalk.core.conversation;

import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * A preview waiting for a confirm. Single-use: a confirm removes it from the session before the
 * write runs, so two confirms can never both execute it.
 *
 * @param id an unguessable id (128 random bits), for confirm-by-id
 * @param preview what the person was shown
 * @param snapshot what a confirm must match
 * @param expiresAt after this instant a confirm is refused
 */
public record PendingPreview(String id, Preview preview, PreviewSnapshot snapshot, Instant expiresAt) {

    public PendingPreview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
