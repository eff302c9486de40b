package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;

/**
 * A {@link ConversationState}, with everything it holds, as JSON and back: the draft, the pending preview with its
 * snapshot (so that a preview made on one server is confirmed on another), the question and the plans of its
 * choices, the last read and its position, a macro waiting for an argument. Every sealed type is written with a
 * {@code kind}; a kind, constant or value type this code does not know is an error, never skipped.
 *
 * <p>The layout is {@link #FORMAT} 1. Change it only together with that number, so that a server reading a state
 * written by a newer one says so instead of half reading it. {@link StateJsonWriter} writes it and
 * {@link StateJsonReader} reads it token by token, without a tree in between (#17). Stateless and thread-safe.
 */
final class StateJson {

    /** The layout of the JSON this class writes; stored beside each state. */
    static final int FORMAT = 1;

    private StateJson() {}

    /**
     * The state as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when it holds a value of a type that cannot be kept (see {@link ValueJson})
     */
    static String write(ConversationState state) {
        return StateJsonWriter.write(state);
    }

    /**
     * The state {@code json} holds.
     *
     * @throws IllegalArgumentException when it is not a whole state of {@link #FORMAT}, with what is wrong
     */
    static ConversationState read(String json) {
        return StateJsonReader.read(json);
    }
}
