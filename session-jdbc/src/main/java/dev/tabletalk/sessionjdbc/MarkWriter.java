package dev.tabletalk.sessionjdbc;

import dev.tabletalk.jdbcsupport.Transactions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the marks of use of turns that saved nothing ({@link JdbcSessionStore#markUsed}) together, every
 * {@link #EVERY}, in one transaction: one commit for all the marks due in that time instead of one per turn, and no
 * turn waits for its mark. A mark is conditional on the version the turn found and on the stored mark being older
 * than the touch lag, as before, so a mark that comes after a save, or after another server's mark, changes nothing.
 *
 * <p>What this costs: a mark reaches the store up to {@link #EVERY} after its turn, and the marks of the last moment
 * before a server dies are lost. Neither drops a conversation in use: the next turn finds the older mark and marks it
 * again, and a conversation whose last turn's mark was lost is dropped at most {@link #EVERY} plus the touch lag
 * early. Marks that cannot be written (the store is down) are logged and dropped, the same bargain. Thread-safe.
 */
final class MarkWriter implements AutoCloseable {

    /** How often the marks waiting are written. */
    static final Duration EVERY = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(MarkWriter.class);

    private final DataSource dataSource;
    private final SessionRows rows;
    private final Map<String, SessionRows.UseMark> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;

    MarkWriter(DataSource dataSource, SessionRows rows, Duration every) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tabletalk-session-marks");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks the session used at {@code at}, at {@code version}, with the next batch (a later mark replaces it). */
    void mark(String sessionId, long version, long at) {
        waiting.put(sessionId, new SessionRows.UseMark(sessionId, version, at));
    }

    /**
     * Writes the marks waiting now, in one transaction.
     *
     * @throws SQLException when the store could not take them (they are dropped)
     */
    void write() throws SQLException {
        if (waiting.isEmpty()) {
            return;
        }
        List<SessionRows.UseMark> batch = new ArrayList<>(waiting.size());
        for (Map.Entry<String, SessionRows.UseMark> entry : waiting.entrySet()) {
            if (waiting.remove(entry.getKey(), entry.getValue())) {
                batch.add(entry.getValue());
            }
        }
        // rows locked in one order by every server: two batches never wait for each other in a cycle
        batch.sort(Comparator.comparing(SessionRows.UseMark::sessionId));
        Transactions.run(dataSource, connection -> {
            rows.mark(connection, batch);
            return null;
        });
    }

    private void writeQuietly() {
        try {
            write();
        } catch (SQLException | RuntimeException e) {
            // the next turn of each conversation finds its older mark and marks it again
            log.warn(
                    "session marks of use could not be written ({}): {}",
                    e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    /** Writes the marks waiting, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQuietly();
    }
}
