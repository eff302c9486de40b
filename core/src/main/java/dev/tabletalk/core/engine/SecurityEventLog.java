package dev.tabletalk.core.engine;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.AuthFlood;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what adapters report outside a conversation turn: refused identities, floods of them, and
 * answered requests. Each becomes one audit event; an audit store that cannot take it is logged, never thrown.
 */
final class SecurityEventLog {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final MaskingAuditLog auditLog;
    private final Clock clock;

    SecurityEventLog(MaskingAuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    void authenticationFailed(AuthFailure failure) {
        Objects.requireNonNull(failure, "failure");
        // the claimed id is unverified: recorded as a claim, never as who asked
        UserContext anonymous = new UserContext(
                "anonymous",
                "none",
                Optional.empty(),
                failure.claimedUserId()
                        .map(id -> Map.of(
                                "claimed_user_id", id, "transport", failure.transport(), "route", failure.route()))
                        .orElse(Map.of("transport", failure.transport(), "route", failure.route())));
        Turn turn = new Turn(clock.now(), "-", anonymous, "(" + failure.route() + ": " + failure.reason() + ")");
        turn.action(AuditEvent.Action.AUTH_FAILED).refused(RefusalCode.AUTHENTICATION_FAILED);
        append(
                turn,
                e -> log.error(
                        "audit store unavailable; authentication failure ({}) not recorded", failure.reason(), e));
    }

    void authenticationFlood(AuthFlood flood) {
        Objects.requireNonNull(flood, "flood");
        UserContext anonymous = new UserContext(
                "anonymous",
                "none",
                Optional.empty(),
                Map.of(
                        "transport",
                        flood.transport(),
                        "source",
                        flood.source(),
                        "count",
                        Long.toString(flood.count())));
        Turn turn = new Turn(
                clock.now(),
                "-",
                anonymous,
                "(flood from " + flood.source() + ": " + flood.count() + " more refused identities within "
                        + flood.window().toSeconds() + " s)");
        turn.action(AuditEvent.Action.AUTH_FAILED).refused(RefusalCode.AUTHENTICATION_FAILED);
        append(
                turn,
                e -> log.error(
                        "audit store unavailable; a flood of {} refused identities not recorded", flood.count(), e));
    }

    void requestAnswered(AdapterEvent event) {
        Objects.requireNonNull(event, "event");
        Turn turn = new Turn(clock.now(), "-", event.user(), "(" + event.route() + ": " + event.detail() + ")");
        turn.action(AuditEvent.Action.NONE);
        event.refusal().ifPresent(turn::refused);
        append(
                turn,
                e -> log.error(
                        "audit store unavailable; {} of {} ({}) not recorded",
                        event.route(),
                        event.user().userId(),
                        event.detail(),
                        e));
    }

    private void append(Turn turn, Consumer<DependencyUnavailableException> whenNotRecorded) {
        try {
            auditLog.append(turn.event(turn.message()));
        } catch (DependencyUnavailableException e) {
            whenNotRecorded.accept(e);
        }
    }
}
