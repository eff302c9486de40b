package dev.tabletalk.audit;

import java.util.List;
import java.util.Objects;

/**
 * A session replayed through a planner, turn by turn.
 *
 * @param sessionId the replayed session
 * @param planner the name of the planner that replanned it
 * @param turns every recorded turn of the session, in order
 */
public record ReplayReport(String sessionId, String planner, List<ReplayedTurn> turns) {

    public ReplayReport {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(planner, "planner");
        turns = List.copyOf(turns);
    }

    /** The turns the planner now reads differently. */
    public List<ReplayedTurn> differences() {
        return turns.stream()
                .filter(t -> t.verdict() == ReplayedTurn.Verdict.DIFFERENT)
                .toList();
    }

    /** Whether any turn is planned differently now, or could not be planned. */
    public boolean hasDifferences() {
        return turns.stream()
                .anyMatch(t ->
                        t.verdict() == ReplayedTurn.Verdict.DIFFERENT || t.verdict() == ReplayedTurn.Verdict.FAILED);
    }
}
