package dev.tabletalk.app;

import dev.tabletalk.cli.TableTalkCli;

/** {@code java -jar tabletalk.jar}: the command line, wired to the launcher. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exit = TableTalkCli.create(new LauncherConnector()).execute(args);
        System.exit(exit);
    }
}
