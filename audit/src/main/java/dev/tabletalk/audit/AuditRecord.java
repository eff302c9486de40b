package dev.tabletalk.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One stored entry of {@code ai_audit_log}, exactly as the store holds it. JSON columns are
 * canonical JSON text (sorted keys, no whitespace); enumerations are their lower-case wire names
 * ({@code read}, {@code refused}, {@code unknown_entity}).
 *
 * @param sequence the entry's position in the chain, 1, 2, 3, ... without gaps
 * @param timestamp when the turn started (microsecond precision)
 * @param userId who asked
 * @param sessionId the conversation
 * @param message the person's message (tokens redacted)
 * @param userContext the decoded user context as JSON: userId, role, tenantId, attributes (never credentials)
 * @param action what the turn did ({@code read}, {@code collect}, {@code preview}, {@code commit}, ...)
 * @param intent the detected intent, if any
 * @param entity the entity reference, if any
 * @param fields the extracted fields as a JSON object
 * @param filters the extracted filters as a JSON array of {@code {"field","op","value"}}, in canonical order
 * @param plan the validated plan as JSON, if one was built
 * @param outcome {@code ok}, {@code refused} or {@code error}
 * @param refusalCode the refusal's code when refused
 * @param rowCount rows returned or affected
 * @param latencyMillis the turn's latency in milliseconds
 * @param errorMessage the error's message, if the turn failed
 * @param errorStack the error's stack trace, if the turn failed
 * @param planner the planner's name, if one was called
 * @param model the model that answered, if a planner was called
 * @param promptTokens prompt tokens, where known
 * @param completionTokens completion tokens, where known
 * @param plannerAttempts planner calls made, if a planner was called
 * @param previousHash the previous entry's hash (64 zeros for the first entry)
 * @param hash this entry's hash: SHA-256 over its canonical form, which includes the sequence and previous hash
 */
public record AuditRecord(
        long sequence,
        Instant timestamp,
        String userId,
        String sessionId,
        String message,
        String userContext,
        String action,
        Optional<String> intent,
        Optional<String> entity,
        String fields,
        String filters,
        Optional<String> plan,
        String outcome,
        Optional<String> refusalCode,
        int rowCount,
        long latencyMillis,
        Optional<String> errorMessage,
        Optional<String> errorStack,
        Optional<String> planner,
        Optional<String> model,
        OptionalLong promptTokens,
        OptionalLong completionTokens,
        OptionalInt plannerAttempts,
        String previousHash,
        String hash) {

    public AuditRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(userContext, "userContext");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(refusalCode, "refusalCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(errorStack, "errorStack");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptTokens, "promptTokens");
        Objects.requireNonNull(completionTokens, "completionTokens");
        Objects.requireNonNull(plannerAttempts, "plannerAttempts");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
