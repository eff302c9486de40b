package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ForbiddenAttempt;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.executor.SwitchableDataSource;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GuardedExecutor} must do, against a real database holding the attack
 * catalogue's reference shop ({@link ShopFixture}). Extend it per database: create a fresh
 * database or schema of your own, and build the executor under test over it. This last link of
 * the chain holds what only a real database can show: locks, timeouts, database errors and the
 * statement guard; the links before it ({@link ExecutorConfirmContract} and up) hold the rest.
 */
public abstract class GuardedExecutorContract extends ExecutorRoleContract {

    /** Which database this is (selects the DDL and the expectations that differ). */
    protected abstract FixtureDatabase database();

    /** Creates the fresh database or schema of this test class. */
    protected abstract void createDatabase() throws Exception;

    /** Drops what {@link #createDatabase()} created. */
    protected abstract void dropDatabase() throws Exception;

    /** A data source for the fresh database (the executor's target). */
    protected abstract DataSource dataSource();

    /** The schema the catalog names for the fixture tables ("" where the connection's default is used). */
    protected abstract String schema();

    /** The executor under test over {@code target}. */
    protected abstract GuardedExecutor newExecutor(
            DataSource target,
            SchemaCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            OptionalDouble maxQueryCost);

    /**
     * DELETE, TRUNCATE, DDL and GRANT tried through the implementation's guarded connection: each must
     * throw because the guard stopped it, and throw an {@link AssertionError} when it ran or failed for
     * another reason.
     */
    protected abstract List<ForbiddenAttempt> forbiddenStatements();

    @BeforeAll
    final void createFixture() throws Exception {
        createDatabase();
        try (Connection connection = dataSource().getConnection()) {
            ShopFixture.create(connection, database());
        }
    }

    @AfterAll
    final void dropFixture() throws Exception {
        dropDatabase();
    }

    @Override
    protected final ShopRows shop() {
        return new JdbcShopRows(dataSource());
    }

    /** The fixture catalog for this database. */
    @Override
    protected EntityCatalog catalog() {
        return ShopFixture.catalog(schema(), database());
    }

    @Override
    protected final GuardedExecutor executorUnderTest(
            SchemaCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            OptionalDouble maxQueryCost) {
        return newExecutor(dataSource(), catalog, limits, roles, readOnlyMode, maxQueryCost);
    }

    @Override
    protected final boolean hasCostGate() {
        return database().hasCostGate();
    }

    // ============================================================== locks and timeouts

