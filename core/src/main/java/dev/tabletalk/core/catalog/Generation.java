package dev.tabletalk.core.catalog;

/** Whether the database produces a column's value itself. */
public enum Generation {
    NONE,
    /** Identity, serial or auto-increment: the database assigns a value on insert. */
    IDENTITY,
    /** A computed (generated) column: never written. */
    COMPUTED;

    public boolean isGenerated() {
        return this != NONE;
    }
}
