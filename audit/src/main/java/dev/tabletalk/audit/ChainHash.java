package dev.tabletalk.audit;

import dev.tabletalk.core.text.InstantText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The hash of one chain entry: SHA-256 over the canonical JSON of every stored column except the
 * hash itself, including the sequence number and the previous entry's hash. Changing any column,
 * reordering entries or removing one therefore shows up in {@link ChainWalker}.
 */
final class ChainHash {

    /** The previous hash of the very first entry. */
    static final String GENESIS = "0".repeat(64);

    /** Bumped if the canonical form ever changes; part of the hashed text. */
    static final int FORMAT = 1;

    /** One member of the form: its key and how an entry gives its value. */
    private record Member(String key, Function<AuditRecord, Object> value) {}

    /**
     * The members of the form in its canonical order (keys sorted by their text), {@code prev_hash} and {@code seq}
     * left out: sorted once here instead of for every entry.
     */
    private static final List<Member> MEMBERS = Stream.of(
                    new Member("format", entry -> FORMAT),
                    new Member("event_time", entry -> InstantText.format(entry.timestamp())),
                    new Member("user_id", AuditRecord::userId),
                    new Member("session_id", AuditRecord::sessionId),
                    new Member("message", AuditRecord::message),
                    new Member("user_context", AuditRecord::userContext),
                    new Member("action", AuditRecord::action),
                    new Member("intent", entry -> entry.intent().orElse(null)),
                    new Member("entity", entry -> entry.entity().orElse(null)),
                    new Member("fields", AuditRecord::fields),
                    new Member("filters", AuditRecord::filters),
                    new Member("plan", entry -> entry.plan().orElse(null)),
                    new Member("outcome", AuditRecord::outcome),
                    new Member("refusal_code", entry -> entry.refusalCode().orElse(null)),
                    new Member("row_count", AuditRecord::rowCount),
                    new Member("latency_ms", AuditRecord::latencyMillis),
                    new Member("error_message", entry -> entry.errorMessage().orElse(null)),
                    new Member("error_stack", entry -> entry.errorStack().orElse(null)),
                    new Member("planner", entry -> entry.planner().orElse(null)),
                    new Member("model", entry -> entry.model().orElse(null)),
                    new Member(
                            "prompt_tokens",
                            entry -> entry.promptTokens().isPresent()
                                    ? entry.promptTokens().getAsLong()
                                    : null),
                    new Member(
                            "completion_tokens",
                            entry -> entry.completionTokens().isPresent()
                                    ? entry.completionTokens().getAsLong()
                                    : null),
                    new Member(
                            "planner_attempts",
                            entry -> entry.plannerAttempts().isPresent()
                                    ? entry.plannerAttempts().getAsInt()
                                    : null))
            .sorted(Comparator.comparing(Member::key))
            .toList();

    /** Where {@code prev_hash} goes among {@link #MEMBERS}: the first member after it. */
    private static final int PREVIOUS_HASH_AT = firstAfter("prev_hash");

    /** Where {@code seq} goes among {@link #MEMBERS}: the first member after it. */
    private static final int SEQUENCE_AT = firstAfter("seq");

    private ChainHash() {}

    /**
     * The canonical form of an entry with the places of {@code seq} and {@code prev_hash} left open. It is
     * written once, on the thread that appends the event; linking the entry into the chain, which the writer
     * does one entry after the other, then costs two joins and one digest.
     *
     * @param beforePreviousHash the form up to the {@code prev_hash} key (keys sort before it)
     * @param beforeSequence the members between {@code prev_hash} and {@code seq}
     * @param afterSequence the members after {@code seq}, with the closing brace
     */
    record Form(String beforePreviousHash, String beforeSequence, String afterSequence) {

        /** The entry's canonical form at {@code sequence} after {@code previousHash}. */
        String at(long sequence, String previousHash) {
            return beforePreviousHash + ",\"prev_hash\":" + CanonicalJson.write(previousHash) + "," + beforeSequence
                    + ",\"seq\":" + sequence + "," + afterSequence;
        }

        /** The hash of the entry at {@code sequence} after {@code previousHash}. */
        String hashAt(long sequence, String previousHash) {
            return sha256(at(sequence, previousHash));
        }
    }

    static String of(AuditRecord entry) {
        return sha256(canonicalForm(entry));
    }

    static String canonicalForm(AuditRecord entry) {
        return form(entry).at(entry.sequence(), entry.previousHash());
    }

    /** The canonical form of every column except the hash, {@code seq} and {@code prev_hash}. */
    static Form form(AuditRecord entry) {
        // the members before prev_hash hold the JSON texts, written again as strings (a quote becomes two
        // characters): room for them, so that the builder does not grow on every turn
        int texts = entry.message().length()
                + entry.fields().length()
                + entry.filters().length()
                + entry.plan().map(String::length).orElse(0);
        StringBuilder before = new StringBuilder(384 + texts + texts / 4).append('{');
        StringBuilder between = new StringBuilder(64);
        StringBuilder after = new StringBuilder(128 + entry.userContext().length());
        for (int i = 0; i < MEMBERS.size(); i++) {
            Member member = MEMBERS.get(i);
            StringBuilder out = i < PREVIOUS_HASH_AT ? before : i < SEQUENCE_AT ? between : after;
            if (i != 0 && i != PREVIOUS_HASH_AT && i != SEQUENCE_AT) {
                out.append(',');
            }
            CanonicalJson.member(out, member.key(), member.value().apply(entry));
        }
        return new Form(before.toString(), between.toString(), after.append('}').toString());
    }

    private static int firstAfter(String key) {
        int i = 0;
        while (i < MEMBERS.size() && MEMBERS.get(i).key().compareTo(key) < 0) {
            i++;
        }
        return i;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
