package dev.tabletalk.cli;

import dev.tabletalk.core.port.in.Replay;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabletalk replay SESSION}: plan a recorded session again and compare. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Plan every recorded message of a session again, with today's planner and schema, and show "
                    + "where the reading differs from the recording. Nothing is executed. The exit code is 1 when a "
                    + "turn is read differently or could not be planned."
        })
final class ReplayCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "SESSION", description = "The session id (see 'tabletalk audit sessions').")
    String sessionId;

    @Option(names = "--demo", description = "Replay against the embedded demo shop's schema instead of --db.")
    boolean demo;

    @Option(names = "--json", description = "One JSON line per turn.")
    boolean json;

    ReplayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CliSettings settings = TerminalProgress.open(
                context, spec.commandLine().getErr(), demo ? options.demoSettings() : options.targetSettings());
        try (Opened<TableTalkPorts> opened = context.opener().open(settings)) {
            Replay replay = opened.ports().sessionReplays().replay(sessionId);
            if (replay.turns().isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println("tabletalk: no session " + TerminalText.escape(sessionId) + " in the audit log");
                return CliExitCodes.SOFTWARE;
            }
            boolean differs = false;
            for (Replay.Turn turn : replay.turns()) {
                differs |= turn.verdict().equals("different") || turn.verdict().equals("failed");
                if (json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("sequence", turn.sequence());
                    line.put("message", turn.message());
                    line.put("verdict", turn.verdict());
                    line.put("differences", turn.differences());
                    out.println(AuditCommand.json(line));
                } else {
                    out.println(String.format(
                            Locale.ROOT,
                            "%5d  %-9s  %s",
                            turn.sequence(),
                            turn.verdict(),
                            TerminalText.escape(turn.message())));
                    turn.differences().forEach(d -> out.println("                  " + TerminalText.escape(d)));
                }
            }
            if (!json) {
                out.println(
                        differs
                                ? "The planner " + replay.planner() + " reads some messages differently now."
                                : "The planner " + replay.planner() + " reads every message as recorded.");
            }
            out.flush();
            return differs ? CliExitCodes.SOFTWARE : CliExitCodes.OK;
        }
    }
}
