package dev.tabletalk.core.port.out;

import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import java.util.Objects;

/** What a write preview gave: a confirmable preview, or a refusal with nothing to confirm. */
public sealed interface PreviewOutcome {

    /** The preview to show and the snapshot a confirm must match. */
    record Ready(Preview preview, PreviewSnapshot snapshot) implements PreviewOutcome {
        public Ready {
            Objects.requireNonNull(preview, "preview");
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    record Refused(Refusal refusal) implements PreviewOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
