package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.reply.RefusalCode;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions on an in-memory H2 database: retry after deadlocks, error translation. */
class TargetDatabaseTest {

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
        })).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.refusal().code()).isEqualTo(RefusalCode.LOCK_TIMEOUT));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void nothingIsRetriedOnceTheCommitGateWasCalled() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.transaction(TargetDatabase.Mode.WRITE, (db, attempt) -> {
            attempts.incrementAndGet();
            attempt.markGateCalled();
            throw deadlock();
        })).isInstanceOf(Refused.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void otherFailuresPropagateUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> database.transaction(TargetDatabase.Mode.READ, (db, attempt) -> {
            throw bug;
        })).isSameAs(bug);
    }

    private static DataAccessException deadlock() {
        return new DataAccessException("deadlock", new SQLException("Deadlock detected", "40001", 40001));
    }
}
