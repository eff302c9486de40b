package dev.tabletalk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tabletalk audit verify|sessions|show SESSION}: the audit log, read-only. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {"Read the audit log: verify its hash chain, list sessions, show a session's turns."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Sessions.class, AuditCommand.Show.class})
final class AuditCommand implements Callable<Integer> {

    private static final ObjectWriter JSON = StrictJson.writer();

    final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--audit-db",
            paramLabel = "URL",
            scope = CommandLine.ScopeType.INHERIT,
            description = "The audit store: jdbc:h2:…, jdbc:postgresql:… or jdbc:mariadb:… "
                    + "(default: audit.url of the file, else the embedded file ./.tabletalk/audit).")
    String auditDatabase;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = CommandLine.ScopeType.INHERIT,
            description = "The configuration file (default: ./tabletalk.yaml when it exists).")
    Path config;

    AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CliExitCodes.OK;
    }

    Opened<AuditTrail> open() {
        List<CliSettings.Flag> flags = new ArrayList<>();
        CommonOptions.given(flags, "audit.url", "--audit-db", auditDatabase);
        return context.opener()
                .openAudit(new CliSettings(Optional.ofNullable(config), flags, false, CliSettings.Progress.NONE));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** {@code audit verify}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Walk the hash chain: every entry present, linked and unchanged. Exit code 1 when broken.",
                "Also lists unresolved writes: writes the log records as pending with no outcome after them "
                        + "(exit code 6 when the chain is intact but some are unresolved)."
            })
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Opened<AuditTrail> opened = parent.open()) {
                AuditTrail audit = opened.ports();
                AuditTrail.Chain chain = audit.verify();
                if (chain.intact()) {
                    out.println("intact: " + chain.entriesChecked() + " entries, head hash "
                            + chain.headHash().orElse("-"));
                    if (chain.unresolvedWrites().isEmpty()) {
                        return CliExitCodes.OK;
                    }
                    out.println("UNRESOLVED: " + chain.unresolvedWrites().size() + " write(s) recorded as pending "
                            + "with no outcome after them, at entries "
                            + chain.unresolvedWrites().stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", "))
                            + ". Whether they were saved is not recorded: check those rows in the database "
                            + "('tabletalk audit show SESSION' shows each).");
                    return CliExitCodes.UNRESOLVED;
                }
                out.println("BROKEN at entry " + chain.brokenAt().orElse(0) + " (" + chain.entriesChecked()
                        + " good entries before it): "
                        + TerminalText.escape(chain.problem().orElse("unknown problem")));
                return CliExitCodes.SOFTWARE;
            }
        }
    }

    /** {@code audit sessions}. */
    @Command(
            name = "sessions",
            mixinStandardHelpOptions = true,
            description = {"List the most recently active sessions, newest first."})
    static final class Sessions implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "20", description = "How many sessions (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON line per session.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Opened<AuditTrail> opened = parent.open()) {
                AuditTrail audit = opened.ports();
                List<AuditTrail.Session> sessions = audit.sessions(Math.max(1, limit));
                if (json) {
                    for (AuditTrail.Session session : sessions) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("sessionId", session.sessionId());
                        line.put("userId", session.userId());
                        line.put("firstAt", session.firstAt().toString());
                        line.put("lastAt", session.lastAt().toString());
                        line.put("turns", session.turns());
                        out.println(json(line));
                    }
                } else if (sessions.isEmpty()) {
                    out.println("No sessions in the audit log yet.");
                } else {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (AuditTrail.Session session : sessions) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("session", session.sessionId());
                        row.put("user", session.userId());
                        row.put("first", session.firstAt());
                        row.put("last", session.lastAt());
                        row.put("turns", session.turns());
                        rows.add(row);
                    }
                    out.print(TextTable.render(List.of("session", "user", "first", "last", "turns"), rows));
                }
                out.flush();
                return CliExitCodes.OK;
            }
        }
    }

    /** {@code audit show SESSION|ERROR_ID}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Show a session's turns in order, or "
                        + "the turn whose reply showed an error id (with its error class: never shown to the person)."
            })
    static final class Show implements Callable<Integer> {

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "SESSION|ERROR_ID",
                description = "The session id (see 'tabletalk audit sessions'), " + "or the error id a reply showed.")
        String sessionId;

        @Option(names = "--json", description = "One JSON line per turn.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Opened<AuditTrail> opened = parent.open()) {
                AuditTrail audit = opened.ports();
                List<AuditTrail.Turn> turns = audit.turns(sessionId);
                boolean byErrorId = turns.isEmpty();
                if (byErrorId) {
                    turns = audit.turnsWithErrorId(sessionId);
                }
                if (turns.isEmpty()) {
                    spec.commandLine()
                            .getErr()
                            .println("tabletalk: no session or error id " + TerminalText.escape(sessionId)
                                    + " in the audit log");
                    return CliExitCodes.SOFTWARE;
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                for (AuditTrail.Turn turn : turns) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seq", turn.sequence());
                    if (byErrorId) {
                        row.put("session", turn.sessionId());
                    }
                    row.put("at", turn.timestamp().toString());
                    row.put("user", turn.userId());
                    row.put("message", turn.message());
                    row.put("action", turn.action());
                    row.put("intent", turn.intent().orElse(null));
                    row.put("entity", turn.entity().orElse(null));
                    row.put("outcome", turn.unresolved() && !json ? turn.outcome() + " (UNRESOLVED)" : turn.outcome());
                    if (json && turn.unresolved()) {
                        row.put("unresolved", true);
                    }
                    row.put("refusal", turn.refusalCode().orElse(null));
                    row.put("rows", turn.rowCount());
                    row.put("ms", turn.latencyMillis());
                    row.put("error", turn.error().orElse(null));
                    rows.add(row);
                }
                if (json) {
                    rows.forEach(row -> out.println(json(row)));
                } else {
                    out.print(TextTable.render(List.copyOf(rows.get(0).keySet()), rows));
                }
                out.flush();
                return CliExitCodes.OK;
            }
        }
    }
}
