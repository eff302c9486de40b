package dev.tabletalk.core.macro;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.PlanTree;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named everyday request an operator configures once (#14): "deactivate customer 42" runs the plan template of
 * the macro {@code deactivate customer} with {@code id = 42}. The person types the name's words, then the argument
 * values in parameter order; missing ones are asked for.
 *
 * <p>The template is a plan in the {@code plan --json} shape ({@link PlanTree}) in which a string {@code "{param}"}
 * stands for a whole value (a field's value, a filter's value or one item of it, a limit or an offset), never for
 * a name or a part of a text. A {@link ParamType#MONTH month} parameter is the whole value of a {@code between}
 * filter, which it fills with its first and last day. A macro grants nothing: its plan is validated against the
 * caller's role, previewed and confirmed like any planned one.
 *
 * @param name the words that call it, e.g. {@code deactivate customer} (matched ignoring case and extra spaces)
 * @param description what it does, for a person ("Mark a customer inactive"); may be empty
 * @param params the parameters in the order their values are typed, name to type
 * @param plan the plan template, a tree of maps, lists, strings, numbers, booleans and nulls
 */
public record Macro(String name, String description, Map<String, ParamType> params, Map<String, Object> plan) {

    /** A parameter's place in a template: the whole string {@code {name}}. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Macro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(plan, "plan");
        name = name.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a macro needs a name");
        }
        Map<String, ParamType> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, ParamType> param : params.entrySet()) {
            if (!PARAM_NAME
                    .matcher(Objects.requireNonNull(param.getKey(), "parameter name"))
                    .matches()) {
                throw new IllegalArgumentException("macro '" + name + "': parameter name '" + param.getKey()
                        + "' is not a name (letters, digits and _, not starting with a digit)");
            }
            ordered.put(param.getKey(), Objects.requireNonNull(param.getValue(), "type of " + param.getKey()));
        }
        params = Collections.unmodifiableMap(ordered);
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) frozen(plan);
        plan = copy;
    }

    /** The name as matched: lower case, single spaces. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** How to call it: the name, then each parameter in angle brackets ("deactivate customer &lt;id&gt;"). */
    public String usage() {
        StringBuilder usage = new StringBuilder(name);
        params.keySet().forEach(p -> usage.append(" <").append(p).append('>'));
        return usage.toString();
    }

    /** The template's intent, when it names a valid one. */
    public Optional<Intent> intent() {
        return plan.get("intent") instanceof String s ? Intent.fromWireName(s) : Optional.empty();
    }

    /** The template's entity, when it names one. */
    public Optional<String> entity() {
        return plan.get("entity") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * The plan for these arguments: each {@code "{param}"} replaced by its value (a month in a {@code between} by
     * its first and last day, dates as ISO text). The plan is unvalidated, like a planner's proposal.
     *
     * @param arguments every parameter's value, of its type's Java type (see {@link ParamType#parse})
     * @throws IllegalArgumentException when an argument is missing or of the wrong type, or the template has a
     *     {@linkplain #problems problem}
     */
    public Plan toPlan(Map<String, ?> arguments) {
        for (Map.Entry<String, ParamType> param : params.entrySet()) {
            Object value = arguments.get(param.getKey());
            if (value == null || !fits(param.getValue(), value)) {
                throw new IllegalArgumentException(
                        "macro '" + name + "': no " + param.getValue().wireName() + " value for " + param.getKey());
            }
        }
        Substitution substitution = new Substitution(arguments);
        Object tree = substitution.node(plan, false);
        if (!substitution.problems.isEmpty()) {
            throw new IllegalArgumentException("macro '" + name + "': " + substitution.problems.get(0));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> filled = (Map<String, ?>) tree;
        return PlanTree.toPlan(filled);
    }

    /**
     * What is wrong with this macro, checked when TableTalk starts (empty when nothing is): a {@code "{param}"} not
     * declared or in a name's place, a declared parameter never used, a month anywhere but as a {@code between}'s
     * value, a template that is no plan, an entity or a field the catalog does not expose. Each problem names the
     * macro.
     *
     * @param catalog the operator's catalog (exposed entities and visible columns are what a macro may name)
     */
    public List<String> problems(EntityCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> samples = new LinkedHashMap<>();
        params.forEach((param, type) -> samples.put(param, sample(type)));
        Substitution substitution = new Substitution(samples);
        Object tree = substitution.node(plan, false);
        problems.addAll(substitution.problems);
        for (String param : params.keySet()) {
            if (!substitution.used.contains(param)) {
                problems.add("parameter '" + param + "' is declared but not used in the plan");
            }
        }
        if (problems.isEmpty()) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, ?> filled = (Map<String, ?>) tree;
                Plan sample = PlanTree.toPlan(filled);
                checkNames(sample, catalog, problems);
            } catch (IllegalArgumentException e) {
                problems.add("the plan is not in the plan --json shape: " + e.getMessage());
            }
        }
        return problems.stream().map(p -> "macro '" + name + "': " + p).toList();
    }

    private static void checkNames(Plan plan, EntityCatalog catalog, List<String> problems) {
        Optional<Entity> found = catalog.find(plan.entity());
        if (found.isEmpty()) {
            problems.add("unknown entity '" + plan.entity() + "'");
            return;
        }
        Entity entity = found.get();
        List<String> fields = new ArrayList<>();
        if (plan instanceof CreatePlan create) {
            fields.addAll(create.values().keySet());
        } else if (plan instanceof UpdatePlan update) {
            fields.addAll(update.changes().keySet());
        } else if (plan instanceof ReadPlan read) {
            fields.addAll(read.fields());
            read.aggregate().ifPresent(a -> {
                a.field().ifPresent(fields::add);
                fields.addAll(a.groupBy());
            });
            Optional<String> output = read.aggregate().map(a -> a.outputKey(columnNames(entity)));
            for (Sort sort : read.orderBy()) {
                if (output.filter(sort.field()::equalsIgnoreCase).isEmpty()) {
                    fields.add(sort.field());
                }
            }
        }
        checkFields(entity, fields, problems);
        checkConditions(entity, plan.filters(), catalog, problems);
    }

    private static void checkConditions(
            Entity entity, List<Condition> conditions, EntityCatalog catalog, List<String> problems) {
        for (Condition condition : conditions) {
            if (condition instanceof Filter filter) {
                checkFields(entity, List.of(filter.field()), problems);
            } else if (condition instanceof AnyOf anyOf) {
                checkConditions(entity, anyOf.items(), catalog, problems);
            } else if (condition instanceof Not not) {
                checkConditions(entity, List.of(not.item()), catalog, problems);
            } else if (condition instanceof Related related) {
                checkFields(entity, List.of(related.field()), problems);
                Optional<Entity> target = catalog.find(related.entity());
                if (target.isEmpty()) {
                    problems.add("unknown entity '" + related.entity() + "'");
                } else {
                    checkConditions(target.get(), related.filters(), catalog, problems);
                }
            }
        }
    }

    private static void checkFields(Entity entity, Collection<String> fields, List<String> problems) {
        for (String field : fields) {
            if (entity.visibleColumn(field).isEmpty()) {
                problems.add("unknown field '" + field + "' of " + entity.name());
            }
        }
    }

    private static List<String> columnNames(Entity entity) {
        return entity.visibleColumns().stream().map(c -> c.name()).toList();
    }

    private static Object sample(ParamType type) {
        return switch (type) {
            case INTEGER -> 1L;
            case NUMBER -> BigDecimal.ONE;
            case TEXT -> "x";
            case DATE -> LocalDate.of(2000, 1, 1);
            case MONTH -> YearMonth.of(2000, 1);
        };
    }

    private static boolean fits(ParamType type, Object value) {
        return switch (type) {
            case INTEGER -> value instanceof Long;
            case NUMBER -> value instanceof BigDecimal;
            case TEXT -> value instanceof String;
            case DATE -> value instanceof LocalDate;
            case MONTH -> value instanceof YearMonth;
        };
    }

    /** An unmodifiable deep copy of a template tree (nulls kept: JSON null means "none" or SQL NULL). */
    private static Object frozen(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), frozen(value)));
            return Collections.unmodifiableMap(copy);
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        return node;
    }

    /** One pass over a template: placeholders replaced, misplaced or unknown ones collected as problems. */
    private final class Substitution {
        private final Map<String, ?> arguments;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> used = new LinkedHashSet<>();

        Substitution(Map<String, ?> arguments) {
            this.arguments = arguments;
        }

        /** {@code node} with its placeholders replaced; {@code isValue}: a value's place, not a name's. */
        Object node(Object node, boolean isValue) {
            if (node instanceof Map<?, ?> map
                    && map.size() == 1
                    && params.containsKey(String.valueOf(map.keySet().iterator().next()))
                    && map.values().iterator().next() == null) {
                // YAML reads an unquoted {param} as a mapping {param: null}
                String param = String.valueOf(map.keySet().iterator().next());
                used.add(param);
                problems.add("write \"{" + param + "}\" in quotes: unquoted, YAML reads {" + param + "} as a mapping");
                return node;
            }
            if (node instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                boolean between = "between".equals(map.get("op"));
                map.forEach((key, value) -> {
                    String k = String.valueOf(key);
                    if (k.equals("value") && between && value instanceof String s && month(s).isPresent()) {
                        out.put(k, month(s).get());
                    } else if (k.equals("fields") && value instanceof Map<?, ?> fields) {
                        Map<String, Object> filled = new LinkedHashMap<>();
                        fields.forEach((field, v) -> filled.put(String.valueOf(field), node(v, true)));
                        out.put(k, filled);
                    } else {
                        out.put(
                                k,
                                node(value, isValue || k.equals("value") || k.equals("limit") || k.equals("offset")));
                    }
                });
                return out;
            }
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                list.forEach(item -> out.add(node(item, isValue)));
                return out;
            }
            if (node instanceof String text) {
                return text(text, isValue);
            }
            return node;
        }

        private Object text(String text, boolean isValue) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (!whole.matches()) {
                Matcher inside = PLACEHOLDER.matcher(text);
                if (inside.find() && params.containsKey(inside.group(1))) {
                    used.add(inside.group(1));
                    problems.add("'" + inside.group() + "' must be a whole value, not part of the text '" + text + "'");
                }
                return text;
            }
            String param = whole.group(1);
            ParamType type = params.get(param);
            if (type == null) {
                problems.add("'" + text + "' is not a declared parameter (declared: "
                        + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")");
                return text;
            }
            used.add(param);
            if (!isValue) {
                problems.add("'" + text + "' stands where a name belongs; a parameter may stand only for a value");
                return text;
            }
            if (type == ParamType.MONTH) {
                problems.add("month parameter '" + param + "' may only be the whole value of a between filter");
                return text;
            }
            Object value = arguments.get(param);
            return value instanceof LocalDate date ? date.toString() : value;
        }

        /** The first and last day of the month {@code text} names as a month parameter, as ISO dates. */
        private Optional<List<Object>> month(String text) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (!whole.matches() || params.get(whole.group(1)) != ParamType.MONTH) {
                return Optional.empty();
            }
            used.add(whole.group(1));
            YearMonth month = (YearMonth) arguments.get(whole.group(1));
            return Optional.of(
                    List.of(month.atDay(1).toString(), month.atEndOfMonth().toString()));
        }
    }
}
