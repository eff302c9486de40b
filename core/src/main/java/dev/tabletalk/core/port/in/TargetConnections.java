package dev.tabletalk.core.port.in;

import dev.tabletalk.core.user.UserContext;
import java.util.Objects;

/**
 * Switches the database that conversations administer, at runtime (the HTTP {@code POST /connect}
 * route). Off unless an operator enables it; the inbound adapter checks the caller's role and the
 * host allowlist before calling, and implementations check both again.
 *
 * <p>Implementations are thread-safe: turns already running finish on the old database; new turns
 * use the new one once {@link #connect} returns {@link ConnectOutcome.Connected}. Nothing changes
 * on a refusal.
 */
public interface TargetConnections {

    /**
     * Connects to {@code url} (JDBC or SQLAlchemy-style; credentials from the URL or the server's
     * configured password source) and makes it the target of every new turn.
     */
    ConnectOutcome connect(String url, UserContext caller);

    /** What a connect did. */
    sealed interface ConnectOutcome {

        /** Connected: {@code database} describes the new target without credentials. */
        record Connected(String database, int exposedEntities) implements ConnectOutcome {
            public Connected {
                Objects.requireNonNull(database, "database");
            }
        }

        /**
         * Nothing changed. {@code reason} is machine-readable ({@code forbidden}, {@code host_not_allowed},
         * {@code unsupported_url}, {@code connection_failed}); {@code message} says what to do and never
         * tells one network failure from another (no probing).
         */
        record Refused(String reason, String message) implements ConnectOutcome {
            public Refused {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }
        }
    }
}
