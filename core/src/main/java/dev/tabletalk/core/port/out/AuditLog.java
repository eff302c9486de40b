package dev.tabletalk.core.port.out;

/**
 * An append-only record of every turn, allowed, refused or failed (invariant 9).
 *
 * <p>Implementations are thread-safe.
 */
public interface AuditLog {

    /**
     * Appends one event durably before returning.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the event cannot be stored;
     *     the engine then refuses the turn's write
     */
    void append(AuditEvent event);
}
