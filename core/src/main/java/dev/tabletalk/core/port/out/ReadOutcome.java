package dev.tabletalk.core.port.out;

import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowSet;
import java.util.Objects;

/** What a read gave: rows, or a refusal. */
public sealed interface ReadOutcome {

    record Rows(RowSet rows) implements ReadOutcome {
        public Rows {
            Objects.requireNonNull(rows, "rows");
        }
    }

    record Refused(Refusal refusal) implements ReadOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
