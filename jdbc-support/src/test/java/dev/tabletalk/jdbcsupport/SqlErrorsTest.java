package dev.tabletalk.jdbcsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlErrorsTest {

    /** Every SQLState and vendor code the classifier knows, per database, with the message where it matters. */
    @ParameterizedTest(name = "{0} {1}/{2} \"{3}\" is {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                // PostgreSQL: by SQLState
                "POSTGRESQL, 23505, 0, detail, UNIQUE",
                "POSTGRESQL, 23503, 0, detail, FOREIGN_KEY",
                "POSTGRESQL, 23502, 0, detail, NOT_NULL",
                "POSTGRESQL, 23514, 0, detail, CHECK",
                "POSTGRESQL, 22001, 0, detail, TOO_LONG",
                "POSTGRESQL, 22003, 0, detail, OUT_OF_RANGE",
                "POSTGRESQL, 57014, 0, detail, STATEMENT_TIMEOUT",
                "POSTGRESQL, 55P03, 0, detail, LOCK_TIMEOUT",
                "POSTGRESQL, 40001, 0, detail, RETRYABLE",
                "POSTGRESQL, 40P01, 0, detail, RETRYABLE",
                "POSTGRESQL, 42501, 0, detail, PERMISSION_DENIED",
                "POSTGRESQL, 55000, 0, 'ERROR: materialized view \"x\" has not been populated', NOT_POPULATED",
                "POSTGRESQL, 55000, 0, detail, OTHER",
                "POSTGRESQL, 57P01, 0, detail, CONNECTION",
                "POSTGRESQL, 57P02, 0, detail, CONNECTION",
                "POSTGRESQL, 57P03, 0, detail, CONNECTION",
                "POSTGRESQL, 53300, 0, detail, CONNECTION",
                "POSTGRESQL, 08006, 0, detail, CONNECTION",
                "POSTGRESQL, 42883, 0, detail, OTHER",
                "POSTGRESQL, null, 0, detail, OTHER",
                // MariaDB and MySQL: by vendor code
                "MARIADB, 23000, 1062, detail, UNIQUE",
                "MARIADB, 23000, 1586, detail, UNIQUE",
                "MARIADB, 23000, 1451, detail, FOREIGN_KEY",
                "MARIADB, 23000, 1452, detail, FOREIGN_KEY",
                "MARIADB, 23000, 1216, detail, FOREIGN_KEY",
                "MARIADB, 23000, 1217, detail, FOREIGN_KEY",
                "MARIADB, 23000, 1048, detail, NOT_NULL",
                "MARIADB, HY000, 1364, detail, NOT_NULL",
                "MARIADB, HY000, 3819, detail, CHECK",
                "MARIADB, 23000, 4025, detail, CHECK",
                "MARIADB, 22001, 1406, detail, TOO_LONG",
                "MARIADB, 22003, 1264, detail, OUT_OF_RANGE",
                "MARIADB, 22003, 1690, detail, OUT_OF_RANGE",
                "MARIADB, HY000, 1365, detail, OUT_OF_RANGE",
                "MARIADB, 70100, 1969, detail, STATEMENT_TIMEOUT",
                "MARIADB, HY000, 3024, detail, STATEMENT_TIMEOUT",
                "MARIADB, 70100, 1317, detail, STATEMENT_TIMEOUT",
                "MARIADB, 70100, 0, detail, STATEMENT_TIMEOUT",
                "MARIADB, HY000, 1205, detail, LOCK_TIMEOUT",
                "MARIADB, 40001, 1213, detail, RETRYABLE",
                "MARIADB, 40001, 0, detail, RETRYABLE",
                "MARIADB, 42000, 1142, detail, PERMISSION_DENIED",
                "MARIADB, 42000, 1143, detail, PERMISSION_DENIED",
                "MARIADB, 42000, 1044, detail, PERMISSION_DENIED",
                "MARIADB, 42000, 1227, detail, PERMISSION_DENIED",
                "MARIADB, 42000, 1370, detail, PERMISSION_DENIED",
                "MARIADB, HY000, 2002, detail, CONNECTION",
                "MARIADB, HY000, 2003, detail, CONNECTION",
                "MARIADB, HY000, 2006, detail, CONNECTION",
                "MARIADB, HY000, 2013, detail, CONNECTION",
                "MARIADB, HY000, 1927, detail, CONNECTION",
                "MARIADB, HY000, 1053, detail, CONNECTION",
                "MARIADB, 42S02, 1146, detail, OTHER",
                "MYSQL, 23000, 1062, detail, UNIQUE",
                "MYSQL, HY000, 3024, detail, STATEMENT_TIMEOUT",
                "MYSQL, 40001, 1213, detail, RETRYABLE",
                "MYSQL, 42000, 1142, detail, PERMISSION_DENIED",
                // H2: by vendor code
                "H2, 23505, 23505, detail, UNIQUE",
                "H2, 23503, 23503, detail, FOREIGN_KEY",
                "H2, 23506, 23506, detail, FOREIGN_KEY",
                "H2, 23502, 23502, detail, NOT_NULL",
                "H2, 23513, 23513, detail, CHECK",
                "H2, 23514, 23514, detail, CHECK",
                "H2, 22001, 22001, detail, TOO_LONG",
                "H2, 22003, 22003, detail, OUT_OF_RANGE",
                "H2, 57014, 57014, detail, STATEMENT_TIMEOUT",
                "H2, 57014, 0, detail, STATEMENT_TIMEOUT",
                "H2, HYT00, 50200, detail, LOCK_TIMEOUT",
                "H2, 40001, 40001, detail, RETRYABLE",
                "H2, 90096, 90096, detail, PERMISSION_DENIED",
                "H2, 90067, 90067, detail, CONNECTION",
                "H2, 90098, 90098, detail, CONNECTION",
                "H2, 90121, 90121, detail, CONNECTION",
                "H2, 42S02, 42102, detail, OTHER",
                // SQLite: by primary result code and message
                "SQLITE, null, 3, detail, PERMISSION_DENIED",
                "SQLITE, null, 8, detail, PERMISSION_DENIED",
                "SQLITE, null, 23, detail, PERMISSION_DENIED",
                "SQLITE, null, 5, '[SQLITE_BUSY] The database file is locked', LOCK_TIMEOUT",
                "SQLITE, null, 6, detail, LOCK_TIMEOUT",
                "SQLITE, null, 0, '[SQLITE_LOCKED] table is locked', LOCK_TIMEOUT",
                "SQLITE, null, 9, detail, STATEMENT_TIMEOUT",
                "SQLITE, null, 0, '[SQLITE_INTERRUPT] interrupted', STATEMENT_TIMEOUT",
                "SQLITE, null, 275, '[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed (CHECK constraint failed: stock >= 0)', CHECK",
                "SQLITE, null, 787, '[SQLITE_CONSTRAINT_FOREIGNKEY] A foreign key constraint failed', FOREIGN_KEY",
                "SQLITE, null, 1299, '[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint failed', NOT_NULL",
                "SQLITE, null, 2067, '[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed', UNIQUE",
                "SQLITE, null, 1555, '[SQLITE_CONSTRAINT_PRIMARYKEY] A PRIMARY KEY constraint failed', UNIQUE",
                "SQLITE, null, 19, '[SQLITE_CONSTRAINT] Abort due to constraint violation', CHECK",
                "SQLITE, null, 13, detail, TOO_LONG",
                "SQLITE, null, 0, '[SQLITE_TOOBIG] String or BLOB exceeds size limit', TOO_LONG",
                "SQLITE, null, 14, detail, CONNECTION",
                "SQLITE, null, 26, detail, CONNECTION",
                "SQLITE, null, 10, detail, CONNECTION",
                "SQLITE, null, 1, '[SQLITE_ERROR] SQL error or missing database', OTHER",
            })
    void classifiesEachDatabasesErrors(Dialect dialect, String state, int code, String message, SqlErrorKind expected) {
        assertThat(SqlErrors.classify(dialect, new SQLException(message, state, code)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: a connection exception is an outage")
    @EnumSource(Dialect.class)
    void connectionFailuresAreOutagesWhateverTheDatabase(Dialect dialect) {
        for (SQLException lost : connectionFailures()) {
            assertThat(SqlErrors.classify(dialect, lost)).as(lost.toString()).isEqualTo(SqlErrorKind.CONNECTION);
            assertThat(SqlErrors.isConnectionFailure(lost)).as(lost.toString()).isTrue();
        }
        assertThat(SqlErrors.isConnectionFailure(new SQLException("duplicate", "23505", 1062)))
                .isFalse();
        assertThat(SqlErrors.isConnectionFailure(new SQLException("no state"))).isFalse();
    }

    @ParameterizedTest(name = "{0}: a timeout without a known code is a statement timeout")
    @EnumSource(Dialect.class)
    void aTimeoutExceptionIsAStatementTimeout(Dialect dialect) {
        assertThat(SqlErrors.classify(dialect, new SQLTimeoutException("cancelled", "HY008", 0)))
                .isEqualTo(SqlErrorKind.STATEMENT_TIMEOUT);
    }

    @Test
    void sqlStateClassesAreReadWhateverTheDatabase() {
        assertThat(SqlErrors.isIntegrityViolation(new SQLException("x", "23000", 1062)))
                .isTrue();
        assertThat(SqlErrors.isIntegrityViolation(new SQLException("x", "23P01")))
                .isTrue();
        assertThat(SqlErrors.isIntegrityViolation(new SQLException("x", "40001")))
                .isFalse();
        assertThat(SqlErrors.isIntegrityViolation(new SQLException("no state"))).isFalse();
        assertThat(SqlErrors.isTransactionRollback(new SQLException("x", "40001")))
                .isTrue();
        assertThat(SqlErrors.isTransactionRollback(new SQLException("x", "40P01")))
                .isTrue();
        assertThat(SqlErrors.isTransactionRollback(new SQLException("x", "55P03")))
                .isFalse();
        assertThat(SqlErrors.isTransactionRollback(new SQLException("no state")))
                .isFalse();
    }

    static Stream<Arguments> commitOutcomes() {
        return Stream.of(
                Arguments.of(new SQLException("I/O error", "08006"), true),
                Arguments.of(new SQLException("no state"), true),
                Arguments.of(new SQLException("terminating connection due to administrator command", "57P01"), true),
                Arguments.of(new SQLException("shutdown", "57P02"), true),
                Arguments.of(new SQLException("cannot connect now", "57P03"), true),
                Arguments.of(new SQLTransientConnectionException("gone", "HY000"), true),
                Arguments.of(new SQLNonTransientConnectionException("gone", "HY000"), true),
                Arguments.of(new SQLRecoverableException("gone", "HY000"), true),
                Arguments.of(new IllegalStateException("wrapped", new SQLException("I/O error", "08006")), true),
                Arguments.of(new UncheckedIOException(new IOException("reset")), true),
                Arguments.of(new IllegalStateException("wrapped", new IOException("reset")), true),
                Arguments.of(new SQLException("could not serialize", "40001", 40001), false),
                Arguments.of(new SQLException("duplicate key", "23505", 23505), false),
                Arguments.of(new IllegalStateException("no database error"), false));
    }

    @ParameterizedTest(name = "{0}: outcome unknown {1}")
    @MethodSource("commitOutcomes")
    void aLostCommitIsUnknownAndAnAnsweredOneIsARollback(Throwable error, boolean unknown) {
        assertThat(SqlErrors.isCommitOutcomeUnknown(error)).isEqualTo(unknown);
    }

    @Test
    void aConnectionIsLostWhenItBrokeOrItsBackendWasEndedNotWhenTheDatabaseAnswered() {
        assertThat(SqlErrors.isConnectionLost(new SQLException("I/O error", "08006")))
                .isTrue();
        assertThat(SqlErrors.isConnectionLost(new SQLException("administrator command", "57P01")))
                .isTrue();
        assertThat(SqlErrors.isConnectionLost(new SQLException("cannot connect now", "57P03")))
                .isTrue();
        assertThat(SqlErrors.isConnectionLost(new SQLNonTransientConnectionException("gone", "HY000")))
                .isTrue();
        assertThat(SqlErrors.isConnectionLost(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(SqlErrors.isConnectionLost(new SQLException("lock timeout", "55P03")))
                .isFalse();
        assertThat(SqlErrors.isConnectionLost(new SQLException("no state"))).isFalse();
    }

    @Test
    void findsTheFirstSqlExceptionInTheCauseChain() {
        SQLException inner = new SQLException("inner", "23505");
        SQLException outer = new SQLException("outer", "40001", inner);
        assertThat(SqlErrors.firstSqlException(new IllegalStateException("x", outer)))
                .containsSame(outer);
        assertThat(SqlErrors.firstSqlException(inner)).containsSame(inner);
        assertThat(SqlErrors.firstSqlException(new IllegalStateException("no database")))
                .isEmpty();
        assertThat(SqlErrors.firstSqlException(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}/{2} at login is {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "POSTGRESQL, 28P01, 0, BAD_CREDENTIALS",
                "POSTGRESQL, 28000, 0, BAD_CREDENTIALS",
                "POSTGRESQL, 3D000, 0, UNKNOWN_DATABASE",
                "MARIADB, 28000, 1045, BAD_CREDENTIALS",
                "MARIADB, HY000, 1045, BAD_CREDENTIALS",
                "MYSQL, HY000, 1045, BAD_CREDENTIALS",
                "MARIADB, 42000, 1044, DATABASE_DENIED",
                "MYSQL, 42000, 1044, DATABASE_DENIED",
                "MARIADB, 42000, 1049, UNKNOWN_DATABASE",
                "H2, 28000, 28000, BAD_CREDENTIALS",
            })
    void readsWhyALoginWasRefused(Dialect dialect, String state, int code, LoginFailure expected) {
        assertThat(SqlErrors.loginFailure(dialect, new SQLException("detail", state, code)))
                .contains(expected);
    }

    @Test
    void otherErrorsAreNoLoginFailure() {
        assertThat(SqlErrors.loginFailure(
                        Dialect.MARIADB, new SQLInvalidAuthorizationSpecException("denied", "HY000", 0)))
                .contains(LoginFailure.BAD_CREDENTIALS);
        for (SQLException other : List.of(
                new SQLException("refused", "08001"), new SQLException("no state"), new SQLException("x", "42501"))) {
            assertThat(SqlErrors.loginFailure(Dialect.POSTGRESQL, other))
                    .as(other.toString())
                    .isEmpty();
        }
        // vendor codes are MariaDB's and MySQL's: another database's 1045 is not theirs
        assertThat(SqlErrors.loginFailure(Dialect.SQLITE, new SQLException("x", null, 1045)))
                .isEmpty();
    }

    private static List<SQLException> connectionFailures() {
        return List.of(
                new SQLTransientConnectionException("refused", "08001"),
                new SQLNonTransientConnectionException("closed", "HY000"),
                new SQLRecoverableException("reset"),
                new SQLException("I/O error", "08006"),
                new SQLException("link failure", "08S01", 0));
    }
}
