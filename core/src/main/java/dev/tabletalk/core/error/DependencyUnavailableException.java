package dev.tabletalk.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A dependency is down or misbehaves. The message is for logs and the audit log; replies say
 * only which dependency failed and whether trying again can help. A target database that answers
 * but refuses a statement (a {@link DatabaseFault}) is not an outage: such a failure is never
 * retryable, and its message holds the database's error class only (SQLState, vendor code), never
 * driver text, SQL or values.
 */
public final class DependencyUnavailableException extends TableTalkException {

    private static final long serialVersionUID = 1L;

    private final Dependency dependency;
    private final boolean retryable;
    /** Null for an outage. */
    private final DatabaseFault fault;
    /** Whether a write was sent and its answer lost: it may have been stored. */
    private final boolean outcomeUnknown;

    public DependencyUnavailableException(Dependency dependency, boolean retryable, String message, Throwable cause) {
        this(dependency, retryable, null, false, message, cause);
    }

    private DependencyUnavailableException(
            Dependency dependency,
            boolean retryable,
            DatabaseFault fault,
            boolean outcomeUnknown,
            String message,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.dependency = Objects.requireNonNull(dependency, "dependency");
        this.retryable = retryable;
        this.fault = fault;
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * The target database answered with an error that is not an outage; never retryable.
     *
     * @param errorClass the database's error class for the audit log (SQLState, vendor code), no driver text
     */
    public static DependencyUnavailableException targetDatabaseFault(DatabaseFault fault, String errorClass) {
        return new DependencyUnavailableException(
                Dependency.TARGET_DATABASE, false, Objects.requireNonNull(fault, "fault"), false, errorClass, null);
    }

    public static DependencyUnavailableException targetDatabase(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.TARGET_DATABASE, true, message, cause);
    }

    public static DependencyUnavailableException auditStore(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.AUDIT_STORE, true, message, cause);
    }

    public static DependencyUnavailableException planner(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.PLANNER, true, message, cause);
    }

    public static DependencyUnavailableException sessionStore(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.SESSION_STORE, true, message, cause);
    }

    /**
     * The session store lost its connection after a save was sent, and could not find out whether it was stored: the
     * conversation may have moved on.
     */
    public static DependencyUnavailableException sessionStoreOutcomeUnknown(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.SESSION_STORE, true, null, true, message, cause);
    }

    /** The store several servers share for rate limits and operator state is down or misbehaves. */
    public static DependencyUnavailableException sharedState(String message, Throwable cause) {
        return new DependencyUnavailableException(Dependency.SHARED_STATE, true, message, cause);
    }

    /**
     * This server has not switched to the database the operator chose on another server sharing its state (it
     * cannot reach it, or its own checks refuse it), so it serves no turn from the database before it.
     */
    public static DependencyUnavailableException chosenDatabase(String message) {
        return new DependencyUnavailableException(Dependency.CHOSEN_DATABASE, true, message, null);
    }

    public Dependency dependency() {
        return dependency;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** Whether a write was sent and its answer lost, so that it may have been stored ({@link #sessionStoreOutcomeUnknown}). */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    /** Why a reachable database refused, when that is the failure; empty for an outage. */
    public Optional<DatabaseFault> fault() {
        return Optional.ofNullable(fault);
    }
}
