package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.RowKey;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions on an in-memory H2 database: retry after deadlocks, error translation. */
class TargetDatabaseTest {

    private static final CommitOutcome.Committed APPROVED = new CommitOutcome.Committed(1, List.of(RowKey.of("id", 7)));

    private TargetDatabase database;

    @BeforeEach
    void openDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + JooqContractSupport.uniqueName());
        database = TargetDatabase.open(dataSource, Limits.defaults());
    }

    @Test
    void aDeadlockIsRetriedOnce() {
        AtomicInteger attempts = new AtomicInteger();

        String result = database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            if (attempts.incrementAndGet() == 1) {
                throw deadlock();
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aSecondDeadlockBecomesARetryableRefusal() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
                    attempts.incrementAndGet();
                    throw deadlock();
                }))
                .isInstanceOfSatisfying(
                        RefusalSignal.class,
                        refused -> assertThat(refused.refusal().code()).isEqualTo(RefusalCode.LOCK_TIMEOUT));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void nothingIsRetriedOnceTheCommitGateWasCalled() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
                    attempts.incrementAndGet();
                    attempt.markGateCalled(APPROVED);
                    throw deadlock();
                }))
                .isInstanceOf(RefusalSignal.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConnectionLostOnCommitAfterTheGateIsAnUnknownOutcome() {
        for (SQLException lost : List.of(
                new SQLException("I/O error", "08006"),
                new SQLException("no state"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("shutdown", "57P02"),
                new SQLException("cannot connect now", "57P03"))) {
            TargetDatabase failing = failingCommit(lost);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> failing.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
                        attempts.incrementAndGet();
                        attempt.markGateCalled(APPROVED);
                        return "written";
                    }))
                    .as(lost.getMessage())
                    .isInstanceOfSatisfying(
                            TargetDatabase.CommitUnknown.class,
                            unknown -> assertThat(unknown.approved()).contains(APPROVED));
            assertThat(attempts).as("never retried").hasValue(1);
        }
    }

    @Test
    void anIoFailureOutsideJdbcOnCommitAfterTheGateIsAnUnknownOutcome() {
        TargetDatabase failing = failingCommit(new UncheckedIOException(new EOFException("gone")));

        assertThatThrownBy(() -> failing.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
                    attempt.markGateCalled(APPROVED);
                    return "written";
                }))
                .isInstanceOf(TargetDatabase.CommitUnknown.class);
    }

    @Test
    void aCommitTheDatabaseRefusedIsADefiniteRollbackEvenAfterTheGate() {
        for (SQLException refused : List.of(
                new SQLException("could not serialize", "40001", 40001),
                new SQLException("duplicate key", "23505", 23505))) {
            TargetDatabase failing = failingCommit(refused);

            assertThatThrownBy(() -> failing.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
                        attempt.markGateCalled(APPROVED);
                        return "written";
                    }))
                    .as(refused.getMessage())
                    .isInstanceOf(RefusalSignal.class);
        }
    }

    @Test
    void aConnectionLostOnCommitBeforeTheGateIsAnOutageNotAnUnknownOutcome() {
        TargetDatabase failing = failingCommit(new SQLException("I/O error", "08006"));

        assertThatThrownBy(() -> failing.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> "nothing approved"))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThatThrownBy(() -> failing.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                    attempt.markGateCalled(APPROVED);
                    return "read";
                }))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void aFollowUpCheckGivesNothingWhenTheDatabaseDoesNotAnswer() {
        assertThat(database.checkOnce((db, attempt) -> db.fetchValue("select 1")))
                .contains(1);
        assertThat(database.checkOnce((db, attempt) -> {
                    throw new DataAccessException("gone", new SQLException("I/O error", "08006"));
                }))
                .isEmpty();
    }

    @Test
    void otherFailuresPropagateUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
                    throw bug;
                }))
                .isSameAs(bug);
    }

    /** H2 in memory, but every commit fails with {@code failure}. */
    private static TargetDatabase failingCommit(Exception failure) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + JooqContractSupport.uniqueName() + ";DB_CLOSE_DELAY=-1");
        DataSource failing = (DataSource) Proxy.newProxyInstance(
                TargetDatabaseTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = Invocations.invoke(method, h2, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(
                            TargetDatabaseTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    throw failure;
                                }
                                return Invocations.invoke(m, connection, a);
                            });
                });
        return TargetDatabase.open(failing, Limits.defaults());
    }

    private static DataAccessException deadlock() {
        return new DataAccessException("deadlock", new SQLException("Deadlock detected", "40001", 40001));
    }
}
