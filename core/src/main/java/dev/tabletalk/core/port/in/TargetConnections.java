package dev.tabletalk.core.port.in;

import dev.tabletalk.core.user.UserContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Switches the database that conversations administer, at runtime (the HTTP {@code POST /admin/connect}
 * route). A server-wide act: only the operator may do it ({@link #operator()}, authenticated by the
 * operator token, never a tenant's identity), and only to a {@code host:port} on the allowlist, with TLS
 * off loopback. The inbound adapter checks the caller and the allowlist before calling, and
 * implementations check both again. Implementations never attach the server's own password to a URL the
 * caller chose.
 *
 * <p>Implementations are thread-safe: turns already running finish on the old database; new turns
 * use the new one once {@link #connect} returns {@link ConnectOutcome.Connected}. Nothing changes
 * on a refusal.
 *
 * <p>When several servers share their state, a connect made on one is published to the others, which follow it
 * within about a second after the same checks of their own; {@link #status()} tells whether this server serves
 * the latest connect.
 */
public interface TargetConnections {

    /** The role of the operator, the only caller that may connect; the operator has no tenant. */
    String OPERATOR_ROLE = "operator";

    /** The operator as a caller (authenticated by the operator token). */
    static UserContext operator() {
        return new UserContext("operator", OPERATOR_ROLE, Optional.empty(), Map.of("auth", "admin_token"));
    }

    /** Whether {@code caller} is the operator: the operator role and no tenant. */
    static boolean isOperator(UserContext caller) {
        return OPERATOR_ROLE.equals(caller.role()) && caller.tenantId().isEmpty();
    }

    /**
     * An allowlist entry in its one form, {@code host:port} in lower case ({@code [::1]:5432} for IPv6).
     *
     * @throws IllegalArgumentException when the entry is not a host and a port from 1 to 65535
     */
    static String target(String hostAndPort) {
        Matcher m = TARGET.matcher(hostAndPort.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a connect target is host:port, e.g. db1.internal:5432");
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a connect target's port is between 1 and 65535");
        }
        String host = m.group(1) != null ? "[" + m.group(1) + "]" : m.group(2);
        return host + ":" + port;
    }

    /** {@code [v6]:port} or {@code name:port}. */
    Pattern TARGET = Pattern.compile("(?:\\[([0-9a-f:.]+)\\]|([a-z0-9._-]+)):([0-9]{1,5})");

    /**
     * Connects to {@code url} (JDBC or SQLAlchemy-style; credentials from the URL or the server's
     * configured password source) and makes it the target of every new turn.
     */
    ConnectOutcome connect(String url, UserContext caller);

    /** Which connect this server serves; never null, never throws. */
    TargetStatus status();

    /**
     * The target generation: how many connects were made (on any server sharing state with this one; on this
     * server alone otherwise), 0 while the configured database is served.
     *
     * @param generation the generation of the latest connect
     * @param current whether this server serves that connect's database; false while it could not follow a connect
     *     made on another server (then it answers turns that need the database as unavailable)
     */
    record TargetStatus(long generation, boolean current) {
        public TargetStatus {
            if (generation < 0) {
                throw new IllegalArgumentException("a target generation is not negative: " + generation);
            }
        }
    }

    /** What a connect did. */
    sealed interface ConnectOutcome {

        /** Connected: {@code database} describes the new target without credentials. */
        record Connected(String database, int exposedEntities) implements ConnectOutcome {
            public Connected {
                Objects.requireNonNull(database, "database");
            }
        }

        /**
         * Nothing changed. {@code reason} says why, for machines; {@code message} says what to do and never
         * tells one network failure from another (no probing).
         */
        record Refused(Reason reason, String message) implements ConnectOutcome {
            public Refused {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }
        }

        /** Why a connect was refused; {@link #code()} is the stable snake-case name audit entries and problems use. */
        enum Reason {
            /** The caller is not the operator. */
            FORBIDDEN("forbidden"),
            /** The URL names a {@code host:port} that is not on the allowlist, or no host at all. */
            HOST_NOT_ALLOWED("host_not_allowed"),
            /** The URL cannot be read or carries options that are not accepted. */
            UNSUPPORTED_URL("unsupported_url"),
            /** A database off this machine was named without TLS. */
            TLS_REQUIRED("tls_required"),
            /** The database could not be reached or read (which failure is not told). */
            CONNECTION_FAILED("connection_failed"),
            /** The audit store could not record the switch, so it was not made. */
            AUDIT_UNAVAILABLE("audit_unavailable"),
            /**
             * Several servers share one store ({@code sharedState.url}) and the URL carries a password, which they
             * could only be given in clear: no {@code sharedState.key} is set to encrypt it.
             */
            SEVERAL_SERVERS("several_servers"),
            /** The store the servers share could not be told of the connect, so the switch was not made. */
            SHARED_STATE_UNAVAILABLE("shared_state_unavailable"),
            /**
             * The store the servers share stopped answering after the connect's commit was sent: whether it took
             * effect is not known. If it did, every server, this one included, follows it as it follows any connect
             * made on another server; connecting again to the same database is safe.
             */
            OUTCOME_UNKNOWN("outcome_unknown");

            private final String code;

            Reason(String code) {
                this.code = code;
            }

            /** The stable snake-case name, e.g. {@code host_not_allowed}. */
            public String code() {
                return code;
            }
        }
    }
}
