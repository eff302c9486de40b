package dev.tabletalk.app;

import dev.tabletalk.cli.TableTalkCli;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * {@code java -jar tabletalk.jar}: the command line, wired to the launcher, plus {@code serve}, which wires the
 * HTTP adapter, and {@code admin}, its operator client.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Hibernate Validator (in the LLM planner) logs through jboss-logging: route it to slf4j, whose
        // configuration (warnings to stderr) keeps the chat clean
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        int exit = cli().execute(args);
        System.exit(exit);
    }

    /**
     * Runs one command as {@code main} does, on these streams and not on a terminal, and returns its exit code
     * instead of ending the JVM: for embedders that drive the command line and for tests.
     */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return cli().execute(in, out, err, false, args);
    }

    /**
     * The CLI adapter over the launcher, with the commands only the app can offer: {@code serve} starts HTTP,
     * {@code mcp} serves an AI assistant over stdio,
     * {@code init} drafts tabletalk.yaml from the schema.
     */
    private static TableTalkCli cli() {
        SettingsAssembly assembly = SettingsAssembly.ofProcess();
        LauncherConnector connector = new LauncherConnector(assembly);
        return TableTalkCli.create(connector)
                .withCommand(() -> new ServeCommand(connector::serve, assembly))
                .withCommand(() -> new McpCommand(connector, System.in, System.out))
                .withCommand(() -> ConfigCommand.create(assembly))
                .withCommand(InitCommand::new)
                .withCommand(() -> new AdminCommand(assembly.environment()::get));
    }
}
