package dev.tabletalk.core.reply;

import java.util.Objects;

/**
 * A decision not to do something, with a stable code and a message for a person that says
 * what to do instead. The message never contains SQL, driver text, secrets or hidden names.
 */
public record Refusal(RefusalCode code, String message) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a message for the person");
        }
    }

    public static Refusal of(RefusalCode code, String message) {
        return new Refusal(code, message);
    }
}
