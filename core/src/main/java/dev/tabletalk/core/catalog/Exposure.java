package dev.tabletalk.core.catalog;

/** How much of an entity a conversation may use. */
public enum Exposure {
    /** Read, create and update are possible (subject to role and form). */
    READ_WRITE,
    /** Only reads: views, tables without a primary key, or configured read-only. */
    READ_ONLY,
    /** Never read, written or even named to a chat user. */
    HIDDEN;

    public boolean isVisible() {
        return this != HIDDEN;
    }
}
