package dev.tabletalk.audit;

import dev.tabletalk.jdbcsupport.StorePool;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the audit store lives and how long to wait for it.
 *
 * @param url a JDBC URL: {@code jdbc:h2:...}, {@code jdbc:postgresql:...} or {@code jdbc:mariadb:...}
 * @param user the user, if not in the URL
 * @param password the password, if any; read it from the environment or a file, never from a config file
 * @param maxPoolSize the most connections held open (appends serialize on the chain head, so a few suffice)
 * @param connectionTimeout how long to wait for a connection before the store counts as down
 * @param statementTimeout how long one statement, including the wait for the chain lock, may take
 * @param commitDelay how long the log's writer may wait for more appends before it writes a batch, when appends come
 *     faster than one per delay and only a few are queued (as PostgreSQL's {@code commit_delay}): each batch costs
 *     the store a commit (on H2 a file chunk and a disk sync) whatever its size, so a busy log spends less per append
 *     for at most this much more latency; zero writes every batch at once. At most {@link #MAX_COMMIT_DELAY}
 */
public record AuditStoreConfig(
        String url,
        Optional<String> user,
        Optional<String> password,
        int maxPoolSize,
        Duration connectionTimeout,
        Duration statementTimeout,
        Duration commitDelay) {

    /**
     * The default store: an embedded H2 file under {@code ./.tabletalk/}, shareable by several
     * processes on one machine ({@code AUTO_SERVER}).
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.tabletalk/audit;AUTO_SERVER=TRUE;LOCK_TIMEOUT=5000";

    /** The default {@link #commitDelay}: small against a turn (tens of milliseconds), as long as a disk sync. */
    public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(1);

    /** The longest {@link #commitDelay} allowed: it adds to every busy turn's latency. */
    public static final Duration MAX_COMMIT_DELAY = Duration.ofMillis(20);

    private static final String STORE = "audit store";

    public AuditStoreConfig {
        // the checks every store shares
        new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
        StorePool.Settings.checkStatementTimeout(statementTimeout);
        if (commitDelay == null || commitDelay.isNegative() || commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
            throw new IllegalArgumentException("The audit store's commit delay must be between 0 and "
                    + MAX_COMMIT_DELAY.toMillis() + " ms; it is " + commitDelay + ".");
        }
    }

    /** The same store without {@link #commitDelay}, for the settings that predate it. */
    public AuditStoreConfig(
            String url,
            Optional<String> user,
            Optional<String> password,
            int maxPoolSize,
            Duration connectionTimeout,
            Duration statementTimeout) {
        this(url, user, password, maxPoolSize, connectionTimeout, statementTimeout, DEFAULT_COMMIT_DELAY);
    }

    /** The pool this store opens. */
    StorePool.Settings pool() {
        return new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
    }

    /**
     * A store at {@code url} with the defaults: 10 connections, 1.5 s to connect, 5 s per statement, a commit delay
     * of {@link #DEFAULT_COMMIT_DELAY}.
     */
    public static AuditStoreConfig of(String url) {
        return new AuditStoreConfig(
                url,
                Optional.empty(),
                Optional.empty(),
                10,
                Duration.ofMillis(1500),
                Duration.ofSeconds(5),
                DEFAULT_COMMIT_DELAY);
    }

    /** The default embedded H2 store under {@code ./.tabletalk/}. */
    public static AuditStoreConfig defaults() {
        return of(DEFAULT_URL);
    }

    public AuditStoreConfig withCredentials(String newUser, String newPassword) {
        return new AuditStoreConfig(
                url,
                Optional.of(newUser),
                Optional.ofNullable(newPassword),
                maxPoolSize,
                connectionTimeout,
                statementTimeout,
                commitDelay);
    }

    public AuditStoreConfig withMaxPoolSize(int newMaxPoolSize) {
        return new AuditStoreConfig(
                url, user, password, newMaxPoolSize, connectionTimeout, statementTimeout, commitDelay);
    }

    public AuditStoreConfig withConnectionTimeout(Duration newTimeout) {
        return new AuditStoreConfig(url, user, password, maxPoolSize, newTimeout, statementTimeout, commitDelay);
    }

    public AuditStoreConfig withStatementTimeout(Duration newTimeout) {
        return new AuditStoreConfig(url, user, password, maxPoolSize, connectionTimeout, newTimeout, commitDelay);
    }

    /** The same store with another {@link #commitDelay} ({@link Duration#ZERO}: none). */
    public AuditStoreConfig withCommitDelay(Duration newDelay) {
        return new AuditStoreConfig(url, user, password, maxPoolSize, connectionTimeout, statementTimeout, newDelay);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "AuditStoreConfig[" + pool().describe() + ", statementTimeout=" + statementTimeout + ", commitDelay="
                + commitDelay + "]";
    }
}
