package dev.tabletalk.cli;

import dev.tabletalk.core.user.UserContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabletalk demo}: the chat on an embedded demo shop. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Create an embedded demo shop (customers, products, orders, order items, employees of two "
                    + "companies, plus hidden login, token and migration tables) and chat with it, as an editor of "
                    + "company 1 unless told otherwise.",
            "The demo database lives in memory: changes are gone when the chat ends. --db is ignored."
        })
final class DemoCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print each reply as one JSON line.")
    boolean json;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UserContext user = options.user(Optional.of("1"));
        CliSettings settings = TerminalProgress.open(context, spec.commandLine().getErr(), options.demoSettings());
        try (Opened<TableTalkPorts> opened = context.opener().open(settings)) {
            return ChatCommand.chat(
                    context,
                    spec.commandLine().getOut(),
                    opened.ports(),
                    user,
                    json,
                    "TableTalk demo · " + opened.ports().description() + " · " + ChatCommand.who(user));
        }
    }
}
