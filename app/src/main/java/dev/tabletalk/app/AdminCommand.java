package dev.tabletalk.app;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.httpjavalin.OperatorClient;
import dev.tabletalk.httpjavalin.OperatorClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tabletalk admin}: the operator's acts on a running server, over its {@code /admin} routes. The operator
 * token comes from {@code TABLETALK_ADMIN_TOKEN} or {@code --token-file}, never from the command line (where
 * other users of the machine could read it). Exit codes: 0 done, 2 usage or a server without the operator token
 * or settings that do not validate, 4 token refused, 5 server or a dependency unreachable, 1 anything else.
 */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = {
            "Operator acts on a running server (tabletalk serve with TABLETALK_ADMIN_TOKEN set).",
            "The token is read from TABLETALK_ADMIN_TOKEN or --token-file, never from the command line."
        },
        subcommands = {AdminCommand.ReadOnly.class, AdminCommand.Reload.class})
final class AdminCommand implements Callable<Integer> {

    /** The operator token the server compares; the client sends it, read from the environment or a file. */
    static final String ADMIN_TOKEN_VARIABLE = "TABLETALK_ADMIN_TOKEN";

    static final int OK = 0;
    static final int SOFTWARE = 1;
    static final int USAGE = 2;
    static final int AUTH = 4;
    static final int UNAVAILABLE = 5;

    private final Function<String, String> environment;

    @Spec
    CommandSpec spec;

    /** @param environment reads an environment variable ({@code System::getenv}) */
    AdminCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** The server to call and where its token comes from: the options of every {@code admin} command. */
    static final class Server {

        @Option(
                names = "--url",
                paramLabel = "URL",
                defaultValue = "http://127.0.0.1:8080",
                description = "The server, http://host:port (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(
                names = "--token-file",
                paramLabel = "FILE",
                description = "A file holding the operator token (default: the TABLETALK_ADMIN_TOKEN variable).")
        Path tokenFile;
    }

    /** Runs {@code act} against the server, printing its line or the error's, and returns the exit code. */
    int run(CommandSpec command, Server server, Function<OperatorClient, String> act) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            OperatorClient client = OperatorClient.create(address(server.url), token(server.tokenFile));
            out.println(act.apply(client));
            out.flush();
            return OK;
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (OperatorClientException e) {
            err.println("error: " + e.getMessage());
            return switch (e.kind()) {
                case UNREACHABLE, UNAVAILABLE -> UNAVAILABLE;
                case UNAUTHORIZED -> AUTH;
                case NOT_ENABLED, REFUSED -> USAGE;
                case FAILED -> SOFTWARE;
            };
        } finally {
            err.flush();
        }
    }

    private static URI address(String url) {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--url takes the server's address, e.g. http://127.0.0.1:8080");
        }
    }

    private String token(Path tokenFile) {
        if (tokenFile != null) {
            try {
                String token =
                        Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new ConfigurationException("the token file " + tokenFile + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new ConfigurationException("the token file " + tokenFile + " cannot be read");
            }
        }
        return Optional.ofNullable(environment.apply(ADMIN_TOKEN_VARIABLE))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ConfigurationException(
                        "no operator token: set " + ADMIN_TOKEN_VARIABLE + " or give --token-file FILE"));
    }

    /** {@code tabletalk admin read-only on|off|status}. */
    @Command(
            name = "read-only",
            mixinStandardHelpOptions = true,
            description = {
                "Switch read-only mode (every write refused from the next turn of every session) on or off, or show it.",
                "Audited on the server as the operator's act."
            })
    static final class ReadOnly implements Callable<Integer> {

        @ParentCommand
        AdminCommand admin;

        @Spec
        CommandSpec spec;

        @Mixin
        Server server;

        @Parameters(paramLabel = "on|off|status", description = "on, off or status")
        String action;

        @Override
        public Integer call() {
            String what = action.strip().toLowerCase(Locale.ROOT);
            if (!what.equals("on") && !what.equals("off") && !what.equals("status")) {
                spec.commandLine().getErr().println("error: say on, off or status, not '" + action + "'");
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            return admin.run(spec, server, client -> {
                if (what.equals("status")) {
                    return "read-only mode is " + (client.readOnly() ? "on: every write is refused" : "off");
                }
                OperatorClient.Switched switched = client.switchReadOnly(what.equals("on"));
                return "read-only mode is " + (switched.on() ? "on: every write is refused" : "off")
                        + (switched.changed() ? "" : " (it already was)");
            });
        }
    }

    /** {@code tabletalk admin reload}. */
    @Command(
            name = "reload",
            mixinStandardHelpOptions = true,
            description = {
                "Re-read the settings and the catalog of a running server without a restart.",
                "Settings that do not validate are refused and the running ones stay. Audited on the server."
            })
    static final class Reload implements Callable<Integer> {

        @ParentCommand
        AdminCommand admin;

        @Spec
        CommandSpec spec;

        @Mixin
        Server server;

        @Override
        public Integer call() {
            return admin.run(spec, server, client -> {
                OperatorClient.Reloaded reloaded = client.reload();
                StringBuilder line = new StringBuilder("reloaded the ")
                        .append(reloaded.what())
                        .append(": ")
                        .append(reloaded.exposedEntities())
                        .append(" exposed entities; read-only mode ")
                        .append(reloaded.readOnly() ? "on" : "off");
                reloaded.notes()
                        .forEach(note -> line.append(System.lineSeparator()).append(note));
                return line.toString();
            });
        }
    }
}
