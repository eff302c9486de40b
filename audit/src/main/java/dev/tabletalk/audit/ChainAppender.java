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
 * above: in one statement on PostgreSQL). While other writers keep
 * moving the head, every batch takes that locking path at once; it goes back to the short path when it
 * finds the head where it left it.
 *
 * <p>Used by one thread at a time (the log's writer thread); not thread-safe.
 */
final class ChainAppender {

    private static final String LOCK_HEAD =
            "SELECT last_seq, last_hash FROM " + AuditSchema.HEAD_TABLE + " WHERE id = 1 FOR UPDATE";
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
    /** The head this appender's last commit left, or null when it does not know (first batch, after a failure). */
    private Head lastCommitted;
    /** Whether another writer had moved the head since this appender's last commit, the last time it looked. */
    private boolean isHeadShared;

    ChainAppender(StoreSql store, int statementTimeoutSeconds) {
        this.store = store;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
    }

    /**
     * Links the entries after the chain's head, inserts them and commits. Returns only once they are
     * committed; on an exception nothing was committed, or the outcome is unknown when the connection
     * failed during the commit.
     */
    void append(Connection connection, List<Unlinked> unlinked) throws SQLException {
        Head head = lastCommitted;
        lastCommitted = null; // until this batch is known to be committed
        if (head != null && !isHeadShared && store.canMoveHeadWhileInserting()) {
            List<AuditRecord> linked = link(unlinked, head);
            if (insertAfterHead(connection, head, linked)) {
                lastCommitted = newest(linked);
                return;
            }
            isHeadShared = true;
        }
        connection.setAutoCommit(false);
        try {
            List<AuditRecord> linked = null;
            if (head != null && !isHeadShared && !store.canMoveHeadWhileInserting()) {
                linked = link(unlinked, head);
                if (!moveHeadQuietly(connection, head, linked)) {
                    isHeadShared = true;
                    linked = null;
                }
            }
            boolean isInserted = false;
            if (linked == null) {
                Head locked = lockHead(connection);
                isHeadShared = head != null && !locked.equals(head);
                linked = link(unlinked, locked);
                // the lock is held until the commit: on PostgreSQL one statement less to wait for
                isInserted = store.canMoveHeadWhileInserting() && insertAfterHead(connection, locked, linked);
                if (!isInserted && !moveHead(connection, locked, linked)) {
                    throw new SQLException("the audit chain head moved while it was locked", "40001");
                }
            }
            if (!isInserted) {
                insert(connection, linked);
            }
            connection.commit();
            lastCommitted = newest(linked);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * PostgreSQL: moves the head from {@code head} and inserts the rows in one statement (committed on its
     * own in autocommit); false, with nothing written, when the head was no longer there.
     */
    private boolean insertAfterHead(Connection connection, Head head, List<AuditRecord> linked) throws SQLException {
        String sql = insertAfterHeadSql.computeIfAbsent(linked.size(), ChainAppender::insertAfterHeadSql);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setQueryTimeout(statementTimeoutSeconds);
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
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD)) {
            lock.setQueryTimeout(statementTimeoutSeconds);
            try (ResultSet head = lock.executeQuery()) {
                if (!head.next()) {
                    throw new SQLException("the audit chain head row is missing", "55000");
                }
                return new Head(head.getLong(1), head.getString(2));
            }
        }
    }

    private boolean moveHead(Connection connection, Head from, List<AuditRecord> linked) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
            move.setQueryTimeout(statementTimeoutSeconds);
            bindMove(move, from, newest(linked));
            return move.executeUpdate() == 1;
        }
    }

    private static int bindMove(PreparedStatement move, Head from, Head to) throws SQLException {
        move.setLong(1, to.sequence());
        move.setString(2, to.hash());
        move.setLong(3, from.sequence());
        move.setString(4, from.hash());
        return 5;
    }

    private void insert(Connection connection, List<AuditRecord> linked) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(EntryRows.INSERT)) {
            insert.setQueryTimeout(statementTimeoutSeconds);
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
    }

    private static List<AuditRecord> link(List<Unlinked> unlinked, Head head) {
        List<AuditRecord> linked = new ArrayList<>(unlinked.size());
        long sequence = head.sequence();
        String previousHash = head.hash();
        for (Unlinked entry : unlinked) {
            AuditRecord link = EventCodec.linked(entry.entry(), entry.form(), ++sequence, previousHash);
            linked.add(link);
            previousHash = link.hash();
        }
        return linked;
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
