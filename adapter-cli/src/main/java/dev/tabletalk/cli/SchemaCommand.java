package dev.tabletalk.cli;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.in.OperatorCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabletalk schema}: what TableTalk exposes of a database, what it hides and why, and the macros. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Print the catalog: exposed tables with their forms (what can be added, changed and "
                    + "filtered), and hidden ones with the reason. This is the operator's view."
        })
final class SchemaCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print the catalog as JSON.")
    boolean json;

    @Option(names = "--demo", description = "Show the embedded demo shop's catalog instead of --db.")
    boolean demo;

    SchemaCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CliSettings settings = TerminalProgress.open(
                context, spec.commandLine().getErr(), demo ? options.demoSettings() : options.targetSettings());
        try (Opened<TableTalkPorts> opened = context.opener().open(settings)) {
            OperatorCatalog catalog = opened.ports().operatorCatalog();
            out.println(json ? catalog.schemaJson() : render(catalog.schema(), catalog.tenancies(), catalog.macros()));
            out.flush();
        }
        return CliExitCodes.OK;
    }

    static String render(EntityCatalog catalog, Tenancies tenancies) {
        return render(catalog, tenancies, List.of());
    }

    /** The catalog, then the macros (#14) when there are any: usage, what it does, and its intent and entity. */
    static String render(EntityCatalog catalog, Tenancies tenancies, List<Macro> macros) {
        List<Entity> exposed = new ArrayList<>();
        List<Entity> hidden = new ArrayList<>();
        for (Entity entity : catalog.entities()) {
            (entity.exposure().isVisible() ? exposed : hidden).add(entity);
        }
        StringBuilder out = new StringBuilder();
        tenancies
                .misconfiguration()
                .ifPresent(warning -> out.append("WARNING: ").append(warning).append('\n'));
        out.append("Exposed (").append(exposed.size()).append("):\n");
        for (Entity entity : exposed) {
            out.append("  ")
                    .append(TerminalText.escape(catalog.referenceOf(entity)))
                    .append("  [")
                    .append(entity.exposure() == Exposure.READ_WRITE ? "read-write" : "read-only")
                    .append("]  ")
                    .append(TerminalText.escape(entity.reason()))
                    .append('\n');
            Form form = entity.form();
            line(out, "tenancy", List.of(tenancies.of(entity).describe()));
            line(out, "read", form.readNames());
            if (entity.exposure() == Exposure.READ_WRITE) {
                List<String> create = new ArrayList<>();
                form.createRequiredNames().forEach(name -> create.add(name + "*"));
                create.addAll(form.createOptionalNames());
                line(out, "create", create);
                line(out, "update", form.updateNames());
            }
            line(out, "filter", form.filterNames());
            List<String> hiddenColumns = entity.columns().stream()
                    .filter(c -> entity.visibleColumn(c.name()).isEmpty())
                    .map(c -> c.name())
                    .toList();
            line(out, "hidden", hiddenColumns);
        }
        out.append("Hidden (").append(hidden.size()).append("):\n");
        for (Entity entity : hidden) {
            out.append("  ")
                    .append(TerminalText.escape(
                            (entity.schema().isEmpty() ? "" : entity.schema() + ".") + entity.name()))
                    .append("  ")
                    .append(TerminalText.escape(entity.reason()))
                    .append('\n');
        }
        if (!macros.isEmpty()) {
            out.append("Macros (").append(macros.size()).append("):\n");
            for (Macro macro : macros) {
                out.append("  ").append(TerminalText.escape(macro.usage()));
                if (!macro.description().isBlank()) {
                    out.append("  ").append(TerminalText.escape(macro.description()));
                }
                out.append("  [")
                        .append(macro.intent().map(Intent::wireName).orElse("?"))
                        .append(' ')
                        .append(TerminalText.escape(macro.entity().orElse("?")))
                        .append("]\n");
            }
        }
        out.append("(* = required when adding)");
        return out.toString();
    }

    private static void line(StringBuilder out, String label, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        out.append("      ")
                .append(String.format(Locale.ROOT, "%-7s", label))
                .append(TerminalText.escape(String.join(", ", names)))
                .append('\n');
    }
}
