package dev.tabletalk.jdbcsupport;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP that a pooled connection which met a {@link SqlErrors#isConnectionLost lost connection} is broken and
 * must not be handed out again. HikariCP knows SQLState class 08 and a few vendor codes; H2's "connection is broken"
 * (90067, a {@link java.sql.SQLNonTransientConnectionException}) is not among them, so after its server restarted,
 * a pool in steady use (each connection back within HikariCP's half second without a liveness check) kept handing
 * out the same dead connections, and every turn failed long after the database was back.
 */
public final class LostConnectionEviction implements SQLExceptionOverride {

    /** The one instance: it holds no state. */
    public static final LostConnectionEviction INSTANCE = new LostConnectionEviction();

    private LostConnectionEviction() {}

    @java.lang.Override
    public Override adjudicate(SQLException error) {
        return SqlErrors.isConnectionLost(error) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
