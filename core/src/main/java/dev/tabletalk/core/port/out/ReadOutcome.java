package dev.tabletalk.core.port.out;

import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/** What a read gave: rows, or a refusal. */
public sealed interface ReadOutcome {

    /**
     * Rows read.
     *
     * @param rows the rows, as many as the cap allows
     * @param positions the keyset of each row ({@link Keyset#columnsOf the sort columns, then the primary key}), in
     *     row order, so that "show more" can continue right after the last row shown (#13); empty for an aggregate
     *     or an entity without a primary key (then paging goes by offset)
     */
    record Rows(RowSet rows, List<Keyset> positions) implements ReadOutcome {
        public Rows {
            Objects.requireNonNull(rows, "rows");
            positions = positions instanceof LazyPositions ? positions : List.copyOf(positions);
            if (!positions.isEmpty() && positions.size() != rows.size()) {
                throw new IllegalArgumentException(
                        "one position per row: " + rows.size() + " rows, " + positions.size() + " positions");
            }
        }

        /** Rows without positions (paging by offset only). */
        public Rows(RowSet rows) {
            this(rows, List.of());
        }

        /**
         * Rows whose positions are worked out only when one is asked for ({@code position} gives row {@code i}'s,
         * the same every time): a reply continues after one row, so a read need not build a keyset for each.
         */
        public static Rows positioned(RowSet rows, IntFunction<Keyset> position) {
            return new Rows(rows, new LazyPositions(rows.size(), position));
        }
    }

    record Refused(Refusal refusal) implements ReadOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
