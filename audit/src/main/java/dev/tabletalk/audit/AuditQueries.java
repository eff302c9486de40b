package dev.tabletalk.audit;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Read-only queries over the audit log: which sessions there were, and what each turn did.
 * Obtained from {@link JdbcAuditLog#queries()}. Thread-safe.
 *
 * <p>Every method throws {@link DependencyUnavailableException} when the store cannot be read.
 */
public final class AuditQueries {

    private static final String SESSIONS = "SELECT session_id, MIN(user_id) AS user_id, "
            // a write's pending entry and the entry that resolves it are one turn
            + "MIN(event_time) AS first_at, MAX(event_time) AS last_at, "
            + "SUM(CASE WHEN outcome = 'pending' THEN 0 ELSE 1 END) AS turns FROM "
            + EntryRows.TABLE + " GROUP BY session_id ORDER BY last_at DESC, session_id LIMIT ?";

    /** What an error id may hold: nothing that is a LIKE wildcard. */
    private static final Pattern ERROR_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final DataSource dataSource;
    private final StoreSql store;

    AuditQueries(DataSource dataSource, StoreSql store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /** The 100 most recently active sessions, newest first. */
    public List<SessionSummary> sessions() {
        return sessions(100);
    }

    /** The {@code limit} most recently active sessions, newest first. */
    public List<SessionSummary> sessions(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SESSIONS)) {
            select.setInt(1, limit);
            List<SessionSummary> sessions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sessions.add(new SessionSummary(
                            rows.getString("session_id"),
                            rows.getString("user_id"),
                            store.getTimestamp(rows, "first_at"),
                            store.getTimestamp(rows, "last_at"),
                            rows.getLong("turns")));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** A session's turns in the order they were recorded; empty for an unknown session. */
    public List<AuditRecord> turns(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return select(" WHERE session_id = ? ORDER BY seq", sessionId, null);
    }

    /**
     * The turns whose reply showed this error id (normally one): their error message starts with
     * {@link dev.tabletalk.core.port.out.AuditEvent#errorIdTag}. Empty for an unknown id or one that is not
     * an error id (letters, digits and dashes, at most 64).
     */
    public List<AuditRecord> turnsWithErrorId(String errorId) {
        Objects.requireNonNull(errorId, "errorId");
        if (!ERROR_ID.matcher(errorId).matches()) {
            return List.of();
        }
        return select(" WHERE error_message LIKE ? ORDER BY seq", AuditEvent.errorIdTag(errorId) + "%", null);
    }

    /** The entry at {@code sequence}, if present. */
    public Optional<AuditRecord> entry(long sequence) {
        return select(" WHERE seq = ?", null, sequence).stream().findFirst();
    }

    /** How many entries the log holds. */
    public long count() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + EntryRows.TABLE);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private List<AuditRecord> select(String where, String text, Long number) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(EntryRows.SELECT + where)) {
            if (text != null) {
                select.setString(1, text);
            } else {
                select.setLong(1, number);
            }
            List<AuditRecord> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(EntryRows.read(rows, store));
                }
            }
            return records;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private static DependencyUnavailableException unreadable(SQLException e) {
        return DependencyUnavailableException.auditStore("the audit log could not be read: " + e.getMessage(), e);
    }
}
