package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.reply.RefusalCode;
import picocli.CommandLine;

/** The process exit codes, and the one place that maps failures to them. */
final class CliExitCodes implements CommandLine.IExitCodeExceptionMapper {

    static final int OK = 0;
    static final int SOFTWARE = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int AUTH = 4;
    static final int UNAVAILABLE = 5;
    /** {@code audit verify}: the chain is intact, but some writes' outcome is not recorded (unresolved). */
    static final int UNRESOLVED = 6;

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    static int of(Throwable exception) {
        if (exception instanceof ConfigurationException || exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (exception instanceof DependencyUnavailableException) {
            return UNAVAILABLE;
        }
        return SOFTWARE;
    }

    /**
     * The exit code of a refusal in non-interactive mode: 4 when the caller may not (its role, its tenant, or a claim
     * its role's row rules need and its identity lacks), 5 when a write's outcome
     * is unknown (the database connection was lost after the commit was sent), else 3.
     */
    static int ofRefusal(RefusalCode code) {
        if (code == RefusalCode.OUTCOME_UNKNOWN) {
            return UNAVAILABLE;
        }
        return code == RefusalCode.ROLE_FORBIDS
                        || code == RefusalCode.TENANT_REQUIRED
                        || code == RefusalCode.CLAIM_MISSING
                ? AUTH
                : REFUSED;
    }

    /** The exit code of an error part: 5 for a dependency, else 1. */
    static int ofError(String errorCode) {
        return errorCode.endsWith("_unavailable") ? UNAVAILABLE : SOFTWARE;
    }

    /** The worse of two exit codes: errors over auth over refusals over success. */
    static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        switch (code) {
            case OK:
                return 0;
            case REFUSED:
                return 1;
            case AUTH:
                return 2;
            case UNAVAILABLE:
                return 3;
            default:
                return 4;
        }
    }
}
