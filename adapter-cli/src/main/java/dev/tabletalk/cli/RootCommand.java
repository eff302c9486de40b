package dev.tabletalk.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tabletalk}: without a command, the help. */
@Command(
        name = "tabletalk",
        mixinStandardHelpOptions = true,
        version = "TableTalk 0.1.0",
        description = {
            "A safe, conversational admin agent for your database: chat to read, add and change "
                    + "rows; every write is previewed and needs your confirm; nothing is ever deleted.",
            "Start with: tabletalk demo"
        },
        footer = {
            "",
            "Exit codes: 0 ok, 2 usage, 3 refused (non-interactive), 4 not allowed, "
                    + "5 a dependency is unavailable, 1 anything else."
        })
final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CliExitCodes.OK;
    }
}
