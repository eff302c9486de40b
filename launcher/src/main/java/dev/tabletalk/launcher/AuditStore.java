package dev.tabletalk.launcher;

import dev.tabletalk.audit.AuditRecord;
import dev.tabletalk.audit.ChainVerification;
import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.audit.SessionSummary;
import dev.tabletalk.audit.UnresolvedWrites;
import dev.tabletalk.core.port.in.AuditTrail;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The audit store for operators ({@link AuditTrail}): verify the hash chain, list sessions, show a session's
 * turns. Read-only; opens its own connection pool, closed by {@link #close()}.
 */
public final class AuditStore implements AuditTrail, AutoCloseable {

    private final JdbcAuditLog log;

    private AuditStore(JdbcAuditLog log) {
        this.log = log;
    }

    /**
     * The store at this JDBC URL ({@code jdbc:h2:…}, {@code jdbc:postgresql:…}, {@code jdbc:mariadb:…}).
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when it cannot be reached
     */
    public static AuditStore open(String url) {
        return new AuditStore(JdbcAuditLog.open(Objects.requireNonNull(url, "url")));
    }

    /** The embedded default store under {@code ./.tabletalk/}. */
    public static AuditStore openDefault() {
        return new AuditStore(JdbcAuditLog.openDefault());
    }

    @Override
    public Chain verify() {
        ChainVerification verification = log.verify();
        if (verification instanceof ChainVerification.Intact intact) {
            return new Chain(
                    true,
                    intact.entriesChecked(),
                    Optional.of(intact.headHash()),
                    OptionalLong.empty(),
                    Optional.empty(),
                    intact.unresolvedWrites());
        }
        ChainVerification.Broken broken = (ChainVerification.Broken) verification;
        return new Chain(
                false,
                broken.entriesChecked(),
                Optional.empty(),
                OptionalLong.of(broken.sequence()),
                Optional.of(broken.problem().name().toLowerCase(Locale.ROOT) + ": " + broken.detail()),
                List.of());
    }

    @Override
    public List<Session> sessions(int limit) {
        return log.queries().sessions(limit).stream().map(AuditStore::session).toList();
    }

    @Override
    public List<Turn> turns(String sessionId) {
        List<AuditRecord> records = log.queries().turns(sessionId);
        Set<Long> unresolved = Set.copyOf(UnresolvedWrites.in(records));
        return records.stream()
                .map(r -> turn(r, unresolved.contains(r.sequence())))
                .toList();
    }

    @Override
    public List<Turn> turnsWithErrorId(String errorId) {
        // a turn found by its error id failed: it is never a write whose outcome is still to come
        return log.queries().turnsWithErrorId(errorId).stream()
                .map(r -> turn(r, false))
                .toList();
    }

    @Override
    public void close() {
        log.close();
    }

    private static Session session(SessionSummary summary) {
        return new Session(summary.sessionId(), summary.userId(), summary.firstAt(), summary.lastAt(), summary.turns());
    }

    private static Turn turn(AuditRecord record, boolean unresolved) {
        return new Turn(
                record.sequence(),
                record.timestamp(),
                record.userId(),
                record.sessionId(),
                record.message(),
                record.action(),
                record.intent(),
                record.entity(),
                record.outcome(),
                record.refusalCode(),
                record.rowCount(),
                record.latencyMillis(),
                record.errorMessage(),
                unresolved);
    }
}
