package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.cli.CommonOptions;
import dev.tabletalk.cli.Opened;
import dev.tabletalk.cli.ReplyOptions;
import dev.tabletalk.cli.TableTalkOpener;
import dev.tabletalk.cli.TableTalkPorts;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.mcp.TableTalkMcp;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tabletalk mcp}: TableTalk as an MCP server over stdio for one AI assistant (#16). The identity is the
 * operator's flags (or the file), never the model's; logs go to stderr, stdout carries protocol messages only.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve TableTalk to an AI assistant (an MCP client) over stdio: newline-delimited JSON-RPC on standard "
                    + "input and output; logs go to standard error.",
            "The assistant may read and preview; deleting is impossible, and a write runs only when the person "
                    + "confirms it in the client's own prompt (MCP elicitation), never because the model says so. "
                    + "The identity (--user, --role, --tenant) is fixed here. Ends when standard input closes."
        })
final class McpCommand implements Callable<Integer> {

    private final TableTalkOpener opener;
    private final InputStream in;
    private final OutputStream out;

    @Mixin
    CommonOptions options;

    @Mixin
    ReplyOptions replyOptions;

    /**
     * @param opener opens TableTalk with the command's settings
     * @param in the client's messages (the process's standard input)
     * @param out the server's messages (the process's standard output, nothing else is written there)
     */
    McpCommand(TableTalkOpener opener, InputStream in, OutputStream out) {
        this.opener = opener;
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        UserContext cli = options.user(Optional.empty());
        UserContext user = new UserContext(cli.userId(), cli.role(), cli.tenantId(), Map.of("channel", "mcp"));
        CliSettings settings = options.targetSettings().withFlags(replyOptions.flags());
        try (Opened<TableTalkPorts> opened = opener.open(settings)) {
            TableTalkPorts ports = opened.ports();
            TableTalkMcp.create(ports.conversations(), ports.catalogView(), "0.1.0")
                    .serveStdio(user, in, out);
        }
        return 0;
    }
}
