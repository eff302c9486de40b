package dev.tabletalk.core.port.in;

/**
 * Plans a recorded session again ({@code tabletalk replay}): every message of the session, as the audit log
 * recorded it, goes to today's planner with today's schema, and the reading is compared with the recorded
 * one. Nothing is executed. Thread-safe.
 */
public interface SessionReplays {

    /**
     * Plans every recorded message of a session again and says where the reading differs from the recording.
     *
     * @return the replay, never null; no turns for a session the audit log does not know
     * @throws dev.tabletalk.core.error.ConfigurationException when the audit log cannot be read back (not
     *     TableTalk's own store)
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the audit store cannot be read
     */
    Replay replay(String sessionId);
}
