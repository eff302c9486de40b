package dev.tabletalk.app;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.launcher.ConfigDraft;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tabletalk init}: drafts {@code tabletalk.yaml} from a database ({@link ConfigDraft}). A command of the
 * app: it reads the schema through the launcher, which the CLI adapter does not know.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Read a database's schema and write a commented tabletalk.yaml: every table and view with the exposure "
                    + "TableTalk chose and why, its masked and hidden columns, its tenancy, and the built-in roles, "
                    + "ready to edit. Loaded unchanged, the file gives the same catalog. The password is written only "
                    + "as ${env:TABLETALK_DB_PASSWORD}.",
            "Refuses to replace an existing file unless --force. Exit code 2 for a bad URL or an existing file, 5 "
                    + "when the database cannot be read."
        })
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "URL",
            defaultValue = "${env:TABLETALK_DB_URL}",
            description = "The database to read (default: the TABLETALK_DB_URL environment variable). The password "
                    + "is read from TABLETALK_DB_PASSWORD when set.")
    String database;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "tabletalk.yaml",
            description = "The file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Option(
            names = "--tenant-column",
            paramLabel = "COLUMN",
            defaultValue = "company_id",
            description = "The column that ties rows to a tenant (default: ${DEFAULT-VALUE}).")
    String tenantColumn;

    @Override
    public Integer call() {
        String url = Optional.ofNullable(database)
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .orElseThrow(() -> new ConfigurationException("no database: give --db URL or set TABLETALK_DB_URL"));
        if (tenantColumn == null || tenantColumn.isBlank()) {
            throw new ConfigurationException("--tenant-column needs a column name, e.g. company_id");
        }
        // checked before connecting: an operator's edited file is never lost to a second init
        if (Files.exists(out) && !force) {
            throw new ConfigurationException(
                    out + " already exists: edit it, choose another file with --out, or replace it with --force");
        }
        String variable = LauncherConnector.PASSWORD_VARIABLE;
        String password = System.getenv(variable);
        ConfigDraft draft = ConfigDraft.fromDatabase(
                url,
                password == null || password.isEmpty() ? Optional.empty() : Optional.of(variable),
                tenantColumn.strip());
        write(draft.yaml());
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("wrote " + out + ": " + draft.exposedEntities() + " exposed and " + draft.hiddenEntities()
                + " hidden tables and views. Edit it to tighten what people may see and change.");
        printer.flush();
        return 0; // the CLI's exit code for ok
    }

    private void write(String text) {
        Path target = out.toAbsolutePath();
        try {
            Path directory = target.getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            // written beside the target, then moved: a failed write leaves no half file
            Path temporary = Files.createTempFile(directory, ".tabletalk-init", ".yaml");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot write " + out + ": check the directory exists and is writable");
        }
    }
}
