package dev.tabletalk.core.port.out;

import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowKey;
import java.util.List;
import java.util.Locale;
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

    /**
     * The commit was sent after the gate approved it, but the connection was lost before the database
     * answered: the write may or may not have happened. {@code finding} is what one follow-up check on
     * a fresh connection found.
     *
     * @param finding the state the follow-up check found
     * @param rowCount how many rows the write was to change (1 for a create)
     * @param keys the previewed rows' keys (for a create: the row's key when the check found it)
     */
    record Unknown(Finding finding, int rowCount, List<RowKey> keys) implements CommitOutcome {
        public Unknown {
            Objects.requireNonNull(finding, "finding");
            if (rowCount < 0) {
                throw new IllegalArgumentException("rowCount must not be negative: " + rowCount);
            }
            keys = List.copyOf(keys);
        }
    }

    /** What a follow-up check found after a commit whose outcome is unknown. */
    enum Finding {
        /** The rows are as the write would leave them: the change applied. */
        APPLIED,
        /** The rows are exactly as in the preview: the change did not apply. */
        NOT_APPLIED,
        /** The rows are neither as previewed nor as the write would leave them (someone else changed them). */
        CHANGED_OTHERWISE,
        /** The database did not answer the check in time, or the write cannot be found by a key. */
        NOT_CHECKED;

        /** The finding as the audit log and the wire name it ({@code not_applied}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
