package dev.tabletalk.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
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

    static String of(AuditRecord entry) {
        return sha256(canonicalForm(entry));
    }

    static String canonicalForm(AuditRecord entry) {
        Map<String, Object> form = new TreeMap<>();
        form.put("format", FORMAT);
        form.put("seq", entry.sequence());
        form.put("prev_hash", entry.previousHash());
        form.put("event_time", entry.timestamp().toString());
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
        return CanonicalJson.object(form);
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
