package dev.tabletalk.httpjavalin;

import java.util.Objects;

/**
 * An operator route could not be used: the message says what to do, without the token or a stack trace.
 * {@link #kind()} lets a command line choose its exit code.
 */
public final class OperatorClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for exit codes. */
    public enum Kind {
        /** The server could not be reached (refused, timed out, unknown host). */
        UNREACHABLE,
        /** The token was missing or wrong (401). */
        UNAUTHORIZED,
        /** The server has no operator token, so no {@code /admin} routes (404). */
        NOT_ENABLED,
        /** The server refused the act (another 4xx, e.g. settings that do not validate). */
        REFUSED,
        /** A dependency of the server is unavailable (503); nothing changed. */
        UNAVAILABLE,
        /** Anything else. */
        FAILED
    }

    private final Kind kind;

    /** @param kind what went wrong; @param message what to do */
    public OperatorClientException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
