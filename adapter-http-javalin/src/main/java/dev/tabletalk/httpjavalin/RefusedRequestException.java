package dev.tabletalk.httpjavalin;

import java.util.Objects;
import java.util.Optional;

/**
 * A request answered with a problem document: thrown by the gate and the handlers once the refusal is recorded,
 * and written by {@link HttpErrors}, the one place problems reach the response. Carries no stack trace.
 */
final class RefusedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient String logContext;

    /**
     * @param problem the answer
     * @param logContext what to say in the debug log with the error id, or {@code null} for nothing
     */
    RefusedRequestException(Problem problem, String logContext) {
        super(problem.reason(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.logContext = logContext;
    }

    RefusedRequestException(Problem problem) {
        this(problem, null);
    }

    Problem problem() {
        return problem;
    }

    /** The debug log line's context, when there is one. */
    Optional<String> logContext() {
        return Optional.ofNullable(logContext);
    }
}
