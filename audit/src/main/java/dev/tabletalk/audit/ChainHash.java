package dev.tabletalk.audit;

import dev.tabletalk.core.text.InstantText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

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
        TreeMap<String, Object> form = new TreeMap<>();
        form.put("format", FORMAT);
        form.put("event_time", InstantText.format(entry.timestamp()));
        form.put("user_id", entry.userId());
        form.put("session_id", entry.sessionId());
        form.put("message", entry.message());
        form.put("user_context", entry.userContext());
        form.put("action", entry.action());
        form.put("intent", entry.intent().orElse(null));
        form.put("entity", entry.entity().orElse(null));
        form.put("fields", entry.fields());
        form.put("filters", entry.filters());
        form.put("plan", entry.plan().orElse(null));
        form.put("outcome", entry.outcome());
        form.put("refusal_code", entry.refusalCode().orElse(null));
        form.put("row_count", entry.rowCount());
        form.put("latency_ms", entry.latencyMillis());
        form.put("error_message", entry.errorMessage().orElse(null));
        form.put("error_stack", entry.errorStack().orElse(null));
        form.put("planner", entry.planner().orElse(null));
        form.put("model", entry.model().orElse(null));
        form.put(
                "prompt_tokens",
                entry.promptTokens().isPresent() ? entry.promptTokens().getAsLong() : null);
        form.put(
                "completion_tokens",
                entry.completionTokens().isPresent() ? entry.completionTokens().getAsLong() : null);
        form.put(
                "planner_attempts",
                entry.plannerAttempts().isPresent() ? entry.plannerAttempts().getAsInt() : null);
        // each part is a non-empty object: "{a,b}" -> "{a,b" / "a,b" / "a,b}"
        String before = CanonicalJson.object(form.headMap("prev_hash"));
        String between = CanonicalJson.object(form.subMap("prev_hash", false, "seq", false));
        String after = CanonicalJson.object(form.tailMap("seq", false));
        return new Form(
                before.substring(0, before.length() - 1),
                between.substring(1, between.length() - 1),
                after.substring(1));
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