    @Test
    void aLockHeldByAnotherTransactionEndsInALockTimeoutAndChangesNothing() throws Exception {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "locked"), List.of(Filter.eq("id", 3L))), Users.editor()));
        Duration lockTimeout = Limits.defaults().lockTimeout();
        try (Connection holder = dataSource().getConnection()) {
            holdLockOnCustomer(holder, 3);
            long started = System.nanoTime();

            Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            holder.rollback();
            assertThat(refusal.code()).isEqualTo(RefusalCode.LOCK_TIMEOUT);
            assertNoLeak(refusal);
            assertThat(waited).isLessThan(lockTimeout.plusSeconds(8)).isGreaterThan(lockTimeout.dividedBy(2));
        }
        assertThat(query("select notes from customers where id = 3")).containsExactly(List.of("note 3"));
    }

    @Test
    void aStatementRunningLongerThanTheStatementTimeoutIsStopped() throws Exception {
        GuardedExecutor impatient = executor(
                catalog(),
                Limits.defaults().withStatementTimeout(Duration.ofSeconds(1)).withLockTimeout(Duration.ofSeconds(20)));
        PreviewOutcome.Ready ready = ready(impatient.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "slow"), List.of(Filter.eq("id", 4L))), Users.editor()));
        try (Connection holder = dataSource().getConnection()) {
            holdLockOnCustomer(holder, 4);
            long started = System.nanoTime();

            Refusal refusal =
                    refusedCommit(impatient.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            holder.rollback();
            assertThat(refusal.code()).isIn(RefusalCode.STATEMENT_TIMEOUT, RefusalCode.LOCK_TIMEOUT);
            assertNoLeak(refusal);
            assertThat(waited).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(query("select notes from customers where id = 4")).containsExactly(List.of(Optional.empty()));
    }

    // ============================================================== database errors

    @Test
    void databaseErrorsBecomeSpecificRefusalsWithoutDetails() throws SQLException {
        EntityCatalog permissive = ShopFixture.catalog(schema(), database(), entity -> {
            var e = ShopFixture.withoutKeys(entity);
            e = ShopFixture.withColumn(e, "stock", b -> b.range(NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE)));
            e = ShopFixture.withColumn(e, "sku", b -> b.maxLength(null));
            e = ShopFixture.withColumn(e, "credit_limit", b -> b.precision(null).scale(null));
            return e.name().equals("customers") ? ShopFixture.withColumn(e, "name", b -> b.nullable(true)) : e;
        });
        GuardedExecutor unchecked = executor(permissive, Limits.defaults());

        assertThat(confirmUpdate(unchecked, "products", "stock", -1L, 7L).code())
                .isEqualTo(RefusalCode.CHECK_VIOLATION);
        assertThat(confirmUpdate(unchecked, "customers", "name", null, 5L).code())
                .isEqualTo(RefusalCode.NOT_NULL_VIOLATION);
        if (database().enforcesDeclaredSizes()) {
            assertThat(confirmUpdate(unchecked, "products", "sku", "S".repeat(40), 7L)
                            .code())
                    .isEqualTo(RefusalCode.VALUE_TOO_LONG);
            assertThat(confirmUpdate(unchecked, "customers", "credit_limit", new BigDecimal("12345678901.99"), 5L)
                            .code())
                    .isIn(RefusalCode.OUT_OF_RANGE, RefusalCode.VALUE_TOO_LONG);
        }
        assertThat(confirmCreate(
                                unchecked,
                                new CreatePlan(
                                        "orders", Map.of("customer_id", 77777L, "total", new BigDecimal("1.00"))))
                        .code())
                .isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(confirmCreate(
                                unchecked,
                                new CreatePlan("customers", Map.of("name", "Dup", "email", "customer5@example.com")))
                        .code())
                .isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertThat(query("select stock from products where id = 7")).containsExactly(List.of(10L));
        assertThat(queryCount("select count(*) from orders")).isEqualTo(6);
    }

    @Test
    void aDatabaseThatIsDownIsADependencyFailureNotARefusal() throws SQLException {
        SwitchableDataSource switchable = new SwitchableDataSource(dataSource());
        GuardedExecutor fragile = newExecutor(
                switchable,
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.defaults(),
                readOnlyMode,
                OptionalDouble.empty());
        PreviewOutcome.Ready ready = ready(fragile.previewUpdate(
                new UpdatePlan("customers", Map.of("notes", "down"), List.of(Filter.eq("id", 5L))), Users.editor()));
        switchable.goDown();

        assertThatThrownBy(() -> fragile.read(ReadPlan.of("customers", List.of()), Users.editor()))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.TARGET_DATABASE));
        assertThatThrownBy(() -> fragile.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(DependencyUnavailableException.class);
        switchable.comeBack();
        assertThat(fragile.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(CommitOutcome.Committed.class);
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("down"));
    }

    // ============================================================== invariant 1

    @Test
    @Tag("invariant-1")
    void deleteTruncateAndDdlNeverReachTheDatabase() throws SQLException {
        List<ForbiddenAttempt> attempts = forbiddenStatements();
        assertThat(attempts).isNotEmpty();
        for (ForbiddenAttempt attempt : attempts) {
            assertThatThrownBy(attempt.attempt()::run).as(attempt.description()).isNotInstanceOf(AssertionError.class);
        }

        assertThat(queryCount("select count(*) from customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
        assertThat(queryCount("select count(*) from orders")).isEqualTo(6);
        assertThat(queryCount("select count(*) from users_auth")).isEqualTo(1);
    }

    protected void holdLockOnCustomer(Connection holder, long id) throws SQLException {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            if (database() == FixtureDatabase.SQLITE) {
                statement.executeUpdate("update customers set version = version where id = " + id);
            } else {
                try (ResultSet rs =
                        statement.executeQuery("select id from customers where id = " + id + " for update")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    /** Runs a statement on a fresh connection (autocommit), bypassing the executor. */
    protected void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    protected long queryCount(String sql) {
        try {
            List<List<Object>> rows = query(sql);
            return ((Number) rows.get(0).get(0)).longValue();
        } catch (SQLException e) {
            throw new AssertionError("counting failed: " + sql, e);
        }
    }

    /** Rows of a query on a fresh connection; integers as Long, NULL as Optional.empty(). */
    protected List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
                        value = ((Number) value).longValue();
                    }
                    row.add(value == null ? Optional.empty() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
