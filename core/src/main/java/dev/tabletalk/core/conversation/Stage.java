package dev.tabletalk.core.conversation;

/**
 * Where a conversation stands: IDLE -> COLLECTING -> PREVIEW -> (confirm) -> IDLE, and CLARIFYING while a
 * question with numbered choices waits for its answer (#13).
 */
public enum Stage {
    /** Nothing in progress. */
    IDLE,
    /** A create or update draft is being filled in. */
    COLLECTING,
    /** A preview is waiting for an explicit confirm. */
    PREVIEW,
    /** A question with numbered choices waits for its answer (a number, a label or a value). */
    CLARIFYING
}
