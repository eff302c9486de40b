package dev.tabletalk.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Walks the chain in sequence order, streaming, and stops at the first bad entry; on the way it collects
 * the writes whose outcome no entry states ({@link UnresolvedWrites}).
 */
final class ChainWalker {

    private static final int FETCH_SIZE = 500;

    private ChainWalker() {}

    static ChainVerification verify(Connection connection, StoreSql store) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams with a cursor only inside a transaction
        connection.setAutoCommit(false);
        try {
            long headSeq;
            String headHash;
            try (Statement statement = connection.createStatement();
                    ResultSet head = statement.executeQuery(
                            "SELECT last_seq, last_hash FROM " + AuditSchema.HEAD_TABLE + " WHERE id = 1")) {
                if (!head.next()) {
                    return new ChainVerification.Broken(
                            1,
                            ChainVerification.Problem.UNREADABLE,
                            "The chain head row is missing from " + AuditSchema.HEAD_TABLE + ".",
                            0);
                }
                headSeq = head.getLong(1);
                headHash = head.getString(2);
            }
            ChainVerification result = walk(connection, store, headSeq, headHash);
            connection.commit();
            return result;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static ChainVerification walk(Connection connection, StoreSql store, long headSeq, String headHash)
            throws SQLException {
        long expected = 1;
        String previousHash = ChainHash.GENESIS;
        UnresolvedWrites writes = new UnresolvedWrites();
        // entries above the head belong to appends that committed after the head was read
        try (PreparedStatement select = connection.prepareStatement(
                EntryRows.SELECT + " WHERE seq <= ? ORDER BY seq",
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, headSeq);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong("seq");
                    long checked = expected - 1;
                    if (seq != expected) {
                        return new ChainVerification.Broken(
                                expected,
                                ChainVerification.Problem.MISSING_ENTRY,
                                "Entry " + expected + " is missing (deleted?): the chain goes on at entry " + seq + ".",
                                checked);
                    }
                    AuditRecord entry;
                    try {
                        entry = EntryRows.read(rows, store);
                    } catch (RuntimeException e) {
                        return new ChainVerification.Broken(
                                seq,
                                ChainVerification.Problem.UNREADABLE,
                                "Entry " + seq + " cannot be read back: " + e.getMessage(),
                                checked);
                    }
                    if (!previousHash.equals(entry.previousHash())) {
                        return new ChainVerification.Broken(
                                seq,
                                ChainVerification.Problem.BROKEN_LINK,
                                "Entry " + seq + " does not point at entry " + (seq - 1)
                                        + ": an entry before it was replaced.",
                                checked);
                    }
                    if (!ChainHash.of(entry).equals(entry.hash())) {
                        return new ChainVerification.Broken(
                                seq,
                                ChainVerification.Problem.HASH_MISMATCH,
                                "Entry " + seq + " was changed after it was written: its content no longer "
                                        + "matches its hash.",
                                checked);
                    }
                    writes.accept(entry);
                    previousHash = entry.hash();
                    expected++;
                }
            }
        }
        long checked = expected - 1;
        if (checked != headSeq) {
            return new ChainVerification.Broken(
                    expected,
                    ChainVerification.Problem.MISSING_ENTRY,
                    "Entries " + expected + " to " + headSeq + " are missing (deleted?): the chain head says " + headSeq
                            + " entries were written.",
                    checked);
        }
        if (!previousHash.equals(headHash)) {
            return new ChainVerification.Broken(
                    headSeq,
                    ChainVerification.Problem.BROKEN_LINK,
                    "The chain head does not point at entry " + headSeq + ".",
                    checked - 1);
        }
        return new ChainVerification.Intact(checked, previousHash, writes.unresolved());
    }
}
