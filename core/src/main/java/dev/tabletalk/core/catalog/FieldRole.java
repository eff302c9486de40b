package dev.tabletalk.core.catalog;

/** A column's roles in its entity's form, as a planner or a chat user sees them. */
public enum FieldRole {
    PRIMARY_KEY,
    CREATE_REQUIRED,
    CREATE_OPTIONAL,
    READ,
    FILTER,
    UPDATE,
    MASKED
}
