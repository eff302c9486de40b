package dev.tabletalk.core.reply;

import java.util.Locale;

/**
 * Why a request was refused: a stable, machine-readable code. The wire form is the lower-case
 * name ({@code delete_not_allowed}).
 */
public enum RefusalCode {
    // what the request asks for
    DELETE_NOT_ALLOWED,
    NOT_UNDERSTOOD,
    MESSAGE_TOO_LONG,
    // names
    UNKNOWN_ENTITY,
    UNKNOWN_FIELD,
    ENTITY_READ_ONLY,
    FIELD_NOT_WRITABLE,
    FIELD_NOT_FILTERABLE,
    TENANT_COLUMN,
    // operators and values
    OP_NOT_ALLOWED,
    TYPE_MISMATCH,
    NOT_FINITE,
    OUT_OF_RANGE,
    INVALID_DATE,
    INVALID_ENUM_VALUE,
    VALUE_TOO_LONG,
    NULL_COMPARISON,
    MISSING_REQUIRED_FIELD,
    // limits
    UPDATE_REQUIRES_FILTER,
    NOTHING_TO_CHANGE,
    TOO_MANY_FILTERS,
    IN_LIST_TOO_LONG,
    CAP_EXCEEDED,
    NO_MATCHING_ROWS,
    COST_TOO_HIGH,
    // who asks
    AUTHENTICATION_FAILED,
    ROLE_FORBIDS,
    /**
     * The row a create or update would leave behind falls outside the rows the caller's role may change (its row
     * rules); the rule's values are not said.
     */
    OUTSIDE_ROW_RULES,
    /** A row rule of the caller's role needs a claim (user id, tenant, an attribute) the caller's identity lacks. */
    CLAIM_MISSING,
    TENANT_REQUIRED,
    READ_ONLY_MODE,
    SESSION_NOT_FOUND,
    // the confirm protocol
    NO_PENDING_PREVIEW,
    PREVIEW_EXPIRED,
    PREVIEW_NOT_FOUND,
    ALREADY_CONFIRMED,
    /**
     * A confirm on a turn that may not confirm (invariant 12): a model's MCP tool call. Only the person confirms,
     * through the client asking them; the preview stays pending.
     */
    CONFIRM_NEEDS_PERSON,
    ROWS_CHANGED,
    /** The commit was sent but its answer was lost: whether the write happened is not known for sure. */
    OUTCOME_UNKNOWN,
    BUSY,
    DRAFT_IN_PROGRESS,
    /** "show more" or "page 3" with no earlier read in the session to continue (#13). */
    NOTHING_TO_CONTINUE,
    // what the database said
    UNIQUE_VIOLATION,
    FOREIGN_KEY_VIOLATION,
    NOT_NULL_VIOLATION,
    CHECK_VIOLATION,
    STATEMENT_TIMEOUT,
    LOCK_TIMEOUT,
    /** A materialized view the database has not filled yet. */
    NOT_POPULATED,
    /** The database account TableTalk uses lacks a privilege. */
    PERMISSION_DENIED,
    /** Any other database error that is not an outage: trying again will not help. */
    DATABASE_ERROR,
    // dependencies
    AUDIT_UNAVAILABLE,
    DATABASE_UNAVAILABLE,
    PLANNER_UNAVAILABLE,
    /** The store several servers share (rate limits, operator state) could not be reached: nothing ran. */
    SHARED_STATE_UNAVAILABLE;

    /** The code as it appears in JSON and the audit log. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
