package dev.tabletalk.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation as the audit log saw it.
 *
 * @param sessionId the session
 * @param userId who talked in it (the smallest user id, should several have)
 * @param firstAt when its first turn started
 * @param lastAt when its last turn started
 * @param turns how many turns it has (a confirmed write's pending entry and its resolution count once)
 */
public record SessionSummary(String sessionId, String userId, Instant firstAt, Instant lastAt, long turns) {

    public SessionSummary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(firstAt, "firstAt");
        Objects.requireNonNull(lastAt, "lastAt");
    }
}
