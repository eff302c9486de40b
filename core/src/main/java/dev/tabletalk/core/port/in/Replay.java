package dev.tabletalk.core.port.in;

import java.util.List;
import java.util.Objects;

/**
 * A recorded session planned again ({@link SessionReplays#replay}): per turn, whether today's planner
 * reads the message as it was read then.
 *
 * @param sessionId the session
 * @param planner the planner that planned again
 * @param turns the turns in order; empty for a session the audit log does not know
 */
public record Replay(String sessionId, String planner, List<Turn> turns) {

    public Replay {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(planner, "planner");
        turns = List.copyOf(turns);
    }

    /** Whether any turn is read differently now, or could not be planned. */
    public boolean hasDifferences() {
        return turns.stream()
                .anyMatch(t -> t.verdict().equals("different") || t.verdict().equals("failed"));
    }

    /**
     * One turn.
     *
     * @param sequence its audit log entry
     * @param message the recorded message
     * @param verdict {@code same}, {@code different}, {@code skipped} (no planner was called) or {@code failed}
     * @param differences one line per part that differs, e.g. {@code intent: read -> update}
     */
    public record Turn(long sequence, String message, String verdict, List<String> differences) {
        public Turn {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(verdict, "verdict");
            differences = List.copyOf(differences);
        }
    }
}
