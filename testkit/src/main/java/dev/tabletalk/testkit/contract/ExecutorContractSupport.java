package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tabletalk.core.catalog.EntityCatalog;
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
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ForbiddenAttempt;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixture and helpers every part of the executor contract shares: the hooks a database supplies,
 * the reference shop ({@link ShopFixture}) created once and reset before each test, and small
 * assertions on outcomes. The contract itself is the chain {@link ExecutorReadContract},
 * {@link ExecutorTenancyContract}, {@link ExecutorWriteContract}, {@link ExecutorConfirmContract} and
 * {@link GuardedExecutorContract}; extend the last one per database.
 *
 * <p>The plans in the contract are built directly (no planner), many of them malicious on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExecutorContractSupport {

    private static final List<String> LEAK_MARKERS = List.of("select ", "update ", "insert ", "sql", "exception",
            "constraint", "_uq", "_fk", "sqlstate", "jdbc", "org.", "java.", "error:", "duplicate key", ShopFixture.HIDDEN_MARKER.toLowerCase(java.util.Locale.ROOT),
            "password_hash", "users_auth", "api_tokens");

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
    protected abstract GuardedExecutor newExecutor(DataSource target, SchemaCatalog catalog, Limits limits,
            RolePolicy roles, ReadOnlyMode readOnlyMode, OptionalDouble maxQueryCost);

    /**
     * DELETE, TRUNCATE, DDL and GRANT tried through the implementation's guarded connection: each must
     * throw because the guard stopped it, and throw an {@link AssertionError} when it ran or failed for
     * another reason.
     */
    protected abstract List<ForbiddenAttempt> forbiddenStatements();

    protected ReadOnlyMode readOnlyMode;
    protected GuardedExecutor executor;

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

    @BeforeEach
    final void resetFixture() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            ShopFixture.reset(connection);
        }
        readOnlyMode = ReadOnlyMode.off();
        executor = executor(catalog(), Limits.defaults());
    }

    // ============================================================== helpers

    /** The fixture catalog for this database. */
    protected EntityCatalog catalog() {
        return ShopFixture.catalog(schema(), database());
    }

    protected GuardedExecutor executor(EntityCatalog catalog, Limits limits) {
        return newExecutor(dataSource(), new StaticSchemaCatalog(catalog), limits, RolePolicy.defaults(), readOnlyMode,
                OptionalDouble.empty());
    }

    protected Refusal confirmUpdate(GuardedExecutor target, String entity, String field, Object value, long id) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(field, value);
        PreviewOutcome.Ready ready = ready(target.previewUpdate(new UpdatePlan(entity, changes,
                List.of(Filter.eq("id", id))), Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    protected Refusal confirmCreate(GuardedExecutor target, CreatePlan plan) {
        PreviewOutcome.Ready ready = ready(target.previewCreate(plan, Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    protected static CommitGate failingGate() {
        return committed -> fail("the commit gate must not be reached");
    }

    protected static void assertNoLeak(Refusal refusal) {
        String message = refusal.message().toLowerCase(java.util.Locale.ROOT);
        for (String marker : LEAK_MARKERS) {
            assertThat(message).as("refusal message %s", refusal.message()).doesNotContain(marker);
        }
    }

    protected RowSet read(Filter... filters) {
        return rows(executor.read(ReadPlan.of("customers", List.of(filters)), Users.editor()));
    }

    protected static RowSet rows(ReadOutcome outcome) {
        if (outcome instanceof ReadOutcome.Rows rows) {
            return rows.rows();
        }
        throw new AssertionError("expected rows, got " + outcome);
    }

    protected static Refusal refused(ReadOutcome outcome) {
        if (outcome instanceof ReadOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    protected static PreviewOutcome.Ready ready(PreviewOutcome outcome) {
        if (outcome instanceof PreviewOutcome.Ready ready) {
            return ready;
        }
        throw new AssertionError("expected a preview, got " + outcome);
    }

    protected static Refusal refusedPreview(PreviewOutcome outcome) {
        if (outcome instanceof PreviewOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    protected static CommitOutcome.Committed committed(CommitOutcome outcome) {
        if (outcome instanceof CommitOutcome.Committed committed) {
            return committed;
        }
        throw new AssertionError("expected a commit, got " + outcome);
    }

    protected static Refusal refusedCommit(CommitOutcome outcome) {
        if (outcome instanceof CommitOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    protected static List<Object> ids(RowSet rows) {
        return rows.rows().stream().map(row -> row.get("id")).toList();
    }

    /** Runs a statement on a fresh connection (autocommit), bypassing the executor. */
    protected void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    protected long count(String sql) {
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
                    if (value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
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
