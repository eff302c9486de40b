package dev.tabletalk.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Maps {@link AuditRecord} to and from rows of {@code ai_audit_log}. */
final class EntryRows {

    static final String TABLE = "ai_audit_log";

    static final String COLUMNS =
            "seq, event_time, user_id, session_id, message, user_context, action, intent, entity, "
                    + "fields, filters, plan, outcome, refusal_code, row_count, latency_ms, error_message, error_stack, "
                    + "planner, model, prompt_tokens, completion_tokens, planner_attempts, prev_hash, hash";

    /** One row's placeholders, one per column. */
    static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES " + ROW;

    static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE;

    private EntryRows() {}

    /** Binds the entry's columns from parameter {@code first} on; returns the index after the last. */
    static int bind(PreparedStatement insert, int first, StoreSql store, AuditRecord e) throws SQLException {
        int i = first;
        insert.setLong(i++, e.sequence());
        store.setTimestamp(insert, i++, e.timestamp());
        insert.setString(i++, e.userId());
        insert.setString(i++, e.sessionId());
        insert.setString(i++, e.message());
        insert.setString(i++, e.userContext());
        insert.setString(i++, e.action());
        setString(insert, i++, e.intent());
        setString(insert, i++, e.entity());
        insert.setString(i++, e.fields());
        insert.setString(i++, e.filters());
        setString(insert, i++, e.plan());
        insert.setString(i++, e.outcome());
        setString(insert, i++, e.refusalCode());
        insert.setInt(i++, e.rowCount());
        insert.setLong(i++, e.latencyMillis());
        setString(insert, i++, e.errorMessage());
        setString(insert, i++, e.errorStack());
        setString(insert, i++, e.planner());
        setString(insert, i++, e.model());
        setLong(insert, i++, e.promptTokens());
        setLong(insert, i++, e.completionTokens());
        if (e.plannerAttempts().isPresent()) {
            insert.setInt(i++, e.plannerAttempts().getAsInt());
        } else {
            insert.setNull(i++, Types.INTEGER);
        }
        insert.setString(i++, e.previousHash());
        insert.setString(i++, e.hash());
        return i;
    }

    static AuditRecord read(ResultSet rows, StoreSql store) throws SQLException {
        long seq = rows.getLong("seq");
        return new AuditRecord(
                seq,
                store.getTimestamp(rows, "event_time"),
                rows.getString("user_id"),
                rows.getString("session_id"),
                rows.getString("message"),
                rows.getString("user_context"),
                rows.getString("action"),
                Optional.ofNullable(rows.getString("intent")),
                Optional.ofNullable(rows.getString("entity")),
                rows.getString("fields"),
                rows.getString("filters"),
                Optional.ofNullable(rows.getString("plan")),
                rows.getString("outcome"),
                Optional.ofNullable(rows.getString("refusal_code")),
                rows.getInt("row_count"),
                rows.getLong("latency_ms"),
                Optional.ofNullable(rows.getString("error_message")),
                Optional.ofNullable(rows.getString("error_stack")),
                Optional.ofNullable(rows.getString("planner")),
                Optional.ofNullable(rows.getString("model")),
                optionalLong(rows, "prompt_tokens"),
                optionalLong(rows, "completion_tokens"),
                optionalInt(rows, "planner_attempts"),
                rows.getString("prev_hash"),
                rows.getString("hash"));
    }

    private static void setString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static OptionalLong optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalInt optionalInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
