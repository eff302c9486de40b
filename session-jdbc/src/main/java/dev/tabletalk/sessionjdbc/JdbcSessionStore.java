package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.SqlErrors;
import dev.tabletalk.jdbcsupport.StorePool;
import dev.tabletalk.jdbcsupport.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in a database that several TableTalk servers share (PostgreSQL, MariaDB or H2), so that any server can
 * answer any turn of any session: a draft begun on one server is continued on another, and a preview made on one is
 * confirmed on another exactly once.
 *
 * <ul>
 *   <li>Optimistic versions: a save is one conditional {@code UPDATE ... WHERE version = ?} (or an {@code INSERT}
 *       for a new session), so of two servers saving from the same version exactly one wins and the other gets a
 *       {@link SaveOutcome.VersionConflict}; a confirm claims its preview this way before it writes.
 *   <li>A session not used for the idle time-to-live is gone; a user (user id and tenant) holds at most the
 *       configured number of sessions, and creating one more drops that user's longest-idle session. A turn marks
 *       its session used only when the stored last use is older than the touch lag (5% of the idle time-to-live, 30 s
 *       at most), and does it with the write it makes anyway: its save, or {@link #markUsed} when it saved nothing.
 *       A find marks the session itself only once half the idle time-to-live has passed, so that a turn begun just
 *       before the session would expire keeps it. A session is therefore dropped between 95% and 100% of the idle
 *       time-to-live after its last turn (98.3% with the default 30 minutes), never while it is in use, and "longest
 *       idle" is exact to within the lag. A person who types every few seconds to half a minute writes the indexed
 *       last use about once in the lag, not at every turn. The marks of turns that saved nothing are written
 *       together, after their turns, every {@link MarkWriter#EVERY} ({@link MarkWriter}): a mark lost with its server
 *       drops a conversation that was not used again at most that much earlier.
 *       Leaving the indexed last use alone is what lets PostgreSQL update the row in place (a heap-only tuple, no
 *       index entry written, on pages kept 30% free for it): a save of a busy session changes no indexed column.
 *   <li>A pending preview past its expiry is removed from its session (its draft stays), when the session is
 *       read and by the periodic sweep.
 *   <li>What a turn costs the store, on PostgreSQL: two statements, or one for a turn that leaves its conversation
 *       as it was. A find is one {@code SELECT} (and an {@code UPDATE} marking the session used after more than half
 *       its idle time); a save of a live session is one conditional {@code UPDATE}; {@link #markUsed} is one
 *       conditional {@code UPDATE} when the mark its find read is older than the touch lag, and none before, in a
 *       batch with the other marks of the moment, committed once; a new
 *       session is one statement that inserts it (or replaces an idle-expired
 *       session of its id) and drops its owner's longest-idle sessions beyond the cap. On MariaDB and H2 the insert
 *       and the cap are statements of their own. The state's JSON is written and read token by token
 *       ({@link StateJsonWriter}, {@link StateJsonReader}), never as a tree. A server keeps the state it last saved or
 *       read for each session with the row's save id ({@link KnownStates}): while the row still holds that save, its
 *       find is sent the row without the state and decodes nothing. A state changed by hand in the table is therefore
 *       seen only by servers that did not know it: change the {@code save_id} with it, or delete the row.
 *   <li>States are stored as JSON with a format number. A state that cannot be read is never half loaded: one
 *       written by a newer TableTalk fails the turn with a message that says so (and stays stored for the servers
 *       that can read it); a corrupt one is dropped and logged, and the conversation starts afresh.
 * </ul>
 *
 * <p>Every statement runs with the configured timeout; when the store cannot be reached, {@link #find} and
 * {@link #save} throw {@link DependencyUnavailableException} (session store), so the turn fails closed. Thread-safe.
 * Open it with {@link #open}; {@link #close} releases its connections.
 */
public final class JdbcSessionStore implements SessionStore, AutoCloseable {

    /** Expired previews removed at most by one batch of a sweep. */
    static final int SWEEP_BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(JdbcSessionStore.class);

    private final StorePool pool;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;
    private final long idleTtlMillis;
    private final UseMarks marks;
    private final KnownStates known = new KnownStates();
    private final SessionRows rows;
    private final MarkWriter markWriter;
    private final long sweepEveryMillis;
    private final AtomicLong nextSweep = new AtomicLong();

    private JdbcSessionStore(
            StorePool pool, Dialect dialect, Clock clock, SessionStoreConfig config, Duration markEvery) {
        this.pool = pool;
        this.dataSource = pool.dataSource();
        this.dialect = dialect;
        this.clock = clock;
        this.idleTtlMillis = config.idleTtl().toMillis();
        this.marks = new UseMarks(config.idleTtl());
        this.rows = new SessionRows(
                (int) Math.max(1, config.statementTimeout().toSeconds()),
                idleTtlMillis,
                marks,
                config.maxSessionsPerUser());
        this.markWriter = new MarkWriter(dataSource, rows, markEvery);
        // sweeps of a store shared by many servers: each server at most every tenth of the idle time, 1 s to 1 min
        this.sweepEveryMillis = Math.max(1000, Math.min(60_000, idleTtlMillis / 10));
    }

    /**
     * A store on its own connection pool, its tables created or migrated, on the system clock.
     *
     * @throws DependencyUnavailableException when the store cannot be reached or its tables cannot be created
     * @throws ConfigurationException when the URL has no driver or the database is not PostgreSQL, MariaDB or H2
     */
    public static JdbcSessionStore open(SessionStoreConfig config) {
        return open(config, new SystemClock());
    }

    /**
     * A store like {@link #open(SessionStoreConfig)} on the given clock (idle and preview expiry).
     *
     * @throws DependencyUnavailableException when the store cannot be reached or its tables cannot be created
     * @throws ConfigurationException when the URL has no driver or the database is not PostgreSQL, MariaDB or H2
     */
    public static JdbcSessionStore open(SessionStoreConfig config, Clock clock) {
        return open(config, clock, MarkWriter.EVERY);
    }

    /** A store like {@link #open(SessionStoreConfig, Clock)} that writes the marks of use every {@code markEvery}. */
    static JdbcSessionStore open(SessionStoreConfig config, Clock clock, Duration markEvery) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        return StorePool.open(config.pool(), ConfigurationException::new, pool -> {
            Dialect dialect;
            try (Connection connection = pool.dataSource().getConnection()) {
                dialect = SessionSchema.dialectOf(connection);
                SessionSchema.migrate(connection, dialect);
            } catch (SQLException e) {
                throw unavailable("could not be opened", e);
            }
            log.debug("session store opened: {}", config);
            return new JdbcSessionStore(pool, dialect, clock, config, markEvery);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A find that meets a connection the store had ended (after the store restarted) runs again on another
     * ({@link Transactions#statements}): each of its writes (an idle-expired or corrupt row dropped, an expired preview
     * removed, the mark of a session past half its idle time) is conditional on what it read, and the next find reads
     * again.
     */
    @Override
    public Optional<ConversationState> find(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        long now = clock.now().toEpochMilli();
        try {
            return Transactions.statements(dataSource, connection -> find(connection, sessionId, now));
        } catch (SQLException e) {
            throw unavailable("could not be read", e);
        }
    }

    private Optional<ConversationState> find(Connection connection, String sessionId, long now) throws SQLException {
        sweepIfDue(connection, now);
        // a plain read: the turn's save (or markUsed, when the mark it read is due) marks the session used
        Optional<StoredRow> row = liveRow(connection, sessionId, now);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConversationState> state = stateOf(connection, row.get(), now);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        ConversationState found = state.get();
        if (found.pending()
                .filter(p -> p.isExpiredAt(Instant.ofEpochMilli(now)))
                .isPresent()) {
            found = found.withoutExpiredPreview();
            String json = StateJson.write(found);
            rows.rewrite(connection, found, json, now);
            // the row keeps its save id: known without the preview, as any server reads it now
            known.remember(row.get().saveId(), found, json.length(), now);
            marks.found(sessionId, now);
        } else if (now - row.get().touchedAt() >= idleTtlMillis / 2) {
            rows.touch(connection, sessionId, found.version(), now);
            marks.found(sessionId, now);
        } else {
            marks.found(sessionId, row.get().touchedAt());
        }
        return Optional.of(found);
    }

    /**
     * Marks the session used when its stored last use is older than the touch lag: a conditional statement written
     * with the other marks of the next {@link MarkWriter#EVERY} in one transaction, after the turn; nothing when the
     * find that returned {@code found} read a mark younger than the lag (another server's newer mark only makes the
     * statement change nothing).
     */
    @Override
    public void markUsed(ConversationState found) {
        Objects.requireNonNull(found, "found");
        long now = clock.now().toEpochMilli();
        if (marks.isDue(found.sessionId(), now)) {
            markWriter.mark(found.sessionId(), found.version(), now);
        }
    }

    /** Writes the marks of use waiting for the next batch now (tests). */
    void writeMarks() {
        try {
            markWriter.write();
        } catch (SQLException e) {
            throw unavailable("could not be marked used", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A save whose connection is lost (the store restarted, or ended it) is made again on another connection, at
     * most {@link Transactions#MAX_LOST_CONNECTIONS} times. The lost attempt may have been stored: every attempt of
     * one save writes the same random save id beside the state, so an attempt that finds the version taken looks
     * for that id and reports the save as made, never as a conflict with itself, and the version condition keeps
     * the two attempts from both landing. When no attempt can tell, the save fails as
     * {@link DependencyUnavailableException#sessionStoreOutcomeUnknown outcome unknown}.
     */
    @Override
    public SaveOutcome save(ConversationState state, long expectedVersion) {
        Objects.requireNonNull(state, "state");
        ConversationState next = state.withVersion(expectedVersion + 1);
        String json = StateJson.write(next);
        long now = clock.now().toEpochMilli();
        String saveId = UUID.randomUUID().toString();
        marks.saving(next.sessionId());
        // whether an attempt whose connection was lost had sent its write: it may have been stored
        boolean maybeStored = false;
        for (int lost = 0; ; lost++) {
            boolean sent = false;
            try (Connection connection = dataSource.getConnection()) {
                sweepIfDue(connection, now);
                sent = true;
                if (write(connection, next, expectedVersion, json, saveId, now)) {
                    known.remember(saveId, next, json.length(), now);
                    return new SaveOutcome.Saved(next);
                }
                if (maybeStored && rows.isStored(connection, next, saveId)) {
                    known.remember(saveId, next, json.length(), now);
                    log.info("a save of session {} whose answer was lost had been stored", next.sessionId());
                    if (expectedVersion == 0 && dialect != Dialect.POSTGRESQL) {
                        rows.enforceCap(connection, ownerKey(next), next.sessionId());
                    }
                    return new SaveOutcome.Saved(next);
                }
                return new SaveOutcome.VersionConflict(current(connection, next.sessionId(), now));
            } catch (SQLException e) {
                boolean connectionLost = SqlErrors.isConnectionLost(e);
                maybeStored |= sent && connectionLost;
                if (connectionLost && lost + 1 < Transactions.MAX_LOST_CONNECTIONS) {
                    log.debug(
                            "a save of session {} lost its connection ({}), trying on another",
                            next.sessionId(),
                            e.getSQLState());
                    continue;
                }
                if (maybeStored) {
                    throw DependencyUnavailableException.sessionStoreOutcomeUnknown(
                            "the session store lost a save's answer and could not tell whether it was stored: "
                                    + e.getMessage(),
                            e);
                }
                throw unavailable("could not be written", e);
            }
        }
    }

    /** One attempt at a save: {@code false} when the version is taken (by another save, or by an earlier attempt). */
    private boolean write(
            Connection connection, ConversationState next, long expectedVersion, String json, String saveId, long now)
            throws SQLException {
        if (expectedVersion != 0) {
            // a session keeps its owner: an update leaves the owner key (and the cap) alone
            return rows.update(connection, next, expectedVersion, json, saveId, now);
        }
        String owner = ownerKey(next);
        if (dialect == Dialect.POSTGRESQL) {
            return rows.insertCappedRetried(connection, next, json, saveId, owner, now);
        }
        boolean saved = rows.insert(connection, next, json, saveId, owner, now);
        if (saved) {
            // only a new session can take its owner over the cap
            rows.enforceCap(connection, owner, next.sessionId());
        }
        return saved;
    }

    /**
     * Drops every idle session and every expired preview now (each server also does this by itself from time to
     * time).
     *
     * @return how many sessions were dropped
     * @throws DependencyUnavailableException when the store cannot be reached
     */
    public int evictExpired() {
        long now = clock.now().toEpochMilli();
        try (Connection connection = dataSource.getConnection()) {
            int dropped = rows.dropIdle(connection, now);
            while (dropExpiredPreviews(connection, now) == SWEEP_BATCH) {
                // another batch
            }
            return dropped;
        } catch (SQLException e) {
            throw unavailable("could not be swept", e);
        }
    }

    /** The idle time-to-live. */
    public Duration idleTtl() {
        return Duration.ofMillis(idleTtlMillis);
    }

    /** Writes the marks of use waiting, then closes the connection pool; the stored sessions stay for the other servers. */
    @Override
    public void close() {
        try {
            markWriter.close();
        } finally {
            pool.close();
        }
    }

    /**
     * The state of a row this server reads for a turn: the known one when the row was sent without it (read whole when
     * the known one was replaced meanwhile), else decoded and remembered ({@link KnownStates}).
     */
    private Optional<ConversationState> stateOf(Connection connection, StoredRow row, long now) throws SQLException {
        refuseNewerFormat(row);
        if (row.json() == null) {
            Optional<ConversationState> kept = known.stateOf(row, now);
            if (kept.isPresent()) {
                return kept;
            }
            Optional<StoredRow> whole = rows.live(connection, row.sessionId(), now, null);
            return whole.isEmpty() ? Optional.empty() : stateOf(connection, whole.get(), now);
        }
        Optional<ConversationState> state = decode(connection, row);
        state.ifPresent(
                decoded -> known.remember(row.saveId(), decoded, row.json().length(), now));
        return state;
    }

    /**
     * The row's state; empty for a corrupt one, which is dropped (logged) so the conversation starts afresh.
     *
     * @throws DependencyUnavailableException for a state written by a newer TableTalk, which is kept
     */
    private Optional<ConversationState> decode(Connection connection, StoredRow row) throws SQLException {
        refuseNewerFormat(row);
        try {
            ConversationState state = StateJson.read(row.json());
            if (!state.sessionId().equals(row.sessionId()) || state.version() != row.version()) {
                throw new IllegalArgumentException("its session id or version does not match its row");
            }
            return Optional.of(state);
        } catch (RuntimeException e) {
            log.warn(
                    "session {} has a stored state that cannot be read (format {}: {}); it is dropped and the"
                            + " conversation starts afresh",
                    row.sessionId(),
                    row.format(),
                    e.getMessage());
            // the session store's own row, in its own database (never the target: invariant 1)
            rows.delete(connection, row.sessionId(), row.version());
            known.forget(row.sessionId());
            return Optional.empty();
        }
    }

    /** A row written by a newer TableTalk fails the turn, saying so, and stays stored for the servers that read it. */
    private static void refuseNewerFormat(StoredRow row) {
        if (row.format() > StateJson.FORMAT) {
            throw new DependencyUnavailableException(
                    Dependency.SESSION_STORE,
                    false,
                    "session " + row.sessionId() + " was saved by a newer TableTalk (state format " + row.format()
                            + "; this server reads format " + StateJson.FORMAT
                            + "): run the same TableTalk version on every server that shares the session store",
                    null);
        }
    }

    /** What a conflicting save sees: the stored state as {@link #find} would show it (not touched). */
    private Optional<ConversationState> current(Connection connection, String sessionId, long now) throws SQLException {
        Optional<StoredRow> row = liveRow(connection, sessionId, now);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return stateOf(connection, row.get(), now)
                .map(state -> state.pending()
                                .filter(p -> p.isExpiredAt(Instant.ofEpochMilli(now)))
                                .isPresent()
                        ? state.withoutExpiredPreview()
                        : state);
    }

    /** The session's live row, without its state when this server knows the state of the row's save id. */
    private Optional<StoredRow> liveRow(Connection connection, String sessionId, long now) throws SQLException {
        Optional<StoredRow> row = rows.live(connection, sessionId, now, known.saveIdOf(sessionId));
        if (row.isEmpty()) {
            known.forget(sessionId);
        }
        return row;
    }

    private void sweepIfDue(Connection connection, long now) throws SQLException {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepEveryMillis)) {
            rows.dropIdle(connection, now);
            dropExpiredPreviews(connection, now);
            // gone by now, unless another server used them: read whole if they are found again
            known.forgetUsedBefore(now - idleTtlMillis);
        }
    }

    /** Removes up to {@value #SWEEP_BATCH} expired previews from their sessions; returns how many were looked at. */
    private int dropExpiredPreviews(Connection connection, long now) throws SQLException {
        List<StoredRow> due = rows.withExpiredPreviews(connection, now, SWEEP_BATCH);
        for (StoredRow row : due) {
            if (row.format() > StateJson.FORMAT) {
                continue; // a newer server's state: left to the servers that read it
            }
            // not a use by this server either: what it reads here is not kept
            Optional<ConversationState> state = decode(connection, row);
            if (state.isPresent() && state.get().pending().isPresent()) {
                // not a use of the session: it keeps its idle time
                rows.clearPreview(connection, row, StateJson.write(state.get().withoutExpiredPreview()));
            }
        }
        return due.size();
    }

    /** A fixed-length key of the owner (user id and tenant): the cap counts sessions per key. */
    private static String ownerKey(ConversationState state) {
        String owner = state.ownerUserId() + "\u0000"
                + state.ownerTenant().map(t -> "t:" + t).orElse("-");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(owner.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static DependencyUnavailableException unavailable(String what, SQLException e) {
        return DependencyUnavailableException.sessionStore(
                "the session store " + what + " (SQLState " + e.getSQLState() + ", "
                        + e.getClass().getSimpleName() + ")",
                e);
    }
}
