package dev.tabletalk.core.validation;

import dev.tabletalk.core.reply.RefusalCode;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a plan, with a message for a person that says what to do.
 *
 * @param code the refusal code
 * @param field the field concerned, if any (as the catalog names it, or as given when unknown)
 * @param message the person-facing message
 */
public record Problem(RefusalCode code, Optional<String> field, String message) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(RefusalCode code, String message) {
        return new Problem(code, Optional.empty(), message);
    }

    public static Problem of(RefusalCode code, String field, String message) {
        return new Problem(code, Optional.of(field), message);
    }
}
