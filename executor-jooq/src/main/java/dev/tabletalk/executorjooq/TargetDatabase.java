package dev.tabletalk.executorjooq;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.SqlErrorKind;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.Transactions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.jooq.Collation;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target database: one transaction per call on a connection of the data source, with the
 * statement guard, the statement and lock timeouts, read-only transactions for reads, one retry
 * after a deadlock or serialization failure, and database errors turned into refusals.
 */
final class TargetDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TargetDatabase.class);

    /** Whether a transaction only reads or also writes. */
    enum Mode {
        READ,
        WRITE
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(DSLContext db, Attempt attempt);
    }

    /** State of one attempt: whether the commit gate has been called or a commit sent (then no retry may happen). */
    static final class Attempt {
        private boolean gateCalled;
        private boolean commitSent;
        private CommitOutcome.Committed approved;

        /** The gate is being called to approve {@code pending}: from now on the outcome may be unknown. */
        void markGateCalled(CommitOutcome.Committed pending) {
            gateCalled = true;
            approved = pending;
        }

        Optional<CommitOutcome.Committed> approved() {
            return Optional.ofNullable(approved);
        }

        boolean isGateCalled() {
            return gateCalled;
        }

        /** Whether nothing of this attempt can have been committed: neither the gate called nor a commit sent. */
        boolean committedNothing() {
            return !gateCalled && !commitSent;
        }
    }

    /** A commit gate failure, carried through the transaction so it is rethrown unchanged after rollback. */
    static final class GateFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GateFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException original() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * A COMMIT of a write, sent after the commit gate approved it, failed in a way that leaves its outcome
     * unknown (the connection was lost): never retried, never reported as "nothing changed".
     */
    static final class CommitUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** What the gate approved (not serialized: only ever handled in the thread that threw it). */
        private final transient CommitOutcome.Committed approved;

        CommitUnknown(Throwable cause, CommitOutcome.Committed approved) {
            super("the commit's answer was lost", cause);
            this.approved = approved;
        }

        /** What the gate approved: the rows' keys (for a create, the key the database returned before the commit). */
        Optional<CommitOutcome.Committed> approved() {
            return Optional.ofNullable(approved);
        }
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Configuration base;
    private final Limits limits;
    /** PostgreSQL on a pool of our own: session settings once per physical connection, reads in autocommit. */
    private final boolean sessionSettings;
    /**
     * Physical connections that carry session settings of a dedicated-pool executor, with the statement
     * timeout they carry (shared by all executors, so that two on one pool never trust each other's
     * settings; weak, as the pool may drop a connection at any time).
     */
    private static final Map<Connection, Long> PREPARED = Collections.synchronizedMap(new WeakHashMap<>());
    /** SQLite: the physical connections that carry {@link SqliteLower} (weak, as for {@link #PREPARED}). */
    private final Set<Connection> withTextFold =
            Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    private TargetDatabase(
            DataSource dataSource, Dialect dialect, Limits limits, boolean dedicatedPool, Collation textCollation) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.limits = limits;
        this.sessionSettings = dedicatedPool && dialect == Dialect.POSTGRESQL;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderSchema(Boolean.TRUE)
                .withExecuteLogging(Boolean.FALSE)
                // nothing reads a statement's warnings: do not ask the driver for them after each one
                .withFetchWarnings(Boolean.FALSE)
                .withQueryTimeout(seconds(limits.statementTimeout()));
        this.base = new DefaultConfiguration()
                .set(JooqDialect.of(dialect))
                .set(settings)
                // INV-1: aborts anything but one SELECT, INSERT or UPDATE
                .set(new DefaultExecuteListenerProvider(new StatementGuard()));
        if (textCollation != null) {
            base.data(TextComparison.POSTGRES_COLLATION, textCollation);
        }
    }

    /** Opens a target database that may be shared, detecting its dialect from a first connection. */
    static TargetDatabase open(DataSource dataSource, Limits limits) {
        return open(dataSource, limits, false);
    }

    /**
     * Opens the target database, detecting its dialect from a first connection; {@code dedicatedPool}:
     * see {@link ExecutorConfig#withDedicatedPool()}.
     */
    static TargetDatabase open(DataSource dataSource, Limits limits, boolean dedicatedPool) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            Dialect dialect = Dialect.fromProductName(product)
                    .orElseThrow(() -> new ConfigurationException("the target database (" + product
                            + ") is not supported: use PostgreSQL, MariaDB, MySQL, SQLite or H2"));
            TargetDatabase opened = new TargetDatabase(dataSource, dialect, limits, dedicatedPool, null);
            if (dialect != Dialect.POSTGRESQL) {
                return opened;
            }
            // #13: which collation folds text, asked once through the guard (one SELECT)
            Collation text = TextComparison.postgresCollation(opened.guarded(connection));
            return new TargetDatabase(dataSource, dialect, limits, dedicatedPool, text);
        } catch (SQLException | DataAccessException e) {
            throw DependencyUnavailableException.targetDatabase("cannot connect to the target database", e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Whether reads take values straight from the JDBC result set by column type ({@link DirectRows})
     * instead of through jOOQ records: PostgreSQL, whose driver returns every catalog type natively.
     */
    boolean readsColumnsDirectly() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** Whether the optional EXPLAIN cost gate applies. */
    boolean supportsCostGate() {
        return dialect == Dialect.POSTGRESQL || dialect.isMySqlFamily();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** A guarded jOOQ context on one connection (the caller manages the connection). */
    DSLContext guarded(Connection connection) {
        return DSL.using(base.derive(new DefaultConnectionProvider(connection)));
    }

    /**
     * Runs {@code work} in one transaction and commits it. A refusal thrown as {@link RefusalSignal} rolls
     * back and propagates; a deadlock or serialization failure is retried once unless the commit gate
     * was already called; other database errors become a {@link RefusalSignal} or a
     * {@link DependencyUnavailableException}.
     *
     * <p>Work that met a lost connection before anything of it could have been committed (no gate called, no
     * commit sent) runs again on another connection, up to {@link Transactions#MAX_LOST_CONNECTIONS} times, as the
     * stores' work does: after a failover or a restart the pool still hands out connections it used a moment before,
     * unchecked, and the person would otherwise be told the database is unavailable when it is back. A server ends a
     * lost connection's transaction without committing it, so nothing runs twice. A connection the pool cannot give
     * at all is not waited for again.
     */
    <T> T transaction(Mode mode, Work<T> work) {
        int lost = 0;
        for (int attempt = 1; ; attempt++) {
            Attempt state = new Attempt();
            try {
                return once(mode, work, state);
            } catch (RefusalSignal | GateFailure | CommitUnknown | DependencyUnavailableException e) {
                throw e;
            } catch (RuntimeException | SQLException e) {
                if (refusedByGuard(e)) {
                    throw new IllegalStateException("the statement guard refused a statement of the executor", e);
                }
                Optional<SQLException> sql = SqlErrors.firstSqlException(e);
                if (sql.isEmpty()) {
                    if (e instanceof RuntimeException runtime && !(e instanceof DataAccessException)) {
                        throw runtime;
                    }
                    // jOOQ failed without a driver error (e.g. mapping a value): the database is not down
                    LOG.warn(
                            "database error without SQLState ({})", e.getClass().getSimpleName());
                    throw DependencyUnavailableException.targetDatabaseFault(
                            DatabaseFault.UNEXPECTED,
                            "database error without SQLState (" + e.getClass().getSimpleName() + ")");
                }
                if (SqlErrors.isConnectionLost(sql.get())
                        && state.committedNothing()
                        && ++lost < Transactions.MAX_LOST_CONNECTIONS) {
                    LOG.debug(
                            "lost connection (SQLState {}): running again on another",
                            sql.get().getSQLState());
                    continue;
                }
                SqlErrorKind kind = SqlErrors.classify(dialect, sql.get());
                LOG.debug(
                        "database error {} (SQLState {}, code {})",
                        kind,
                        sql.get().getSQLState(),
                        sql.get().getErrorCode());
                if (kind == SqlErrorKind.RETRYABLE && attempt == 1 && !state.isGateCalled()) {
                    continue;
                }
                Optional<Refusal> refusal = DatabaseErrors.refusal(kind);
                if (refusal.isPresent()) {
                    throw new RefusalSignal(refusal.get());
                }
                Optional<DatabaseFault> fault = DatabaseErrors.fault(kind);
                if (fault.isPresent()) {
                    // answered but refused: not an outage, so never "unavailable, retry"
                    String errorClass = DatabaseErrors.errorClass(kind, sql.get());
                    LOG.warn("{}", errorClass, e);
                    throw DependencyUnavailableException.targetDatabaseFault(fault.get(), errorClass);
                }
                throw DependencyUnavailableException.targetDatabase("the target database connection failed", e);
            }
        }
    }

    private <T> T once(Mode mode, Work<T> work, Attempt state) throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw DependencyUnavailableException.targetDatabase("cannot connect to the target database", e);
        }
        try (connection) {
            if (sessionSettings) {
                return onPreparedSession(connection, mode, work, state);
            }
            if (dialect == Dialect.SQLITE) {
                foldTextOn(connection);
            }
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = mode == Mode.READ && dialect.supportsReadOnlyTransactions();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            if (readOnly) {
                connection.setReadOnly(true);
            }
            try {
                DSLContext db = guarded(connection);
                applyTimeouts(db, mode);
                T result = work.run(db, state);
                commit(connection, mode, state);
                return result;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                restore(connection, autoCommit, readOnly);
            }
        }
    }

    /**
     * PostgreSQL on a dedicated pool: the physical connection gets {@code statement_timeout} and
     * {@code default_transaction_read_only = on} at session level once; a read then runs in autocommit
     * (each statement a read-only transaction, enforced by the server) and a write in a transaction
     * that it switches to read-write first, with its timeouts set locally as on a shared pool.
     */
    private <T> T onPreparedSession(Connection connection, Mode mode, Work<T> work, Attempt state) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        DSLContext db = guarded(connection);
        Connection physical = connection.unwrap(Connection.class);
        Long statementMillis = Math.max(1, limits.statementTimeout().toMillis());
        if (!statementMillis.equals(PREPARED.get(physical))) {
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            PREPARED.remove(physical);
            setting(db, db.set(DSL.name("statement_timeout"), DSL.inline(statementMillis)));
            setting(db, db.set(DSL.name("default_transaction_read_only"), DSL.inline(true)));
            PREPARED.put(physical, statementMillis);
            autoCommit = true;
        }
        if (mode == Mode.READ) {
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.run(db, state);
            } finally {
                if (!autoCommit) {
                    Transactions.restoreAutoCommit(connection, false);
                }
            }
        }
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            setting(db, db.setLocal(DSL.name("transaction_read_only"), DSL.inline(false)));
            applyTimeouts(db, mode);
            T result = work.run(db, state);
            commit(connection, mode, state);
            return result;
        } catch (RuntimeException | SQLException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            if (autoCommit) {
                Transactions.restoreAutoCommit(connection, true);
            }
        }
    }

    /**
     * Runs {@code work} once in a read transaction on a fresh connection and gives its result, or nothing when
     * the database does not answer (used to check what a commit with an unknown outcome did).
     */
    <T> Optional<T> checkOnce(Work<T> work) {
        try {
            return Optional.ofNullable(once(Mode.READ, work, new Attempt()));
        } catch (RuntimeException | SQLException e) {
            LOG.debug("follow-up check failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** SQLite: registers the text fold of {@link TextComparison} on the physical connection, once. */
    private void foldTextOn(Connection connection) throws SQLException {
        Connection physical;
        try {
            physical = SqliteLower.physical(connection);
        } catch (NoClassDefFoundError e) {
            // another SQLite driver, without xerial's classes: SqliteLower cannot even load
            throw new ConfigurationException(
                    "SQLite is supported through the xerial sqlite-jdbc driver only: text filters need its user"
                            + " functions");
        }
        if (!withTextFold.contains(physical)) {
            SqliteLower.register(physical);
            withTextFold.add(physical);
        }
    }

    /** Commits; a lost answer to the COMMIT of an approved write becomes {@link CommitUnknown}. */
    private static void commit(Connection connection, Mode mode, Attempt state) throws SQLException {
        state.commitSent = true;
        try {
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            if (mode == Mode.WRITE && state.isGateCalled() && SqlErrors.isCommitOutcomeUnknown(e)) {
                throw new CommitUnknown(e, state.approved().orElse(null));
            }
            throw e;
        }
    }

    private void applyTimeouts(DSLContext db, Mode mode) {
        long statementMillis = Math.max(1, limits.statementTimeout().toMillis());
        // a lock wait is part of a statement: it never outlasts the statement timeout
        Duration lockTimeout = limits.lockTimeout().compareTo(limits.statementTimeout()) < 0
                ? limits.lockTimeout()
                : limits.statementTimeout();
        long lockMillis = Math.max(1, lockTimeout.toMillis());
        switch (dialect) {
            case POSTGRESQL -> {
                setting(db, db.setLocal(DSL.name("statement_timeout"), DSL.inline(statementMillis)));
                if (mode == Mode.WRITE) {
                    setting(db, db.setLocal(DSL.name("lock_timeout"), DSL.inline(lockMillis)));
                }
            }
            case MARIADB -> {
                setting(
                        db,
                        db.set(
                                DSL.name("max_statement_time"),
                                DSL.inline(BigDecimal.valueOf(statementMillis)
                                        .divide(BigDecimal.valueOf(1000), 3, RoundingMode.UP))));
                setting(db, db.set(DSL.name("innodb_lock_wait_timeout"), DSL.inline(seconds(lockTimeout))));
            }
            case MYSQL -> {
                setting(db, db.set(DSL.name("max_execution_time"), DSL.inline(statementMillis)));
                setting(db, db.set(DSL.name("innodb_lock_wait_timeout"), DSL.inline(seconds(lockTimeout))));
            }
            case H2 -> setting(db, db.set(DSL.name("LOCK_TIMEOUT"), DSL.inline(lockMillis)));
            case SQLITE -> {
                // no session settings: the JDBC query timeout applies, and the data source's busy timeout
                // bounds lock waits (configure it to the lock timeout)
            }
        }
    }

    /** Executes one session-setting statement: exactly its rendered text is allowed by the guard, once. */
    private static void setting(DSLContext db, Query query) {
        String sql = db.render(query);
        StatementGuard.allowingSetting(sql, query::execute);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed (SQLState {})", e.getSQLState());
        }
    }

    private static void restore(Connection connection, boolean autoCommit, boolean readOnly) {
        try {
            if (readOnly) {
                connection.setReadOnly(false);
            }
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debug("restoring the connection failed (SQLState {})", e.getSQLState());
        }
    }

    private static boolean refusedByGuard(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof StatementGuard.ForbiddenStatementException) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    static int seconds(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }
}
