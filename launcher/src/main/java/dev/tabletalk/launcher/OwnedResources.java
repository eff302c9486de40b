package dev.tabletalk.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What TableTalk opened itself (pools from URLs, the audit store, the session sweeper), closed in reverse
 * order of opening; never what the caller passed in. Thread-safe.
 */
final class OwnedResources {

    private static final Logger log = LoggerFactory.getLogger(OwnedResources.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Opened now: closed before everything opened earlier. */
    void opened(AutoCloseable resource) {
        synchronized (resources) {
            resources.push(resource);
        }
    }

    /** Closed after everything else (e.g. the target's pools when building fails). */
    void closeLast(AutoCloseable resource) {
        synchronized (resources) {
            resources.addLast(resource);
        }
    }

    /** Closes everything, newest first; a failure is logged and the rest still closed. */
    void closeAll() {
        synchronized (resources) {
            while (!resources.isEmpty()) {
                AutoCloseable resource = resources.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("closing {} failed", resource.getClass().getSimpleName(), e);
                }
            }
        }
    }
}
