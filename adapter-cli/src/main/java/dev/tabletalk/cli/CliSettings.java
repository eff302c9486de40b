package dev.tabletalk.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * What a command asks the {@link CliConnector} to open.
 *
 * @param databaseUrl the target database URL ({@code --db} or {@code TABLETALK_DB_URL}); empty for the demo
 * @param demo whether to create and open the embedded demo shop instead of a target database
 * @param planner the planner spec: {@code rules}, {@code openai:MODEL}, {@code anthropic:MODEL}, {@code ollama:MODEL}
 * @param auditUrl the audit store URL ({@code --audit-db}); empty for the embedded default file
 * @param progress told how loading the schema advances (shown on a terminal for big schemas)
 */
public record CliSettings(Optional<String> databaseUrl, boolean demo, String planner, Optional<String> auditUrl,
        Progress progress) {

    public CliSettings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(auditUrl, "auditUrl");
        Objects.requireNonNull(progress, "progress");
    }

    /** Told how a schema load advances: a few steps per load. */
    @FunctionalInterface
    public interface Progress {

        /** Ignores progress. */
        Progress NONE = (stage, done, total) -> { };

        void step(String stage, int done, int total);
    }

    /** These settings with this progress listener. */
    public CliSettings withProgress(Progress value) {
        return new CliSettings(databaseUrl, demo, planner, auditUrl, value);
    }
}
