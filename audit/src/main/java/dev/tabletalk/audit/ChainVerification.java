package dev.tabletalk.audit;

import java.util.List;
import java.util.Objects;

/**
 * The result of walking the audit chain: intact, or broken at a named entry.
 *
 * <p>{@link Intact#headHash()} is the hash of the last entry: keep it somewhere else (a ticket, a
 * log shipper) to also detect the one thing a chain cannot show on its own, the removal of the
 * newest entries together with a rewrite of the chain head.
 */
public sealed interface ChainVerification permits ChainVerification.Intact, ChainVerification.Broken {

    /** How many entries were checked and found good. */
    long entriesChecked();

    /** Whether every entry checked out. */
    boolean isIntact();

    /**
     * Every entry up to the chain head is present, linked and unchanged.
     *
     * @param entriesChecked the number of entries walked
     * @param headHash the hash of the last entry (64 zeros for an empty log)
     * @param unresolvedWrites the sequence numbers of writes recorded as pending by the commit gate whose
     *     outcome no later entry states ({@link UnresolvedWrites}): the chain is intact, but whether each of
     *     these writes committed must be checked in the database
     */
    record Intact(long entriesChecked, String headHash, List<Long> unresolvedWrites) implements ChainVerification {
        public Intact {
            Objects.requireNonNull(headHash, "headHash");
            unresolvedWrites = List.copyOf(unresolvedWrites);
        }

        /** An intact chain with no unresolved write. */
        public Intact(long entriesChecked, String headHash) {
            this(entriesChecked, headHash, List.of());
        }

        @Override
        public boolean isIntact() {
            return true;
        }
    }

    /**
     * The first bad entry.
     *
     * @param sequence the sequence number of the first bad entry
     * @param problem what is wrong with it
     * @param detail a sentence for the operator
     * @param entriesChecked the number of good entries before it
     */
    record Broken(long sequence, Problem problem, String detail, long entriesChecked) implements ChainVerification {
        public Broken {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isIntact() {
            return false;
        }
    }

    /** Why an entry is bad. */
    enum Problem {
        /** The entry's content no longer matches its hash: it was edited. */
        HASH_MISMATCH,
        /** The entry does not point at the previous entry's hash: an entry before it was replaced or rehashed. */
        BROKEN_LINK,
        /** The entry is missing: it was deleted (a gap in the sequence, or the newest entries are gone). */
        MISSING_ENTRY,
        /** The entry cannot be read back at all (a column was nulled or mangled). */
        UNREADABLE
    }
}
