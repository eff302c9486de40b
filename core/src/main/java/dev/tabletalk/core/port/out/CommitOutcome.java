package dev.tabletalk.core.port.out;

import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowKey;
import java.util.List;
import java.util.Objects;

/** What happened when a confirmed preview was applied. */
public sealed interface CommitOutcome {

    /** The write is committed: {@code rowCount} rows, with these keys (generated keys for a create). */
    record Committed(int rowCount, List<RowKey> keys) implements CommitOutcome {
        public Committed {
            if (rowCount < 0) {
                throw new IllegalArgumentException("rowCount must not be negative: " + rowCount);
            }
            keys = List.copyOf(keys);
        }
    }

    /** Nothing was written. */
    record Refused(Refusal refusal) implements CommitOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
