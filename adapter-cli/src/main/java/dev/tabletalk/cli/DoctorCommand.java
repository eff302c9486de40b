package dev.tabletalk.cli;

import dev.tabletalk.core.port.in.Diagnosis;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabletalk doctor}: is this database ready for TableTalk, and is its user too powerful? */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check a database before pointing TableTalk at it: connectivity, server version, TLS, and "
                    + "the connected user's privileges. Warns when the user may DELETE, TRUNCATE or run DDL on exposed "
                    + "tables and prints the GRANT statements of a least-privilege role: column lists where columns are "
                    + "hidden, INSERT and UPDATE only on the columns TableTalk writes. Changes nothing.",
            "With sessions.url or sharedState.url set, it also opens one connection to each shared store.",
            "Exit code 5 when the database or a shared store cannot be reached, 2 for a bad URL."
        })
final class DoctorCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print the findings as one JSON object.")
    boolean json;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CliSettings settings = options.targetSettings();
        Diagnosis report =
                context.opener().diagnostics(settings).check(context.opener().databaseUrl(settings));
        String sessions = context.opener().sessionStore(settings);
        List<SharedStoreCheck> stores = context.opener().sharedStores(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ok", report.ok());
            line.put("problem", report.problem().orElse(null));
            line.put("message", report.message());
            line.put("hint", report.hint());
            line.put("serverVersion", report.serverVersion().orElse(null));
            line.put("tls", report.tls());
            line.put("user", report.user().orElse(null));
            line.put("exposedEntities", report.exposedEntities());
            line.put("excessPrivileges", report.excessPrivileges());
            line.put("warnings", report.warnings());
            line.put("grants", report.grants());
            line.put("tenancy", report.tenancy());
            line.put("sessions", sessions);
            line.put(
                    "sharedStores",
                    stores.stream()
                            .map(store -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("name", store.name());
                                entry.put("location", store.location());
                                entry.put("ok", store.ok());
                                entry.put("message", store.message());
                                return entry;
                            })
                            .toList());
            out.println(AuditCommand.json(line));
        } else {
            out.println("connection:  " + (report.ok() ? "ok - " : "FAILED - ") + TerminalText.escape(report.message())
                    + (report.hint().isEmpty() ? "" : " (" + TerminalText.escape(report.hint()) + ")"));
            out.println("sessions:    " + TerminalText.escape(sessions));
            if (!stores.isEmpty()) {
                out.println("shared:");
                stores.forEach(store -> out.println("  " + store.name() + ": " + (store.ok() ? "ok - " : "FAILED - ")
                        + TerminalText.escape(store.message()) + " (" + TerminalText.escape(store.location()) + ")"));
            }
            if (report.ok()) {
                out.println("tls:         " + report.tls().replace('_', ' '));
                out.println("user:        " + TerminalText.escape(report.user().orElse("?")));
                out.println("exposed:     " + report.exposedEntities() + " tables and views");
                out.println("privileges:  "
                        + (report.excessPrivileges()
                                ? "MORE than TableTalk needs (see below)"
                                : "no more than TableTalk needs"));
                report.warnings().forEach(w -> out.println("WARNING:     " + TerminalText.escape(w)));
                if (!report.tenancy().isEmpty()) {
                    out.println("tenancy:");
                    report.tenancy()
                            .forEach((entity, tenancy) -> out.println(
                                    "  " + TerminalText.escape(entity) + ": " + TerminalText.escape(tenancy)));
                }
                if (!report.grants().isEmpty()) {
                    out.println();
                    out.println("A least-privilege role for TableTalk (run as an administrator):");
                    report.grants().forEach(g -> out.println("  " + TerminalText.escape(g)));
                }
            }
        }
        out.flush();
        if (report.ok()) {
            // a server on these settings would not start without every store it shares
            return stores.stream().allMatch(SharedStoreCheck::ok) ? CliExitCodes.OK : CliExitCodes.UNAVAILABLE;
        }
        return report.problem()
                        .filter(p -> p.equals("bad_url") || p.equals("malformed_url") || p.equals("unsupported_scheme"))
                        .isPresent()
                ? CliExitCodes.USAGE
                : CliExitCodes.UNAVAILABLE;
    }
}
