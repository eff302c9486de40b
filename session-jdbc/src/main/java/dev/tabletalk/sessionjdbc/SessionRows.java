package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of the session table, each on the caller's connection with the store's timeout: what
 * {@link JdbcSessionStore} reads and writes, and when, is decided there; how, here. Thread-safe (no state of its own).
 *
 * <p>Its {@code DELETE}s drop rows of the session store's own table, in its own database: never the target database,
 * which only the guarded executor reaches (invariant 1, guarded there by its statement listener and the ArchUnit
 * rules).
 */
final class SessionRows {

    private static final String TABLE = SessionSchema.TABLE;

    private final int timeoutSeconds;
    private final long idleTtlMillis;
    private final UseMarks marks;
    private final int maxSessionsPerUser;

    SessionRows(int timeoutSeconds, long idleTtlMillis, UseMarks marks, int maxSessionsPerUser) {
        this.timeoutSeconds = timeoutSeconds;
        this.idleTtlMillis = idleTtlMillis;
        this.marks = marks;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    /**
     * The session's row if it exists and is not idle-expired (an expired one is deleted); its state is not sent when
     * the row's save id is {@code knownSaveId} ({@code null}: always sent).
     */
    Optional<StoredRow> live(Connection connection, String sessionId, long now, String knownSaveId)
            throws SQLException {
        try (PreparedStatement select = prepare(
                connection,
                "SELECT version, format, touched_at, save_id, preview_expires_at,"
                        + " CASE WHEN save_id = ? THEN NULL ELSE state END FROM " + TABLE + " WHERE session_id = ?")) {
            if (knownSaveId == null) {
                select.setNull(1, Types.VARCHAR);
            } else {
                select.setString(1, knownSaveId);
            }
            select.setString(2, sessionId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long expiry = rows.getLong(5);
                Long previewExpiresAt = rows.wasNull() ? null : expiry;
                StoredRow row = new StoredRow(
                        sessionId,
                        rows.getLong(1),
                        rows.getInt(2),
                        rows.getString(6),
                        rows.getLong(3),
                        rows.getString(4),
                        previewExpiresAt);
                if (isIdleExpired(row.touchedAt(), now)) {
                    delete(connection, sessionId, row.version());
                    return Optional.empty();
                }
                return Optional.of(row);
            }
        }
    }

    /**
     * A new session (MariaDB, H2), after dropping an idle-expired row of its id: {@code false} when a live session
     * holds the id.
     */
    boolean insert(Connection connection, ConversationState next, String json, String saveId, String owner, long now)
            throws SQLException {
        // an idle-expired session of the same id is gone: its id may start again
        change(
                connection,
                "DELETE FROM " + TABLE + " WHERE session_id = ? AND touched_at <= ?",
                next.sessionId(),
                now - idleTtlMillis);
        try (PreparedStatement insert = prepare(
                connection,
                "INSERT INTO " + TABLE + " (session_id, owner_key, version, format, state, touched_at,"
                        + " preview_expires_at, save_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindRow(insert, next, owner, json, saveId, now);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isIntegrityViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * On PostgreSQL, {@link #insert} and {@link #enforceCap} in one statement (one round trip): the new row goes in,
     * or replaces an idle-expired row of the same id, and the owner's longest-idle sessions beyond the cap go.
     * Another live session of the id is a conflict, and then nothing is dropped. All parts see the store as it was
     * before the statement, so the cap counts the owner's other sessions and keeps the newest {@code max - 1}.
     */
    boolean insertCapped(
            Connection connection, ConversationState next, String json, String saveId, String owner, long now)
            throws SQLException {
        try (PreparedStatement insert = prepare(
                connection,
                "WITH saved AS (INSERT INTO " + TABLE + " AS s (session_id, owner_key, version, format, state,"
                        + " touched_at, preview_expires_at, save_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (session_id) DO UPDATE SET owner_key = EXCLUDED.owner_key,"
                        + " version = EXCLUDED.version, format = EXCLUDED.format, state = EXCLUDED.state,"
                        + " touched_at = EXCLUDED.touched_at, preview_expires_at = EXCLUDED.preview_expires_at,"
                        + " save_id = EXCLUDED.save_id"
                        + " WHERE s.touched_at <= ? RETURNING session_id),"
                        + " dropped AS (DELETE FROM " + TABLE + " WHERE owner_key = ? AND EXISTS (SELECT 1 FROM saved)"
                        + " AND session_id IN (SELECT session_id FROM " + TABLE + " WHERE owner_key = ?"
                        + " AND session_id <> ? ORDER BY touched_at DESC, session_id OFFSET ?))"
                        + " SELECT COUNT(*) FROM saved")) {
            bindRow(insert, next, owner, json, saveId, now);
            insert.setLong(9, now - idleTtlMillis);
            insert.setString(10, owner);
            insert.setString(11, owner);
            insert.setString(12, next.sessionId());
            insert.setInt(13, maxSessionsPerUser - 1);
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() && rows.getLong(1) == 1;
            }
        }
    }

    /**
     * {@link #insertCapped}, again once when PostgreSQL chose it as a deadlock victim: two new sessions of one owner
     * at once may drop the same longest-idle sessions in different orders.
     */
    boolean insertCappedRetried(
            Connection connection, ConversationState next, String json, String saveId, String owner, long now)
            throws SQLException {
        try {
            return insertCapped(connection, next, json, saveId, owner, now);
        } catch (SQLException e) {
            if (!SqlErrors.isTransactionRollback(e)) {
                throw e;
            }
            return insertCapped(connection, next, json, saveId, owner, now);
        }
    }

    /**
     * {@code next} over {@code expectedVersion}, while the session is live: {@code false} when the version is taken.
     * The last use is written only when the stored one is older than the touch lag.
     */
    boolean update(
            Connection connection, ConversationState next, long expectedVersion, String json, String saveId, long now)
            throws SQLException {
        try (PreparedStatement update = prepare(
                connection,
                "UPDATE " + TABLE + " SET version = ?, format = ?, state = ?, save_id = ?,"
                        + " touched_at = CASE WHEN touched_at <= ? THEN ? ELSE touched_at END,"
                        + " preview_expires_at = ? WHERE session_id = ? AND version = ? AND touched_at > ?")) {
            update.setLong(1, next.version());
            update.setInt(2, StateJson.format(next));
            update.setString(3, json);
            update.setString(4, saveId);
            update.setLong(5, now - marks.lagMillis());
            update.setLong(6, now);
            setPreviewExpiry(update, 7, next);
            update.setString(8, next.sessionId());
            update.setLong(9, expectedVersion);
            update.setLong(10, now - idleTtlMillis);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Stores a state read at its own version again, as {@code json} (its expired preview removed); no new version, and
     * the row keeps its save id ({@link KnownStates}).
     */
    void rewrite(Connection connection, ConversationState state, String json, long now) throws SQLException {
        try (PreparedStatement update = prepare(
                connection,
                "UPDATE " + TABLE + " SET state = ?, format = ?, touched_at = ?, preview_expires_at = ?"
                        + " WHERE session_id = ? AND version = ?")) {
            update.setString(1, json);
            update.setInt(2, StateJson.format(state));
            update.setLong(3, now);
            setPreviewExpiry(update, 4, state);
            update.setString(5, state.sessionId());
            update.setLong(6, state.version());
            update.executeUpdate();
        }
    }

    /** Marks the session used at {@code now}, at the version that was read. */
    void touch(Connection connection, String sessionId, long version, long now) throws SQLException {
        change(
                connection,
                "UPDATE " + TABLE + " SET touched_at = ? WHERE session_id = ? AND version = ?",
                now,
                sessionId,
                version);
    }

    /** Drops the session at the version that was read. */
    void delete(Connection connection, String sessionId, long version) throws SQLException {
        change(connection, "DELETE FROM " + TABLE + " WHERE session_id = ? AND version = ?", sessionId, version);
    }

    /** Drops the owner's longest-idle sessions beyond the cap, never {@code keep} (the one just saved). */
    void enforceCap(Connection connection, String owner, String keep) throws SQLException {
        List<String> beyondCap = new ArrayList<>();
        try (PreparedStatement select = prepare(
                connection,
                "SELECT session_id FROM " + TABLE + " WHERE owner_key = ? AND session_id <> ?"
                        + " ORDER BY touched_at DESC, session_id")) {
            select.setString(1, owner);
            select.setString(2, keep);
            try (ResultSet rows = select.executeQuery()) {
                for (int kept = 1; rows.next(); ) {
                    if (kept < maxSessionsPerUser) {
                        kept++;
                    } else {
                        beyondCap.add(rows.getString(1));
                    }
                }
            }
        }
        for (String sessionId : beyondCap) {
            change(connection, "DELETE FROM " + TABLE + " WHERE session_id = ? AND owner_key = ?", sessionId, owner);
        }
    }

    /** Whether the session's row holds {@code next}'s version written by the save of {@code saveId}. */
    boolean isStored(Connection connection, ConversationState next, String saveId) throws SQLException {
        try (PreparedStatement select =
                prepare(connection, "SELECT version, save_id FROM " + TABLE + " WHERE session_id = ?")) {
            select.setString(1, next.sessionId());
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) == next.version() && saveId.equals(row.getString(2));
            }
        }
    }

    /** Drops every idle session; returns how many. */
    int dropIdle(Connection connection, long now) throws SQLException {
        return change(connection, "DELETE FROM " + TABLE + " WHERE touched_at <= ?", now - idleTtlMillis);
    }

    /**
     * Binds a new row's first eight values: {@code session_id, owner_key, version, format, state, touched_at,
     * preview_expires_at, save_id}.
     */
    private static void bindRow(
            PreparedStatement insert, ConversationState next, String owner, String json, String saveId, long now)
            throws SQLException {
        insert.setString(1, next.sessionId());
        insert.setString(2, owner);
        insert.setLong(3, next.version());
        insert.setInt(4, StateJson.format(next));
        insert.setString(5, json);
        insert.setLong(6, now);
        setPreviewExpiry(insert, 7, next);
        insert.setString(8, saveId);
    }

    /** Runs an {@code UPDATE} or {@code DELETE} with {@code values} (text or whole numbers) bound in order. */
    private int change(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) values[i]);
                }
            }
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    private boolean isIdleExpired(long touchedAt, long now) {
        return now >= touchedAt + idleTtlMillis;
    }

