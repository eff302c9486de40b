package dev.tabletalk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.in.PlanChecks;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabletalk plan MESSAGE}: how a message would be read, checked, and not run. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Print the validated plan for a message, or for each line of standard input when no "
                    + "message is given. Nothing is executed. The exit code is 3 when a plan would be refused."
        })
final class PlanCommand implements Callable<Integer> {

    private static final ObjectWriter JSON = StrictJson.writer();

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print each plan as one JSON line.")
    boolean json;

    @Option(names = "--demo", description = "Plan against the embedded demo shop instead of --db.")
    boolean demo;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "The message (quotes optional).")
    List<String> words = new ArrayList<>();

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UserContext user = options.user(demo ? Optional.of("1") : Optional.empty());
        List<String> messages = words.isEmpty() ? stdinLines() : List.of(String.join(" ", words));
        PrintWriter out = spec.commandLine().getOut();
        int exit = CliExitCodes.OK;
        CliSettings settings = TerminalProgress.open(
                context, spec.commandLine().getErr(), demo ? options.demoSettings() : options.targetSettings());
        try (Opened<TableTalkPorts> opened = context.opener().open(settings)) {
            PlanChecks checks = opened.ports().planChecks();
            for (String message : messages) {
                PlanCheck plan = checks.checkPlan(message, user);
                out.println(json ? toJsonLine(plan) : render(plan));
                out.flush();
                if (plan.refusal().isPresent()) {
                    exit = CliExitCodes.worse(
                            exit, CliExitCodes.ofRefusal(plan.refusal().get().code()));
                }
            }
        }
        return exit;
    }

    private List<String> stdinLines() {
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("standard input could not be read", e);
        }
        return lines;
    }

    static String toJsonLine(PlanCheck plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", plan.message());
        json.put("intent", plan.intent().wireName());
        json.put("entity", plan.entity().orElse(null));
        json.put("fields", ReplyWire.valueMap(plan.fields()));
        json.put("filters", ReplyWire.filters(plan.filters()));
        json.put("select", plan.select());
        json.put("orderBy", ReplyWire.orderBy(plan.orderBy()));
        json.put("limit", plan.limit().isPresent() ? plan.limit().getAsInt() : null);
        json.put("offset", plan.offset());
        // a keyset position comes only from paging a conversation ("show more", #13): one message planned alone
        // starts from the first row, so this is always null here; chat replies say where a page stands ("page")
        json.put("after", null);
        json.put("aggregate", ReplyWire.aggregate(plan.aggregate()));
        // #13: which rows of a soft-deleting entity a read counts; null for anything but a read
        json.put("deleted", plan.intent() == Intent.READ ? plan.deleted().wireName() : null);
        json.put("question", plan.question().map(ReplyWire::question).orElse(null));
        json.put("interpretation", plan.interpretation().orElse(null));
        json.put("refusal", plan.refusal().map(ReplyWire::refusal).orElse(null));
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as JSON", e);
        }
    }

    static String render(PlanCheck plan) {
        StringBuilder out = new StringBuilder();
        out.append("message: ").append(TerminalText.escape(plan.message())).append('\n');
        out.append("intent:  ").append(plan.intent().wireName()).append('\n');
        out.append("entity:  ")
                .append(TerminalText.escape(plan.entity().orElse("-")))
                .append('\n');
        if (!plan.fields().isEmpty()) {
            out.append("fields:  ")
                    .append(plan.fields().entrySet().stream()
                            .map(e -> TerminalText.escape(e.getKey()) + " = " + Values.quoted(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!plan.filters().isEmpty()) {
            out.append("filters: ")
                    .append(plan.filters().stream().map(PlanCommand::condition).collect(Collectors.joining(" and ")))
                    .append('\n');
        }
        if (!plan.select().isEmpty()) {
            out.append("select:  ")
                    .append(plan.select().stream().map(TerminalText::escape).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!plan.orderBy().isEmpty()) {
            out.append("order:   ")
                    .append(plan.orderBy().stream()
                            .map(sort -> TerminalText.escape(sort.field()) + (sort.descending() ? " desc" : " asc"))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (plan.limit().isPresent()) {
            out.append("limit:   ").append(plan.limit().getAsInt()).append('\n');
        }
        if (plan.offset() > 0) {
            out.append("offset:  ").append(plan.offset()).append('\n');
        }
        if (plan.intent() == Intent.READ && plan.deleted() != DeletedRows.EXCLUDED) {
            out.append("deleted: ").append(plan.deleted().wireName()).append('\n');
        }
        plan.aggregate()
                .ifPresent(aggregate -> out.append("aggregate: ")
                        .append(aggregate.fn().wireName())
                        .append('(')
                        .append(TerminalText.escape(aggregate.field().orElse("*")))
                        .append(')')
                        .append(
                                aggregate.groupBy().isEmpty()
                                        ? ""
                                        : " by "
                                                + aggregate.groupBy().stream()
                                                        .map(TerminalText::escape)
                                                        .collect(Collectors.joining(", ")))
                        .append('\n'));
        plan.question()
                .ifPresent(question -> out.append("question: ")
                        .append(TerminalText.escape(question.text()))
                        .append('\n')
                        .append(ReplyRenderer.question(question)));
        plan.interpretation()
                .ifPresent(line -> out.append("understood: ")
                        .append(TerminalText.escape(line))
                        .append('\n'));
        plan.refusal()
                .ifPresent(r -> out.append("refused: ")
                        .append(r.code().wireName())
                        .append(" - ")
                        .append(TerminalText.escape(r.message()))
                        .append('\n'));
        out.append("(nothing was run)\n");
        return out.toString();
    }

    private static String condition(Condition condition) {
        if (condition instanceof AnyOf anyOf) {
            return "any of ("
                    + anyOf.items().stream().map(PlanCommand::condition).collect(Collectors.joining(", ")) + ")";
        }
        if (condition instanceof Not not) {
            return "not (" + condition(not.item()) + ")";
        }
        if (condition instanceof Related related) {
            return TerminalText.escape(related.field()) + " in " + TerminalText.escape(related.entity()) + " where ("
                    + related.filters().stream().map(PlanCommand::condition).collect(Collectors.joining(" and "))
                    + ")";
        }
        return filter((Filter) condition);
    }

    private static String filter(Filter filter) {
        return TerminalText.escape(filter.field()) + " " + filter.op().symbol()
                + (filter.op().isNullCheck() ? "" : " " + Values.quoted(filter.value()));
    }
}
