package dev.tabletalk.core.error;

import java.util.Objects;

/**
 * A dependency is down or misbehaves. The message is for logs and the audit log; replies say
 * only which dependency failed and whether trying again can help.
 */
public final class DependencyUnavailableException extends TableTalkException {

    private static final long serialVersionUID = 1L;

    private final Dependency dependency;
    private final boolean retryable;

    public DependencyUnavailableException(Dependency dependency, boolean retryable, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.dependency = Objects.requireNonNull(dependency, "dependency");
        this.retryable = retryable;
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

    public Dependency dependency() {
        return dependency;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
