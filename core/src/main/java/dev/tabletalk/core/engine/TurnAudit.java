package dev.tabletalk.core.engine;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a turn's audit event, its message cut to the message limit: the turn's single event, the "pending"
 * entry a confirmed write records inside its transaction, and the entry that resolves it.
 */
final class TurnAudit {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final MaskingAuditLog auditLog;
    private final Limits limits;

    TurnAudit(MaskingAuditLog auditLog, Limits limits) {
        this.auditLog = auditLog;
        this.limits = limits;
    }

    /** Appends the turn's event; throws {@link DependencyUnavailableException} when the audit store fails. */
    void append(Turn turn) {
        auditLog.append(turn.event(recorded(turn.message())));
    }

    /**
     * Appends the entry that resolves the gate's pending entry of this turn. When the audit store cannot
     * take it, the pending entry stays unresolved, which is what {@code audit verify} and {@code audit show}
     * then report: the log never claims an outcome it could not record.
     */
    void appendResolution(Turn turn) {
        try {
            append(turn);
        } catch (DependencyUnavailableException e) {
            log.error(
                    "audit store unavailable; the outcome of a write in session {} stays unresolved in the log",
                    turn.sessionId(),
                    e);
        }
    }

    private String recorded(String message) {
        int length = message.codePointCount(0, message.length());
        if (length <= limits.maxMessageChars()) {
            return message;
        }
        return message.substring(0, message.offsetByCodePoints(0, limits.maxMessageChars())) + " [cut: " + length
                + " characters in all]";
    }
}
