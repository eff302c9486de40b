package dev.tabletalk.launcher;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit records of the operator's acts ({@code /admin} routes: connect, read-only, reload) and of this server
 * following a connect made on another: each {@code "(ROUTE: what)"}, stamped with the act's start and lasting until
 * it is written, never with a URL as given (it may hold a password). An act that changes what the server does is
 * recorded before it takes effect ({@link #append}: a store that cannot record it stops it); what follows, an outcome
 * or a refusal, is recorded when the store can and logged when it cannot ({@link #appendOrLog}).
 */
final class OperatorRecords {

    private static final Logger log = LoggerFactory.getLogger(OperatorRecords.class);

    private final Supplier<AuditLog> auditLog;

    /** @param auditLog the audit log of the target current when an act is recorded */
    OperatorRecords(Supplier<AuditLog> auditLog) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    /**
     * Records an act.
     *
     * @throws DependencyUnavailableException when the audit store cannot: an act not recorded must not happen
     */
    void append(
            UserContext caller,
            Instant started,
            long startedNanos,
            String route,
            String what,
            AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        auditLog.get()
                .append(AuditEvent.withoutPlan(
                        started,
                        "-",
                        caller,
                        "(" + route + ": " + what + ")",
                        AuditEvent.Action.NONE,
                        outcome,
                        code,
                        Duration.ofNanos(System.nanoTime() - startedNanos)));
    }

    /** Records what became of an act (or a refusal), or logs that the audit store could not. */
    void appendOrLog(
            UserContext caller,
            Instant started,
            long startedNanos,
            String route,
            String what,
            AuditEvent.Outcome outcome,
            Optional<RefusalCode> code) {
        try {
            append(caller, started, startedNanos, route, what, outcome, code);
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; not recorded: ({}: {}) {}", route, what, outcome, e);
        }
    }
}
