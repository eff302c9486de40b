package dev.tabletalk.core.conversation;

/** Where a conversation stands: IDLE -> COLLECTING -> PREVIEW -> (confirm) -> IDLE. */
public enum Stage {
    /** Nothing in progress. */
    IDLE,
    /** A create or update draft is being filled in. */
    COLLECTING,
    /** A preview is waiting for an explicit confirm. */
    PREVIEW
}
