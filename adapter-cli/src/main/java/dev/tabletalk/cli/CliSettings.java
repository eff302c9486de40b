package dev.tabletalk.cli;

import dev.tabletalk.core.policy.ReplyLimits;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command asks the {@link TableTalkOpener} to open.
 *
 * @param databaseUrl the target database URL ({@code --db} or {@code TABLETALK_DB_URL}); empty for the demo
 * @param demo whether to create and open the embedded demo shop instead of a target database
 * @param planner the planner spec: {@code rules}, {@code openai:MODEL}, {@code anthropic:MODEL}, {@code ollama:MODEL}
 * @param auditUrl the audit store URL ({@code --audit-db}); empty for the embedded default file
 * @param progress told how loading the schema advances (shown on a terminal for big schemas)
 * @param replyLimits how big one reply may get ({@code --max-cell-chars}, {@code --max-reply-bytes})
 */
public record CliSettings(
        Optional<String> databaseUrl,
        boolean demo,
        String planner,
        Optional<String> auditUrl,
        Progress progress,
        ReplyLimits replyLimits) {

    public CliSettings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(auditUrl, "auditUrl");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(replyLimits, "replyLimits");
    }

    /** Settings with the default reply limits. */
    public CliSettings(
            Optional<String> databaseUrl, boolean demo, String planner, Optional<String> auditUrl, Progress progress) {
        this(databaseUrl, demo, planner, auditUrl, progress, ReplyLimits.defaults());
    }

    /** Told how a schema load advances: a few steps per load. */
    @FunctionalInterface
    public interface Progress {

        /** Ignores progress. */
        Progress NONE = (stage, done, total) -> {};

        void step(String stage, int done, int total);
    }

    /** These settings with this progress listener. */
    public CliSettings withProgress(Progress value) {
        return new CliSettings(databaseUrl, demo, planner, auditUrl, value, replyLimits);
    }

    /** These settings with these reply limits. */
    public CliSettings withReplyLimits(ReplyLimits value) {
        return new CliSettings(databaseUrl, demo, planner, auditUrl, progress, value);
    }
}
