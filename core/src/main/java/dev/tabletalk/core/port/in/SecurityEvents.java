package dev.tabletalk.core.port.in;

/**
 * The inbound port through which adapters report requests that never became a turn, so that
 * the audit log has a record of every request (invariant 9), refused ones included.
 *
 * <p>Implementations are thread-safe and never throw for a store that is down: the failure is
 * logged, since the request is refused anyway.
 */
public interface SecurityEvents {

    /** Records a request refused because its identity could not be established. */
    void authenticationFailed(AuthFailure failure);

    /** Records a flood of refused identities from one source as one entry with their count. */
    void authenticationFlood(AuthFlood flood);

    /** Records a request of a verified caller that the adapter answered or refused without a turn. */
    void requestAnswered(AdapterEvent event);
}
