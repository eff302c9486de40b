package dev.tabletalk.audit;

import dev.tabletalk.jdbcsupport.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of entries as the next links of the chain, atomically, taking the chain head row's
 * lock before inserting anything, so writers in any number of processes keep one chain and never
 * deadlock each other.
 *
 * <p>Each round trip to the store costs about as much as the disk sync itself, so the appender keeps
 * them few. It remembers the head its last commit left, links the next batch after it at once, and
 * moves the head only where it still is ({@code ... WHERE last_seq = ? AND last_hash = ?}, which also
 * takes the lock):
 *
 * <ul>
 *   <li>on PostgreSQL in one statement, committed on its own: a data-modifying {@code WITH} moves the
 *       head and the {@code INSERT} adds the rows only when it moved. One round trip, as a single-row
 *       insert;
 *   <li>elsewhere in one transaction of three round trips: move the head, insert the rows as one JDBC
 *       batch, commit.
 * </ul>
 *
 * When another writer has moved the head since, nothing is written, and the batch is linked again after
 * the head read under lock ({@code SELECT ... FOR UPDATE}) in a transaction (then moved and inserted as
 * above: in one statement on PostgreSQL). While other writers keep moving the head, each batch first
 * reads the head without a lock and takes the short path after it (one more statement, but the head
 * row is locked for one statement and the commit, not a whole transaction), and takes the lock only
 * when the head moved again in between; it stops reading first when it finds the head where it left it.
 *
 * <p>An attempt whose connection was lost may have been committed or not ({@link #lastAttemptLost}). The next attempt
 * at the same batch takes the head's lock first and looks for the lost attempt's newest entry, by its place and its
 * hash: found, the batch is in the chain and nothing is written again; not found, it is not, and cannot land later
 * either, since it moves the head only from where it was then and the head is locked until this attempt moved it.
 *
 * <p>Used by one thread at a time (the log's writer thread); not thread-safe.
 */
final class ChainAppender {

    private static final String LOCK_HEAD =
            "SELECT last_seq, last_hash FROM " + AuditSchema.HEAD_TABLE + " WHERE id = 1 FOR UPDATE";
    private static final String READ_HEAD =
            "SELECT last_seq, last_hash FROM " + AuditSchema.HEAD_TABLE + " WHERE id = 1";
    private static final String FIND_HASH = "SELECT hash FROM " + EntryRows.TABLE + " WHERE seq = ?";
    private static final String MOVE_HEAD = "UPDATE " + AuditSchema.HEAD_TABLE
            + " SET last_seq = ?, last_hash = ? WHERE id = 1 AND last_seq = ? AND last_hash = ?";

    /**
     * An entry not yet in the chain, with its canonical form written on the appending thread (linking it
     * then only adds its place: {@link ChainHash.Form}).
     */
    record Unlinked(AuditRecord entry, ChainHash.Form form) {

        static Unlinked of(AuditRecord entry) {
            return new Unlinked(entry, ChainHash.form(entry));
        }
    }

    /** Where the chain ends: the newest entry's sequence number and hash. */
    private record Head(long sequence, String hash) {}

    private final StoreSql store;
    private final int statementTimeoutSeconds;
    private final Map<Integer, String> insertAfterHeadSql = new HashMap<>();
    /** PostgreSQL: the batch sizes whose one-statement insert stays prepared (larger batches are rare). */
    private static final int KEPT_INSERT_SIZES = 16;

    private static final Logger log = LoggerFactory.getLogger(ChainAppender.class);

    /** The statements prepared on {@link #preparedOn}, by SQL. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** The connection the kept statements belong to, or null. */
    private Connection preparedOn;
    /** The head this appender's last commit left, or null when it does not know (first batch, after a failure). */
    private Head lastCommitted;
    /** The newest entry of the current batch's latest attempt, once linked; null before one. */
    private Head lastSent;
    /** The current batch's attempts whose connection was lost: any one of them may be in the chain. */
    private final List<Head> lostAttempts = new ArrayList<>();
    /** Whether another writer had moved the head since this appender's last commit, the last time it looked. */
    private boolean isHeadShared;

    ChainAppender(StoreSql store, int statementTimeoutSeconds) {
        this.store = store;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
    }

    /**
     * Links the entries after the chain's head, inserts them and commits. Returns only once they are
     * committed (by this call, or by an earlier attempt at the batch whose connection was lost); on an exception
     * nothing was committed, or the outcome is unknown when the connection failed during the commit. After an
     * exception, call {@link #forgetStatements()} before the next attempt, and {@link #lastAttemptLost()} when the
     * connection was lost.
     *
     * <p>The appender prepares its statements once per connection and keeps them for the next batch on the same
     * connection (H2 parses an {@code UPDATE} at every prepare); on MariaDB and H2 it leaves that connection out of
     * autocommit, so that a batch does not pay two round trips to switch it off and on again.
     */
    void append(Connection connection, List<Unlinked> unlinked) throws SQLException {
        useConnection(connection);
        Head head = lastCommitted;
        lastCommitted = null; // until this batch is known to be committed
        if (!lostAttempts.isEmpty()) {
            // an attempt whose connection was lost may be in the chain: look under the head's lock
            appendLocked(connection, unlinked);
            return;
        }
        if (head == null || isHeadShared) {
            // unlocked: a guess the move below checks; while another log keeps moving the head, this keeps its lock
            // held for one statement and the commit instead of the whole transaction
            Head read = readHead(connection);
            isHeadShared = head != null && !read.equals(head);
            head = read;
        }
        List<AuditRecord> linked = link(unlinked, head);
        if (store.canMoveHeadWhileInserting()) {
            if (insertAfterHead(connection, head, linked)) {
                lastCommitted = newest(linked);
                return;
            }
            isHeadShared = true;
            appendLocked(connection, unlinked);
            return;
        }
        try {
            if (moveHeadQuietly(connection, head, linked)) {
                insert(connection, linked);
                connection.commit();
                lastCommitted = newest(linked);
                return;
            }
            isHeadShared = true;
            appendUnderLock(connection, unlinked);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /**
     * Starts a batch: forgets the attempts at the one before. Call before its first {@link #append}, and keep
     * calling {@code append} for the same batch (never another) until it returns.
     */
    void startBatch() {
        lastSent = null;
        lostAttempts.clear();
    }

    /**
     * The connection was lost during the latest {@link #append} of this batch, so it may have been committed: the
     * next attempt looks for it in the chain before writing anything.
     */
    void lastAttemptLost() {
        if (lastSent != null) {
            lostAttempts.add(lastSent);
            lastSent = null;
        }
    }

    /** {@link #appendUnderLock} in a transaction of its own, also where batches are appended in autocommit. */
    private void appendLocked(Connection connection, List<Unlinked> unlinked) throws SQLException {
        if (!store.canMoveHeadWhileInserting()) {
            appendUnderLock(connection, unlinked);
            return;
        }
        connection.setAutoCommit(false);
        try {
            appendUnderLock(connection, unlinked);
        } catch (SQLException | RuntimeException e) {
            // a connection lost in the transaction fails the switch back too ("Connection is closed", no SQLState):
            // the caller must see the lost connection, to try again on another
            try {
                connection.setAutoCommit(true);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        connection.setAutoCommit(true);
    }

    /**
     * In a transaction: links the entries after the head read under its lock, moves it, inserts them, commits; or,
     * when an attempt at this batch whose connection was lost is in the chain, ends the transaction with nothing
     * written.
     */
    private void appendUnderLock(Connection connection, List<Unlinked> unlinked) throws SQLException {
        try {
            Head locked = lockHead(connection);
            if (holdsALostAttempt(connection)) {
                connection.rollback();
                lastCommitted = locked;
                log.info("a lost audit append had been committed: it is not written again");
                return;
            }
            List<AuditRecord> linked = link(unlinked, locked);
            // the lock is held until the commit: on PostgreSQL one statement less to wait for
            boolean isInserted = store.canMoveHeadWhileInserting() && insertAfterHead(connection, locked, linked);
            if (!isInserted) {
                if (!moveHead(connection, locked, linked)) {
                    throw new SQLException("the audit chain head moved while it was locked", "40001");
                }
                insert(connection, linked);
            }
            connection.commit();
            lastCommitted = newest(linked);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /**
     * Makes the committed batch durable where its commit alone does not ({@link StoreSql#syncCommitted}), on the
     * connection of the last {@link #append}.
     */
    void syncCommitted(Connection connection) throws SQLException {
        Optional<String> sync = store.syncStatement();
        if (sync.isPresent()) {
            useConnection(connection);
            prepared(connection, sync.get()).execute();
        }
    }

    /**
     * Closes the statements kept for the current connection and forgets the head of the last commit; the next
     * batch prepares them again, on whatever connection it gets, and reads the head.
     */
    void forgetStatements() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                log.debug("closing a kept audit statement failed: {}", e.getMessage());
            }
        }
        prepared.clear();
        preparedOn = null;
        lastCommitted = null;
    }

    private void useConnection(Connection connection) throws SQLException {
        if (connection != preparedOn) {
            forgetStatements();
            if (!store.canMoveHeadWhileInserting()) {
                connection.setAutoCommit(false);
            }
            preparedOn = connection;
        }
    }

    private PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statement.setQueryTimeout(statementTimeoutSeconds);
            prepared.put(sql, statement);
        }
        return statement;
    }

    private Head readHead(Connection connection) throws SQLException {
        try (ResultSet head = prepared(connection, READ_HEAD).executeQuery()) {
            if (!head.next()) {
                throw new SQLException("the audit chain head row is missing", "55000");
            }
            return new Head(head.getLong(1), head.getString(2));
        }
    }

    /**
     * PostgreSQL: moves the head from {@code head} and inserts the rows in one statement (committed on its
     * own in autocommit); false, with nothing written, when the head was no longer there.
     */
    private boolean insertAfterHead(Connection connection, Head head, List<AuditRecord> linked) throws SQLException {
        String sql = insertAfterHeadSql.computeIfAbsent(linked.size(), ChainAppender::insertAfterHeadSql);
        if (linked.size() <= KEPT_INSERT_SIZES) {
            return insertAfterHead(prepared(connection, sql), head, linked);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setQueryTimeout(statementTimeoutSeconds);
            return insertAfterHead(insert, head, linked);
        }
    }

    private boolean insertAfterHead(PreparedStatement insert, Head head, List<AuditRecord> linked) throws SQLException {
        int index = bindMove(insert, head, newest(linked));
        for (AuditRecord entry : linked) {
            index = EntryRows.bind(insert, index, store, entry);
        }
        int inserted = insert.executeUpdate();
        if (inserted != 0 && inserted != linked.size()) {
            throw new SQLException("the audit store inserted " + inserted + " of " + linked.size() + " entries");
        }
        return inserted == linked.size();
    }

    private static String insertAfterHeadSql(int rows) {
        StringBuilder sql = new StringBuilder("WITH moved AS (")
                .append(MOVE_HEAD)
                .append(" RETURNING id) INSERT INTO ")
                .append(EntryRows.TABLE)
                .append(" (")
                .append(EntryRows.COLUMNS)
                .append(") SELECT entry.* FROM moved, (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(EntryRows.ROW);
        }
        return sql.append(") AS entry").toString();
    }

    /**
     * In the open transaction: moves the head from {@code head}, or returns false with nothing changed when
     * it was no longer there. A store that reports the concurrent move as an error rather than as no row
     * changed gets its statement rolled back, and the batch goes the locking way.
     */
    private boolean moveHeadQuietly(Connection connection, Head head, List<AuditRecord> linked) throws SQLException {
        try {
            return moveHead(connection, head, linked);
        } catch (SQLException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw e;
            }
            connection.rollback();
            return false;
        }
    }

    private Head lockHead(Connection connection) throws SQLException {
        try (ResultSet head = prepared(connection, LOCK_HEAD).executeQuery()) {
            if (!head.next()) {
                throw new SQLException("the audit chain head row is missing", "55000");
            }
            return new Head(head.getLong(1), head.getString(2));
        }
    }

    private boolean moveHead(Connection connection, Head from, List<AuditRecord> linked) throws SQLException {
        PreparedStatement move = prepared(connection, MOVE_HEAD);
        bindMove(move, from, newest(linked));
        return move.executeUpdate() == 1;
    }

    private static int bindMove(PreparedStatement move, Head from, Head to) throws SQLException {
        move.setLong(1, to.sequence());
        move.setString(2, to.hash());
        move.setLong(3, from.sequence());
        move.setString(4, from.hash());
        return 5;
    }

    private void insert(Connection connection, List<AuditRecord> linked) throws SQLException {
        PreparedStatement insert = prepared(connection, EntryRows.INSERT);
        if (linked.size() == 1) {
            EntryRows.bind(insert, 1, store, linked.get(0));
            insert.executeUpdate();
            return;
        }
        for (AuditRecord entry : linked) {
            EntryRows.bind(insert, 1, store, entry);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Links the entries after {@code head}; the newest becomes this batch's latest attempt. */
    private List<AuditRecord> link(List<Unlinked> unlinked, Head head) {
        List<AuditRecord> linked = new ArrayList<>(unlinked.size());
        long sequence = head.sequence();
        String previousHash = head.hash();
        for (Unlinked entry : unlinked) {
            AuditRecord link = EventCodec.linked(entry.entry(), entry.form(), ++sequence, previousHash);
            linked.add(link);
            previousHash = link.hash();
        }
        lastSent = newest(linked);
        return linked;
    }

    /** Whether the chain holds the newest entry of an attempt at this batch whose connection was lost. */
    private boolean holdsALostAttempt(Connection connection) throws SQLException {
        for (Head attempt : lostAttempts) {
            PreparedStatement find = prepared(connection, FIND_HASH);
            find.setLong(1, attempt.sequence());
            try (ResultSet entry = find.executeQuery()) {
                if (entry.next() && attempt.hash().equals(entry.getString(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Head newest(List<AuditRecord> linked) {
        AuditRecord newest = linked.get(linked.size() - 1);
        return new Head(newest.sequence(), newest.hash());
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
