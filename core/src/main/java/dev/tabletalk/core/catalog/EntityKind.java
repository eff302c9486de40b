package dev.tabletalk.core.catalog;

/** Whether an entity is a table or a view. */
public enum EntityKind {
    TABLE,
    VIEW
}
