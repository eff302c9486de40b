package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.user.UserContext;
import java.util.Objects;

/** What an identity check found: a verified caller, or the problem to answer with. */
sealed interface AuthOutcome {

    /** A caller whose identity was verified. */
    record Authenticated(UserContext user) implements AuthOutcome {
        public Authenticated {
            Objects.requireNonNull(user, "user");
        }
    }

    /** An identity that was missing, malformed or forged. */
    record Failed(Problem problem) implements AuthOutcome {
        public Failed {
            Objects.requireNonNull(problem, "problem");
        }
    }

    static AuthOutcome failed(Problem problem) {
        return new Failed(problem);
    }
}
