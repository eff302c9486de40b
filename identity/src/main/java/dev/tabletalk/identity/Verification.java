package dev.tabletalk.identity;

import dev.tabletalk.core.user.UserContext;
import java.util.Objects;

/** What an identity check found: a verified caller, or why the identity was refused. */
public sealed interface Verification {

    /**
     * A caller whose identity was verified.
     *
     * @param user who is calling; the tenant comes only from the verified identity (invariant 7)
     */
    record Verified(UserContext user) implements Verification {
        /** Checks the user is given. */
        public Verified {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * An identity that was missing, malformed or forged, or that could not be checked right now.
     *
     * @param failure what was wrong, with a stable reason
     */
    record Refused(IdentityFailure failure) implements Verification {
        /** Checks the failure is given. */
        public Refused {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** A refusal. */
    static Verification refused(IdentityFailure failure) {
        return new Refused(failure);
    }
}
