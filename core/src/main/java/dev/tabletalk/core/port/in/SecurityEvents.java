package dev.tabletalk.core.port.in;

/**
 * The inbound port through which adapters report requests that never became a turn, so that
 * the audit log has one record for every request (invariant 9), refused ones included.
 *
 * <p>Implementations are thread-safe and never throw for a store that is down: the failure is
 * logged, since the request is refused anyway.
 */
public interface SecurityEvents {

    /** Records a request refused because its identity could not be established. */
    void authenticationFailed(AuthFailure failure);
}
