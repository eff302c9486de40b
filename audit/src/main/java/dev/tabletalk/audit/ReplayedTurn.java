package dev.tabletalk.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded turn, planned again.
 *
 * @param sequence the turn's entry in the audit log
 * @param message the recorded message that was fed to the planner
 * @param verdict whether the new plan matches the recorded one
 * @param recorded the recorded planner reading as canonical JSON ({@code intent}, {@code entity}, {@code fields},
 *     {@code filters}), unless skipped
 * @param replayed the new planner reading in the same form, unless skipped or failed
 * @param differences one line per part that differs: {@code "intent: read -> update"}; for a failure, why
 */
public record ReplayedTurn(
        long sequence,
        String message,
        Verdict verdict,
        Optional<String> recorded,
        Optional<String> replayed,
        List<String> differences) {

    public ReplayedTurn {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(replayed, "replayed");
        differences = List.copyOf(differences);
    }

    /** How a replayed turn compares with the recording. */
    public enum Verdict {
        /** The planner reads the message exactly as before. */
        SAME,
        /** The planner reads it differently now: see {@link ReplayedTurn#differences()}. */
        DIFFERENT,
        /** No planner was called for this turn when it was recorded (a universal command, a confirm, a macro). */
        SKIPPED,
        /** The planner failed (e.g. its model could not be reached). */
        FAILED
    }
}
