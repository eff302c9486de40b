package dev.tabletalk.core.error;

/** The external systems TableTalk depends on. */
public enum Dependency {
    TARGET_DATABASE,
    AUDIT_STORE,
    PLANNER,
    SESSION_STORE
}
