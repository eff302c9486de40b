package dev.tabletalk.sessionjdbc;

import dev.tabletalk.jdbcsupport.StorePool;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shared session store lives, how long to wait for it, and the session limits every server applies
 * alike.
 *
 * @param url a JDBC URL: {@code jdbc:postgresql:...}, {@code jdbc:mariadb:...} or {@code jdbc:h2:...}
 * @param user the user, if not in the URL
 * @param password the password, if any; read it from the environment or a file, never from a config file
 * @param maxPoolSize the most connections this server holds open to the store
 * @param connectionTimeout how long to wait for a connection before the store counts as down
 * @param statementTimeout how long one statement may take
 * @param idleTtl how long a session may stay unused before it is dropped
 * @param maxSessionsPerUser how many sessions one user (and tenant) may hold; one more drops the longest idle
 */
public record SessionStoreConfig(
        String url,
        Optional<String> user,
        Optional<String> password,
        int maxPoolSize,
        Duration connectionTimeout,
        Duration statementTimeout,
        Duration idleTtl,
        int maxSessionsPerUser) {

    /** Sessions idle for this long are dropped unless configured otherwise (as in the in-memory store). */
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(30);
    /** Sessions one user may hold unless configured otherwise (as in the in-memory store). */
    public static final int DEFAULT_MAX_SESSIONS_PER_USER = 20;

    private static final String STORE = "session store";

    public SessionStoreConfig {
        // the checks every store shares
        new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
        StorePool.Settings.checkStatementTimeout(statementTimeout);
        Objects.requireNonNull(idleTtl, "idleTtl");
        if (idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("the session idle time-to-live must be positive, not " + idleTtl);
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalArgumentException("sessions per user must be at least 1, not " + maxSessionsPerUser);
        }
    }

    /**
     * A store at {@code url} with the defaults: 10 connections, 1.5 s to connect, 5 s per statement, 30 minutes
     * idle, 20 sessions per user.
     */
    public static SessionStoreConfig of(String url) {
        return new SessionStoreConfig(
                url,
                Optional.empty(),
                Optional.empty(),
                10,
                Duration.ofMillis(1500),
                Duration.ofSeconds(5),
                DEFAULT_IDLE_TTL,
                DEFAULT_MAX_SESSIONS_PER_USER);
    }

    public SessionStoreConfig withCredentials(String newUser, String newPassword) {
        return new SessionStoreConfig(
                url,
                Optional.of(newUser),
                Optional.ofNullable(newPassword),
                maxPoolSize,
                connectionTimeout,
                statementTimeout,
                idleTtl,
                maxSessionsPerUser);
    }

    public SessionStoreConfig withMaxPoolSize(int newMaxPoolSize) {
        return new SessionStoreConfig(
                url, user, password, newMaxPoolSize, connectionTimeout, statementTimeout, idleTtl, maxSessionsPerUser);
    }

    public SessionStoreConfig withStatementTimeout(Duration newTimeout) {
        return new SessionStoreConfig(
                url, user, password, maxPoolSize, connectionTimeout, newTimeout, idleTtl, maxSessionsPerUser);
    }

    /** These limits: sessions idle for {@code newIdleTtl} are dropped, a user holds {@code newMax} at most. */
    public SessionStoreConfig withSessionLimits(Duration newIdleTtl, int newMax) {
        return new SessionStoreConfig(
                url, user, password, maxPoolSize, connectionTimeout, statementTimeout, newIdleTtl, newMax);
    }

    /** The URL without a password it may carry, for logs and {@code config show}. */
    public String redactedUrl() {
        return pool().redactedUrl();
    }

    /** The pool this store opens. */
    StorePool.Settings pool() {
        return new StorePool.Settings(STORE, url, user, password, maxPoolSize, connectionTimeout);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SessionStoreConfig[" + pool().describe() + ", statementTimeout=" + statementTimeout + ", idleTtl="
                + idleTtl + ", maxSessionsPerUser=" + maxSessionsPerUser + "]";
    }
}
