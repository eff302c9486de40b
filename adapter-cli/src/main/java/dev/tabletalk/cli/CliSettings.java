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
 */
public record CliSettings(Optional<String> databaseUrl, boolean demo, String planner, Optional<String> auditUrl) {

    public CliSettings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(auditUrl, "auditUrl");
    }
}
