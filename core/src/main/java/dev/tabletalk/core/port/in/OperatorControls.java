package dev.tabletalk.core.port.in;

import dev.tabletalk.core.user.UserContext;
import java.util.List;
import java.util.Objects;

/**
 * The operator's acts on a running TableTalk (the HTTP {@code /admin/read-only} and {@code /admin/reload}
 * routes): the read-only emergency switch (invariant 10) and reloading the settings and the catalog without a
 * restart. Server-wide acts: only the operator may do them ({@link TargetConnections#operator()}, authenticated by
 * the operator token, never a tenant's identity); the inbound adapter checks the caller and implementations check
 * it again. Every act, done or refused, is recorded in the audit log as the operator's.
 *
 * <p>Implementations are thread-safe. The switch takes effect for the next turn of every session; after a reload,
 * each turn runs wholly on the settings before it or wholly on those after it, never on a mix.
 */
public interface OperatorControls {

    /** Whether the read-only switch is on now (every write preview and confirm refused). */
    boolean readOnly();

    /**
     * Turns the read-only switch on or off. Turning it on always takes effect, even when the audit store cannot
     * record it (an emergency switch cannot wait); turning it off is refused unless it is recorded first.
     *
     * @param on the new position
     * @param caller the operator
     */
    SwitchOutcome switchReadOnly(boolean on, UserContext caller);

    /**
     * Reads the settings again from their source (when TableTalk was given one) and the catalog of the current
     * database, then makes them the settings of every new turn. Settings that do not validate, or that cannot
     * change without a restart, are refused, and the running settings stay.
     *
     * @param caller the operator
     */
    ReloadOutcome reload(UserContext caller);

    /** What a switch did. */
    sealed interface SwitchOutcome {

        /**
         * The switch is now {@code on}.
         *
         * @param on the position now
         * @param changed whether it was in the other position before
         */
        record Switched(boolean on, boolean changed) implements SwitchOutcome {}

        /** Nothing changed; {@code message} says why and what to do. */
        record Refused(Reason reason, String message) implements SwitchOutcome {
            public Refused {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }
        }
    }

    /** What a reload did. */
    sealed interface ReloadOutcome {

        /**
         * The new settings and catalog serve every new turn.
         *
         * @param exposedEntities the entities the reloaded catalog exposes
         * @param settingsReloaded whether settings were read from a source too (false: the catalog only)
         * @param readOnly the read-only switch after the reload
         * @param notes what the operator should know, e.g. that the switch stays on
         */
        record Reloaded(int exposedEntities, boolean settingsReloaded, boolean readOnly, List<String> notes)
                implements ReloadOutcome {
            public Reloaded {
                notes = List.copyOf(notes);
            }
        }

        /** Nothing changed; {@code message} says why and what to do (for invalid settings, the error itself). */
        record Refused(Reason reason, String message) implements ReloadOutcome {
            public Refused {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }
        }
    }

    /** Why an act was refused; {@link #code()} is the stable snake-case name audit entries and problems use. */
    enum Reason {
        /** The caller is not the operator. */
        FORBIDDEN("forbidden"),
        /** The settings read again do not validate, or change what needs a restart. */
        INVALID_SETTINGS("invalid_settings"),
        /** The database could not be read, so its catalog could not be reloaded. */
        DATABASE_UNAVAILABLE("database_unavailable"),
        /** The audit store could not record the act, so it was not made. */
        AUDIT_UNAVAILABLE("audit_unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable snake-case name, e.g. {@code invalid_settings}. */
        public String code() {
            return code;
        }
    }
}
