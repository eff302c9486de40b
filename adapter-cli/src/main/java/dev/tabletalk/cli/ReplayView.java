package dev.tabletalk.cli;

import java.util.List;
import java.util.Objects;

/**
 * A recorded session planned again, as {@code tabletalk replay} prints it.
 *
 * @param sessionId the session
 * @param planner the planner that planned again
 * @param turns the turns in order
 */
public record ReplayView(String sessionId, String planner, List<Turn> turns) {

    public ReplayView {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(planner, "planner");
        turns = List.copyOf(turns);
    }

    /**
     * One turn.
     *
     * @param sequence its audit log entry
     * @param message the recorded message
     * @param verdict {@code same}, {@code different}, {@code skipped} or {@code failed}
     * @param differences one line per part that differs
     */
    public record Turn(long sequence, String message, String verdict, List<String> differences) {
        public Turn {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(verdict, "verdict");
            differences = List.copyOf(differences);
        }
    }
}
