package dev.tabletalk.launcher;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit records of the operator's connects and of this server following them ({@value Connections#ROUTE}):
 * each stamped with the act's start and lasting until it is written, never with the URL as given (it may hold a
 * password). An act that changes what the server serves is recorded before it takes effect ({@link #before}: a
 * store that cannot record stops it); what follows it, an outcome or a refusal, is recorded when the store can
 * and logged when it cannot ({@link #after}).
 */
final class ConnectRecords {

    private static final Logger log = LoggerFactory.getLogger(ConnectRecords.class);

    private final AuditLog auditLog;

    ConnectRecords(AuditLog auditLog) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    /**
     * Records an act that has not taken effect yet.
     *
     * @throws DependencyUnavailableException when the audit store cannot record it: the act must not happen
     */
    void before(UserContext caller, Instant started, long startedNanos, String what) {
        auditLog.append(event(caller, started, startedNanos, what, AuditEvent.Outcome.OK, Optional.empty()));
    }

    /** Records what became of an act (or a refusal), or logs that the audit store could not. */
    void after(
            UserContext caller,
            Instant started,
            long startedNanos,
            String what,
            AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        try {
            auditLog.append(event(caller, started, startedNanos, what, outcome, code));
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; not recorded: {} ({})", what, outcome, e);
        }
    }

    private static AuditEvent event(
            UserContext caller,
            Instant started,
            long startedNanos,
            String what,
            AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        return new AuditEvent(
                started,
                "-",
                caller,
                "(" + Connections.ROUTE + ": " + what + ")",
                AuditEvent.Action.NONE,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                Optional.empty(),
                outcome,
                code,
                0,
                Duration.ofNanos(System.nanoTime() - startedNanos),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