    private static void setPreviewExpiry(PreparedStatement statement, int index, ConversationState state)
            throws SQLException {
        Optional<PendingPreview> pending = state.pending();
        if (pending.isPresent()) {
            statement.setLong(index, pending.get().expiresAt().toEpochMilli());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    /** A turn's mark of use: its session, the version it found, and when. */
    record UseMark(String sessionId, long version, long at) {}

    /**
     * Marks sessions used ({@link JdbcSessionStore#markUsed}), as one batch on the caller's transaction: each at the
     * version that was found, only when the stored mark is older than the touch lag, never an idle-expired session.
     */
    void mark(Connection connection, List<UseMark> marks) throws SQLException {
        try (PreparedStatement update = prepare(
                connection,
                "UPDATE " + TABLE + " SET touched_at = ? WHERE session_id = ? AND version = ?"
                        + " AND touched_at <= ? AND touched_at > ?")) {
            for (UseMark mark : marks) {
                update.setLong(1, mark.at());
                update.setString(2, mark.sessionId());
                update.setLong(3, mark.version());
                update.setLong(4, mark.at() - this.marks.lagMillis());
                update.setLong(5, mark.at() - idleTtlMillis);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Up to {@code limit} rows whose preview expired at {@code now}, the longest expired first. */
    List<StoredRow> withExpiredPreviews(Connection connection, long now, int limit) throws SQLException {
        List<StoredRow> due = new ArrayList<>();
        try (PreparedStatement select = prepare(
                connection,
                "SELECT session_id, version, format, state, touched_at, save_id, preview_expires_at FROM " + TABLE
                        + " WHERE preview_expires_at <= ? ORDER BY preview_expires_at")) {
            select.setMaxRows(limit);
            select.setLong(1, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new StoredRow(
                            rows.getString(1),
                            rows.getLong(2),
                            rows.getInt(3),
                            rows.getString(4),
                            rows.getLong(5),
                            rows.getString(6),
                            rows.getLong(7)));
                }
            }
        }
        return due;
    }

    /** Stores {@code json}, the row's state without its expired preview, at the row's version; its last use stays. */
    void clearPreview(Connection connection, StoredRow row, String json) throws SQLException {
        change(
                connection,
                "UPDATE " + TABLE + " SET state = ?, preview_expires_at = NULL WHERE session_id = ? AND version = ?",
                json,
                row.sessionId(),
                row.version());
    }
}
