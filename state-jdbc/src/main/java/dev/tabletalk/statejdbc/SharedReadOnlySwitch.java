package dev.tabletalk.statejdbc;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.jdbcsupport.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only switch in the shared store's operator row. {@link #isOn()} answers from a read no older than
 * {@code maxAge}; a stale answer is read again before it is given (one reader at a time, the others wait for
 * its answer), so that a switch made on any server is seen by every server within {@code maxAge} plus one read.
 * When the store cannot be read there is no answer: {@link #isOn()} throws, so that every write is refused until the
 * store answers again (a guess must never let a write through an emergency switch, invariant 10), and the person is
 * told the shared store is unavailable, not that read-only mode is on, which nobody switched. Reads are not
 * affected: only writes ask.
 */
final class SharedReadOnlySwitch implements ReadOnlyMode.Store {

    private static final Logger log = LoggerFactory.getLogger(SharedReadOnlySwitch.class);

    private final DataSource dataSource;
    private final long maxAgeNanos;
    private volatile Reading last;

    SharedReadOnlySwitch(DataSource dataSource, Duration maxAge) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.maxAgeNanos = maxAge.toNanos();
        this.last = new Reading(true, System.nanoTime() - maxAgeNanos - 1);
    }

    @Override
    public boolean isOn() {
        Reading reading = last;
        if (System.nanoTime() - reading.readAtNanos() <= maxAgeNanos) {
            return reading.on();
        }
        synchronized (this) {
            reading = last;
            if (System.nanoTime() - reading.readAtNanos() <= maxAgeNanos) {
                return reading.on();
            }
            long startedNanos = System.nanoTime();
            try {
                boolean on = read();
                last = new Reading(on, startedNanos);
                return on;
            } catch (SQLException e) {
                log.error("the shared store cannot be read: writes are refused until it answers", e);
                throw DependencyUnavailableException.sharedState(
                        "the read-only switch could not be read from the shared store (SQLState " + e.getSQLState()
                                + "); writes are refused until it answers",
                        e);
            }
        }
    }

    @Override
    public synchronized void set(boolean on) {
        long startedNanos = System.nanoTime();
        try {
            Transactions.statements(dataSource, connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + StateSchema.OPERATOR + " SET read_only = ? WHERE id = 1")) {
                    update.setInt(1, on ? 1 : 0);
                    return update.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw DependencyUnavailableException.sharedState(
                    "the read-only switch could not be written to the shared store (SQLState " + e.getSQLState() + ")",
                    e);
        }
        last = new Reading(on, startedNanos);
    }

    private boolean read() throws SQLException {
        return Transactions.statements(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT read_only FROM " + StateSchema.OPERATOR + " WHERE id = 1");
                    ResultSet row = select.executeQuery()) {
                // a missing row (someone emptied the table) is no reason to let writes through
                return !row.next() || row.getInt(1) != 0;
            }
        });
    }

    /** One answer of the store and when the read that gave it started. */
    private record Reading(boolean on, long readAtNanos) {}
}
