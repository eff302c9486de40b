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
 */
public record AuditStoreConfig(
        String url,
        Optional<String> user,
        Optional<String> password,
        int maxPoolSize,
        Duration connectionTimeout,
        Duration statementTimeout) {

    /**
     * The default store: an embedded H2 file under {@code ./.tabletalk/}, shareable by several
     * processes on one machine ({@code AUTO_SERVER}).
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.tabletalk/audit;AUTO_SERVER=TRUE;LOCK_TIMEOUT=5000";

    private static final String STORE = "audit store";

    public AuditStoreConfig {
        // the checks every store shares
        new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
        StorePool.Settings.checkStatementTimeout(statementTimeout);
    }

    /** The pool this store opens. */
    StorePool.Settings pool() {
        return new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
    }

    /** A store at {@code url} with the defaults: 10 connections, 1.5 s to connect, 5 s per statement. */
    public static AuditStoreConfig of(String url) {
        return new AuditStoreConfig(
                url, Optional.empty(), Optional.empty(), 10, Duration.ofMillis(1500), Duration.ofSeconds(5));
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
                statementTimeout);
    }

    public AuditStoreConfig withMaxPoolSize(int newMaxPoolSize) {
        return new AuditStoreConfig(url, user, password, newMaxPoolSize, connectionTimeout, statementTimeout);
    }

    public AuditStoreConfig withConnectionTimeout(Duration newTimeout) {
        return new AuditStoreConfig(url, user, password, maxPoolSize, newTimeout, statementTimeout);
    }

    public AuditStoreConfig withStatementTimeout(Duration newTimeout) {
        return new AuditStoreConfig(url, user, password, maxPoolSize, connectionTimeout, newTimeout);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "AuditStoreConfig[" + pool().describe() + ", statementTimeout=" + statementTimeout + "]";
    }
}
