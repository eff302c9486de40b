package dev.tabletalk.cli;

import dev.tabletalk.core.user.UserContext;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabletalk chat}: talk to a database. */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Chat with a database: read, add and change rows, with a preview and a confirm before " + "every write.",
            "On a terminal this is a REPL (history; Ctrl-C cancels the draft, Ctrl-D quits). Otherwise it reads "
                    + "one message per line from standard input and prints one reply per message; the exit code is 3 "
                    + "when a message was refused."
        })
final class ChatCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print each reply as one JSON line.")
    boolean json;

    @Mixin
    ReplyOptions replyOptions;

    ChatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UserContext user = options.user(Optional.empty());
        CliSettings settings = TerminalProgress.open(
                context, spec.commandLine().getErr(), options.targetSettings().withFlags(replyOptions.flags()));
        try (Opened<TableTalkPorts> opened = context.opener().open(settings)) {
            TableTalkPorts ports = opened.ports();
            if (user.tenantId().isPresent()) {
                ports.operatorCatalog().tenancies().misconfiguration().ifPresent(w -> {
                    spec.commandLine().getErr().println("WARNING: " + w);
                    spec.commandLine().getErr().flush();
                });
            }
            return chat(
                    context,
                    spec.commandLine().getOut(),
                    ports,
                    user,
                    json,
                    "TableTalk · " + ports.description() + " · " + who(user));
        }
    }

    static int chat(
            CliContext context, PrintWriter out, TableTalkPorts ports, UserContext user, boolean json, String header) {
        ChatLoop loop = new ChatLoop(ports.conversations(), user, out, json);
        if (context.terminal() && !json) {
            return loop.runInteractive(
                    header + "\n"
                            + "Try: show customers · add a customer named Ada · set the city of customer 101 to Paris\n"
                            + "Writes stop at a preview until you type 'confirm'. 'cancel' drops a draft; Ctrl-D quits.\n",
                    LineSource.forTerminal());
        }
        return loop.runNonInteractive(context.in());
    }

    static String who(UserContext user) {
        return "user " + user.userId() + ", role " + user.role()
                + user.tenantId().map(t -> ", tenant " + t).orElse(", no tenant");
    }
}
