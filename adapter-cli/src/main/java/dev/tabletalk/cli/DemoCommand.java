package dev.tabletalk.cli;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tabletalk demo}: the chat on an embedded demo shop; with {@code --web}, the same shop in the browser
 * console. The CLI cannot start a server (only the app wires the HTTP adapter), so {@code --web} runs the app's
 * {@code serve --demo} with the options given here, and fails with a clear message where there is no
 * {@code serve}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Create an embedded demo shop (customers, products, orders, order items, employees of two "
                    + "companies, plus hidden login, token and migration tables) and chat with it, as an editor of "
                    + "company 1 unless told otherwise.",
            "The demo database lives in memory: changes are gone when the chat ends. --db is ignored.",
            "--web serves the shop to the web console instead (tabletalk serve --demo): open "
                    + "http://127.0.0.1:8080/ in a browser and choose who asks in its identity form."
        })
final class DemoCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print each reply as one JSON line.")
    boolean json;

    @Option(
            names = "--web",
            description = "Serve the demo shop to the web console in a browser instead of chatting here.")
    boolean web;

    @Option(names = "--host", description = "With --web: the address to bind (default: http.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "With --web: the port; 0 picks a free one (default: http.port, 8080).")
    Integer port;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (web) {
            return serveWeb();
        }
        if (host != null || port != null) {
            throw new ConfigurationException("--host and --port go with --web (tabletalk demo --web --port 8080)");
        }
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

    /** {@code serve --demo} with this command's settings: the identity is chosen in the browser, not here. */
    private int serveWeb() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--user", "--role", "--tenant", "--json")) {
            if (parsed.hasMatchedOption(option)) {
                throw new ConfigurationException("with --web, " + option + " does not apply: who asks is chosen in "
                        + "the browser's identity form, and replies are shown there");
            }
        }
        CommandLine serve = spec.root().commandLine().getSubcommands().get("serve");
        if (serve == null) {
            throw new ConfigurationException(
                    "demo --web needs the HTTP server of tabletalk.jar, which this command line does not include");
        }
        List<String> arguments = new ArrayList<>(List.of("--demo"));
        if (options.config != null) {
            arguments.addAll(List.of("--config", options.config.toString()));
        }
        for (CliSettings.Flag flag : options.flags()) {
            if (!flag.key().equals("database.url")) {
                arguments.addAll(List.of(flag.name(), flag.value()));
            }
        }
        if (host != null) {
            arguments.addAll(List.of("--host", host));
        }
        if (port != null) {
            arguments.addAll(List.of("--port", port.toString()));
        }
        return serve.execute(arguments.toArray(String[]::new));
    }
}
