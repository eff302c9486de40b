package dev.tabletalk.core.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * What a message asks for. There is no delete: a delete-like request is answered with a
 * refusal, never mapped to another intent.
 */
public enum Intent {
    READ,
    CREATE,
    UPDATE,
    UNKNOWN;

    /** The lower-case name used in JSON: {@code read}, {@code create}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The intent with exactly this wire name ({@code read|create|update|unknown}). */
    public static Optional<Intent> fromWireName(String name) {
        for (Intent intent : values()) {
            if (intent.wireName().equals(name)) {
                return Optional.of(intent);
            }
        }
        return Optional.empty();
    }

    public boolean isWrite() {
        return this == CREATE || this == UPDATE;
    }
}
