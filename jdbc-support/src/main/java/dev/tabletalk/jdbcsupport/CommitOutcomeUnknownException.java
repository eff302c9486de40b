package dev.tabletalk.jdbcsupport;

import java.sql.SQLException;

/**
 * A COMMIT was sent and its answer lost ({@link SqlErrors#isCommitOutcomeUnknown}): the work may have been committed
 * or not, and nothing the client holds tells which. Thrown by {@link Transactions#run}, never run again; a caller
 * that reports the failure must say that the outcome is unknown, never that nothing was changed. Carries the
 * failure's SQLState and has it as its cause.
 */
public final class CommitOutcomeUnknownException extends SQLException {

    private static final long serialVersionUID = 1L;

    CommitOutcomeUnknownException(SQLException failure) {
        super("the commit was sent and its answer lost: its outcome is unknown", failure.getSQLState(), failure);
    }
}
