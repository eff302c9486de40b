package dev.tabletalk.core.error;

/** The external systems TableTalk depends on. */
public enum Dependency {
    TARGET_DATABASE,
    AUDIT_STORE,
    PLANNER,
    SESSION_STORE,
    /** The store several servers share for rate limits and operator state ({@code sharedState.url}). */
    SHARED_STATE,
    /**
     * The database the operator chose with a connect on any of the servers sharing state ({@code sharedState.url}),
     * as this server has not reached it yet: it answers nothing from the database before it instead.
     */
    CHOSEN_DATABASE
}
