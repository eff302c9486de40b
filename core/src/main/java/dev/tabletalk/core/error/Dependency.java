package dev.tabletalk.core.error;

/** The external systems TableTalk depends on. */
public enum Dependency {
    TARGET_DATABASE,
    AUDIT_STORE,
    PLANNER,
    SESSION_STORE,
    /** The store several servers share for rate limits and operator state ({@code sharedState.url}). */
    SHARED_STATE
}
