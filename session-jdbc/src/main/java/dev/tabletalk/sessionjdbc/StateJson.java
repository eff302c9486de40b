package dev.tabletalk.sessionjdbc;

import dev.tabletalk.core.conversation.ConversationState;

/**
 * A {@link ConversationState}, with everything it holds, as JSON and back: the draft, the pending preview with its
 * snapshot (so that a preview made on one server is confirmed on another), the question and the plans of its
 * choices, the last read and its position, a macro waiting for an argument. Every sealed type is written with a
 * {@code kind}; a kind, constant or value type this code does not know is an error, never skipped.
 *
 * <p>The layout is {@link #FORMAT} 2: format 1 and, after the macro, the preview the session's last confirm took
 * ({@code confirmed}), written only when there is one. A state without it is stored as format 1, which the servers of
 * the previous release read too (a rolling upgrade keeps their sessions), and one with it as format 2, which they
 * refuse as written by a newer server rather than half read it. Change the layout only together with that number. {@link StateJsonWriter} writes it and
 * {@link StateJsonReader} reads it token by token, without a tree in between (#17). Stateless and thread-safe.
 */
final class StateJson {

    /** The layout of the JSON this class writes; stored beside each state. */
    static final int FORMAT = 2;

    /** The format {@code state}'s JSON is written in: 1 unless it keeps the preview its last confirm took. */
    static int format(ConversationState state) {
        return state.confirmed().isPresent() ? FORMAT : 1;
    }

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
     * @throws IllegalArgumentException when it is not a whole state of format 1 or {@link #FORMAT}, with what is wrong
     */
    static ConversationState read(String json) {
        return StateJsonReader.read(json);
    }
}
