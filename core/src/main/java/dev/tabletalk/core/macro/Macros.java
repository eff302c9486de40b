package dev.tabletalk.core.macro;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.policy.RolePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The macros of one TableTalk, and how a message calls one: the macro's name (ignoring case and extra spaces,
 * optionally after "run"), then the argument values in parameter order, separated by spaces. The last parameter
 * takes the rest of the message ("revenue in month March 2025"); a text before it is one word or a quoted text; a
 * month before it is two words ("March 2025") or one ("2025-03"). A value may be preceded by its parameter's name
 * ("deactivate customer id 42"). When names overlap, the longest one wins. A macro without parameters matches only
 * its name alone ("revenue today" is no call of the macro "revenue"). Immutable and thread-safe.
 */
public final class Macros {

    /**
     * The planner name a macro's turn is audited with (the trace's model is the macro's name): no planner read the
     * message, so replaying it through a planner tells nothing.
     */
    public static final String AUDIT_PLANNER = "macro";

    private static final Macros NONE = new Macros(List.of());

    private final List<Macro> macros;
    private final List<Macro> longestFirst;

    private Macros(List<Macro> macros) {
        this.macros = List.copyOf(macros);
        this.longestFirst = this.macros.stream()
                .sorted(Comparator.comparingInt((Macro m) -> m.key().length()).reversed())
                .toList();
    }

    /**
     * These macros.
     *
     * @throws IllegalArgumentException when two have the same name (ignoring case)
     */
    public static Macros of(List<Macro> macros) {
        Set<String> seen = new HashSet<>();
        for (Macro macro : macros) {
            if (!seen.add(macro.key())) {
                throw new IllegalArgumentException("two macros are called '" + macro.name() + "'");
            }
        }
        return macros.isEmpty() ? NONE : new Macros(macros);
    }

    /** No macros. */
    public static Macros none() {
        return NONE;
    }

    /** The macros in the order given. */
    public List<Macro> all() {
        return macros;
    }

    public boolean isEmpty() {
        return macros.isEmpty();
    }

    /** The macro with this name (ignoring case and extra spaces). */
    public Optional<Macro> find(String name) {
        String key = name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return macros.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /**
     * The macros {@code role} may run on {@code catalog} (the caller's view): those whose entity the catalog exposes
     * and whose intent the role allows on it. A macro grants nothing the role lacks, so the others are not offered.
     */
    public List<Macro> usableBy(String role, EntityCatalog catalog, RolePolicy roles) {
        List<Macro> usable = new ArrayList<>();
        for (Macro macro : macros) {
            if (macro.intent().isEmpty() || macro.entity().isEmpty()) {
                continue;
            }
            Optional<Entity> entity = catalog.find(macro.entity().get());
            if (entity.isPresent() && roles.allows(role, macro.intent().get(), catalog.referenceOf(entity.get()))) {
                usable.add(macro);
            }
        }
        return usable;
    }

    /** What is wrong with any of these macros against {@code catalog} (see {@link Macro#problems}). */
    public List<String> problems(EntityCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (Macro macro : macros) {
            problems.addAll(macro.problems(catalog));
        }
        return problems;
    }

    /** The macro {@code message} calls, with what it gives of the arguments; empty when it calls none. */
    public Optional<MacroMatch> match(String message) {
        String text = message.strip().replaceAll("\\s+", " ").replaceAll("[.!]+$", "");
        String lower = text.toLowerCase(Locale.ROOT);
        for (String lead : List.of("please run ", "run ", "")) {
            if (!lower.startsWith(lead)) {
                continue;
            }
            for (Macro macro : longestFirst) {
                int end = lead.length() + macro.key().length();
                boolean named = lower.startsWith(macro.key(), lead.length())
                        && (lower.length() == end || lower.charAt(end) == ' ');
                // words after a macro that takes none make another request, for the planner to read
                if (named && (!macro.params().isEmpty() || lower.length() == end)) {
                    return Optional.of(arguments(macro, new LinkedHashMap<>(), 0, text.substring(end)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The arguments {@code text} gives from the parameter {@code from} on (in parameter order), after {@code given}:
     * the answer to the question for a missing argument.
     */
    public static MacroMatch arguments(Macro macro, Map<String, Object> given, int from, String text) {
        Objects.requireNonNull(macro, "macro");
        Map<String, Object> arguments = new LinkedHashMap<>(given);
        List<Map.Entry<String, ParamType>> params =
                new ArrayList<>(macro.params().entrySet());
        String rest = text.strip();
        for (int i = from; i < params.size(); i++) {
            String param = params.get(i).getKey();
            ParamType type = params.get(i).getValue();
            rest = withoutName(rest, param);
            if (rest.isEmpty()) {
                return new MacroMatch.Missing(macro, arguments, param);
            }
            String typed = i == params.size() - 1 ? rest : head(rest, type);
            Optional<Object> value = type.parse(typed);
            if (value.isEmpty()) {
                return new MacroMatch.BadValue(macro, arguments, param, typed);
            }
            arguments.put(param, value.get());
            rest = rest.substring(typed.length()).strip();
        }
        if (!rest.isEmpty()) {
            // an answer for a macro without parameters
            return new MacroMatch.BadValue(macro, arguments, "(none)", rest);
        }
        return new MacroMatch.Complete(macro, arguments);
    }

    /** {@code rest} without a leading "param" (or "param =", "param:") that names the parameter. */
    private static String withoutName(String rest, String param) {
        String lower = rest.toLowerCase(Locale.ROOT);
        String name = param.toLowerCase(Locale.ROOT);
        if (lower.startsWith(name + " ") || lower.startsWith(name + "=") || lower.startsWith(name + ":")) {
            String after = rest.substring(name.length()).strip();
            after = after.startsWith("=") || after.startsWith(":")
                    ? after.substring(1).strip()
                    : after;
            if (!after.isEmpty()) {
                return after;
            }
        }
        return rest;
    }

    /** The first value of {@code type} at the start of {@code rest}, as typed. */
    private static String head(String rest, ParamType type) {
        char first = rest.charAt(0);
        if (type == ParamType.TEXT && (first == '"' || first == '\'')) {
            int close = rest.indexOf(first, 1);
            if (close > 0) {
                return rest.substring(0, close + 1);
            }
        }
        String[] words = rest.split(" ", 3);
        if (type == ParamType.MONTH
                && words.length >= 2
                && type.parse(words[0] + " " + words[1]).isPresent()) {
            return words[0] + " " + words[1];
        }
        return words[0];
    }
}
