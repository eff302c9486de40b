package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.validation.Coerced;
import dev.tabletalk.core.validation.ValueCoercion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a parsed answer against the schema view: names must be exposed entities and visible columns,
 * each field must be allowed for its use (create, update, filter), operators must be core {@link Op}
 * symbols that fit the column type, and values must coerce to the column type ({@link ValueCoercion}, the
 * engine's own rule). Names come back as the schema spells them; values stay as the model gave them
 * (JSON types): the engine validates the plan again before anything runs.
 *
 * <p>Error texts go back to the model on a retry. They name only what the model itself wrote or what the
 * schema view shows, so they can never reveal a hidden name.
 */
final class SchemaCheck {

    private static final int MAX_NAME_LIST = 40;

    /** The most filters one answer may hold, counted over every condition tree: the engine's default limit. */
    static final int MAX_CONDITIONS = 20;

    private SchemaCheck() {}

    /** Stage A's verdict. */
    sealed interface Stage {}

    /** The message asks to delete: refused, never mapped to another intent. */
    record Delete() implements Stage {}

    /** An intent and, if named, an exposed entity (by its reference). */
    record Target(Intent intent, Optional<EntityView> entity) implements Stage {}

    /** What was wrong. */
    record Errors(List<String> errors) implements Stage {}

    static Stage intent(Answers.IntentAnswer answer, SchemaView schema) {
        if (answer.intent().equals("delete")) {
            return new Delete();
        }
        Intent intent = Intent.fromWireName(answer.intent())
                .orElseThrow(() -> new IllegalStateException("the answer shape allows no intent " + answer.intent()));
        String named = answer.entity() == null ? "" : answer.entity().strip();
        if (named.isEmpty() || named.equalsIgnoreCase("null") || named.equalsIgnoreCase("none")) {
            return new Target(intent, Optional.empty());
        }
        Optional<EntityView> entity = entity(schema, named);
        if (entity.isEmpty()) {
            return new Errors(List.of("entity '" + clip(named) + "' is not in the list of entities; use a name "
                    + "exactly as listed, or null when none fits"));
        }
        return new Target(intent, entity);
    }

    /** An exposed entity by its reference: exact, or a unique case-insensitive match. */
    static Optional<EntityView> entity(SchemaView schema, String named) {
        Optional<EntityView> exact = schema.entity(named);
        if (exact.isPresent()) {
            return exact;
        }
        List<EntityView> folded = schema.entities().stream()
                .filter(e -> e.name().equalsIgnoreCase(named))
                .toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /**
     * Stage B's checked result: canonical names, the model's values.
     *
     * @param fields values to set
     * @param filters the condition trees
     * @param orderBy a read's ordering
     * @param limit a read's row count
     * @param select the columns a read shows; empty for the default view
     * @param offset the rows a read skips
     * @param aggregate a read's aggregate
     * @param deleted which rows of an entity with a soft-delete marker a read counts
     * @param question a clarifying question instead of a plan (#13), its choices checked one by one
     */
    record Detail(
            Map<String, Object> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            List<String> select,
            int offset,
            Optional<Aggregate> aggregate,
            DeletedRows deleted,
            Optional<QuestionCheck.Asked> question) {

        Detail {
            fields = PlanValues.copyOf(fields);
            filters = List.copyOf(filters);
            orderBy = List.copyOf(orderBy);
            select = List.copyOf(select);
            Objects.requireNonNull(deleted, "deleted");
            Objects.requireNonNull(question, "question");
        }

        /** Only a question: the plans are in its choices. */
        static Detail asking(QuestionCheck.Asked question) {
            return new Detail(
                    Map.of(),
                    List.of(),
                    List.of(),
                    OptionalInt.empty(),
                    List.of(),
                    0,
                    Optional.empty(),
                    DeletedRows.EXCLUDED,
                    Optional.of(question));
        }

        /** The leaves of the conditions, depth first, those inside relationships included (all are values). */
        List<Filter> leaves() {
            List<Filter> leaves = new ArrayList<>();
            collect(filters, leaves);
            return leaves;
        }

        private static void collect(List<Condition> conditions, List<Filter> leaves) {
            for (Condition condition : conditions) {
                if (condition instanceof Related related) {
                    collect(related.filters(), leaves);
                } else if (condition instanceof AnyOf anyOf) {
                    collect(anyOf.items(), leaves);
                } else if (condition instanceof Not not) {
                    collect(List.of(not.item()), leaves);
                } else {
                    leaves.add((Filter) condition);
                }
            }
        }
    }

    /**
     * Checks stage B's answer for this intent and entity.
     *
     * @param answering the message answers the engine's question: only fields, as for the draft's intent
     * @return the checked detail, or the errors to tell the model
     */
    static Result detail(Answers.DetailAnswer answer, Intent intent, EntityView entity, boolean answering) {
        return detail(answer, intent, entity, answering, new SchemaView("", List.of(entity)));
    }

    /**
     * Checks stage B's answer for this intent and entity; a relationship filter ({@code via}) may name only
     * entities of {@code schema}, the view the model was shown.
     */
    static Result detail(
            Answers.DetailAnswer answer, Intent intent, EntityView entity, boolean answering, SchemaView schema) {
        if (answer.question() != null) {
            return QuestionCheck.check(answer, intent, entity, answering, schema);
        }
        List<String> errors = new ArrayList<>();
        DeletedRows deleted = deleted(answer, intent, entity, answering, errors);
        Map<String, Object> fields = new LinkedHashMap<>();
        answer.fieldsOrEmpty()
                .forEach((name, value) -> field(entity, intent, name, value, errors)
                        .ifPresent(column -> {
                            if (fields.containsKey(column.name())) {
                                errors.add("field '" + column.name() + "' is given twice");
                            }
                            fields.put(column.name(), value);
                        }));
        if (intent == Intent.READ && !answering && !answer.fieldsOrEmpty().isEmpty()) {
            errors.add("a read sets no fields: put conditions in filters and leave fields {}");
        }
        List<Condition> filters = new ArrayList<>();
        int leaves = answer.filtersOrEmpty().stream()
                .mapToInt(c -> c.leaves().size())
                .sum();
        if (answering && !answer.filtersOrEmpty().isEmpty()) {
            errors.add("the person is answering a question: put the values in fields and leave filters []");
        } else if (intent == Intent.CREATE && !answer.filtersOrEmpty().isEmpty()) {
            errors.add("a create has no filters: put the values in fields and leave filters []");
        } else if (leaves > MAX_CONDITIONS) {
            errors.add("too many conditions: at most " + MAX_CONDITIONS + " filters in all");
        } else {
            for (ConditionAnswer condition : answer.filtersOrEmpty()) {
                if (intent != Intent.READ && condition instanceof ConditionAnswer.ViaAnswer) {
                    errors.add("a relationship filter (via) is for reads only; pick the rows to " + intent.wireName()
                            + " by their own fields");
                    continue;
                }
                condition(schema, entity, condition, errors).ifPresent(filters::add);
            }
        }
        ReadCheck.Read read = ReadCheck.check(answer, intent, answering, entity, errors);
        return errors.isEmpty()
                ? new Result(
                        Optional.of(new Detail(
                                fields,
                                filters,
                                read.orderBy(),
                                read.limit(),
                                read.select(),
                                read.offset(),
                                read.aggregate(),
                                deleted,
                                Optional.empty())),
                        List.of())
                : new Result(Optional.empty(), errors);
    }

    /** Either a detail or errors. */
    record Result(Optional<Detail> detail, List<String> errors) {
        Result {
            errors = List.copyOf(errors);
        }
    }

    /** Which rows a read counts: only a read of an entity with a soft-delete marker may ask for deleted ones. */
    private static DeletedRows deleted(
            Answers.DetailAnswer answer, Intent intent, EntityView entity, boolean answering, List<String> errors) {
        DeletedRows rows = answer.deleted() == null
                ? DeletedRows.EXCLUDED
                : DeletedRows.fromWireName(answer.deleted()).orElse(DeletedRows.EXCLUDED);
        if (rows == DeletedRows.EXCLUDED) {
            return rows;
        }
        if (intent != Intent.READ || answering) {
            errors.add("deleted is only for reads; leave it out");
        } else if (entity.softDelete().isEmpty()) {
            errors.add(entity.name() + " keeps no deleted rows; leave deleted out");
        }
        return rows;
    }

    private static Optional<ColumnView> field(
            EntityView entity, Intent intent, String name, Object value, List<String> errors) {
        Optional<ColumnView> found = visible(entity, name, errors);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ColumnView column = found.get();
        boolean allowed = switch (intent) {
            case CREATE -> column.has(FieldRole.CREATE_REQUIRED) || column.has(FieldRole.CREATE_OPTIONAL);
            case UPDATE -> column.has(FieldRole.UPDATE);
            default ->
                column.has(FieldRole.CREATE_REQUIRED)
                        || column.has(FieldRole.CREATE_OPTIONAL)
                        || column.has(FieldRole.UPDATE);
        };
        if (!allowed) {
            errors.add("field '" + column.name() + "' cannot be set in " + (intent == Intent.UPDATE ? "an " : "a ")
                    + intent.wireName() + " of "
                    + entity.name() + "; settable fields: " + names(settable(entity, intent)));
            return Optional.empty();
        }
        if (value instanceof List || value instanceof Map) {
            errors.add("field '" + column.name() + "' takes a single value, not a list or an object");
            return Optional.empty();
        }
        if (value != null) {
            coerce(column, value, errors);
        }
        return found;
    }

    /** A condition tree with canonical names; empty when some part of it is wrong (every error is added). */
    private static Optional<Condition> condition(
            SchemaView schema, EntityView entity, ConditionAnswer answer, List<String> errors) {
        if (answer instanceof ConditionAnswer.NotAnswer not) {
            return condition(schema, entity, not.item(), errors).map(Not::new);
        }
        if (answer instanceof ConditionAnswer.ViaAnswer via) {
            return related(schema, entity, via, errors);
        }
        if (answer instanceof ConditionAnswer.AnyOfAnswer anyOf) {
            List<Condition> items = new ArrayList<>();
            boolean complete = true;
            for (ConditionAnswer item : anyOf.items()) {
                Optional<Condition> checked = condition(schema, entity, item, errors);
                checked.ifPresent(items::add);
                complete &= checked.isPresent();
            }
            return complete ? Optional.of(new AnyOf(items)) : Optional.empty();
        }
        return filter(entity, (ConditionAnswer.FilterAnswer) answer, errors).map(Condition.class::cast);
    }

    /**
     * A relationship filter: {@code field} must be a visible filter field of {@code entity} whose foreign key points
     * at the via entity, and that entity one of the view (a hidden one gets the answer of one that does not exist);
     * its own filters are checked against it, as far as they go.
     */
    private static Optional<Condition> related(
            SchemaView schema, EntityView entity, ConditionAnswer.ViaAnswer via, List<String> errors) {
        Optional<ColumnView> found = visible(entity, via.field(), errors);
        Optional<EntityView> target = entity(schema, via.entity().strip());
        if (target.isEmpty()) {
            errors.add("via entity '" + clip(via.entity()) + "' is not in the list of entities");
        }
        if (found.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        ColumnView column = found.get();
        if (!column.has(FieldRole.FILTER)) {
            errors.add("rows of " + entity.name() + " cannot be picked by '" + column.name() + "'");
            return Optional.empty();
        }
        if (!column.references().equals(Optional.of(target.get().name()))) {
            List<String> keys = entity.columns().stream()
                    .filter(c -> c.references().isPresent() && c.has(FieldRole.FILTER))
                    .map(c -> c.name() + " -> " + c.references().get())
                    .toList();
            errors.add("'" + column.name() + "' of " + entity.name() + " does not point at "
                    + target.get().name() + "; a via follows a foreign key: " + names(keys));
            return Optional.empty();
        }
        List<Condition> items = new ArrayList<>();
        boolean complete = true;
        for (ConditionAnswer item : via.filters()) {
            Optional<Condition> checked = condition(schema, target.get(), item, errors);
            checked.ifPresent(items::add);
            complete &= checked.isPresent();
        }
        return complete ? Optional.of(new Related(column.name(), target.get().name(), items)) : Optional.empty();
    }

    private static Optional<Filter> filter(
            EntityView entity, ConditionAnswer.FilterAnswer answer, List<String> errors) {
        Optional<Op> op = Op.fromSymbol(answer.op().strip());
        if (op.isEmpty()) {
            errors.add("op '" + clip(answer.op()) + "' is not allowed; use one of " + Prompts.OPS);
            return Optional.empty();
        }
        Optional<ColumnView> found = visible(entity, answer.field(), errors);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ColumnView column = found.get();
        if (!column.has(FieldRole.FILTER)) {
            errors.add("rows of " + entity.name() + " cannot be picked by '" + column.name()
                    + "'; filter fields: "
                    + names(entity.columns().stream()
                            .filter(c -> c.has(FieldRole.FILTER))
                            .map(ColumnView::name)
                            .toList()));
            return Optional.empty();
        }
        Op symbol = op.get();
        Object value = answer.value();
        String where = "filter on '" + column.name() + "' with " + symbol.symbol();
        if (symbol.isNullCheck()) {
            if (value != null) {
                errors.add(where + " takes no value; give \"value\": null");
                return Optional.empty();
            }
            return Optional.of(new Filter(column.name(), symbol, null));
        }
        if (value == null) {
            errors.add(where + " needs a value (use is_null to find empty ones)");
            return Optional.empty();
        }
        if (symbol.isTextMatch()
                && (column.type() != ValueType.TEXT || !column.enumValues().isEmpty() || !(value instanceof String))) {
            errors.add(where + ": " + symbol.symbol() + " works only on text fields, with a text value");
            return Optional.empty();
        }
        if (symbol.isOrdering()
                && (!column.type().isOrdered() || !column.enumValues().isEmpty())) {
            errors.add(where + ": " + column.name() + " cannot be compared with " + symbol.symbol());
            return Optional.empty();
        }
        boolean pair = symbol.arity() == Op.Arity.PAIR;
        if (pair || symbol.arity() == Op.Arity.LIST) {
            if (!(value instanceof List<?> items) || items.isEmpty() || (pair && items.size() != 2)) {
                errors.add(where + " needs a JSON array of " + (pair ? "exactly two values" : "values"));
                return Optional.empty();
            }
            for (Object item : items) {
                if (item == null || item instanceof List || item instanceof Map) {
                    errors.add(where + ": each value must be a single, non-null value");
                    return Optional.empty();
                }
                if (!coerce(column, item, errors)) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Filter(column.name(), symbol, List.copyOf(items)));
        }
        if (value instanceof List || value instanceof Map) {
            errors.add(where + " takes a single value, not a list or an object");
            return Optional.empty();
        }
        if (!symbol.isTextMatch() && !coerce(column, value, errors)) {
            return Optional.empty();
        }
        return Optional.of(new Filter(column.name(), symbol, value));
    }

    /** A visible column by name: exact, or a unique case-insensitive match; else an error naming the visible ones. */
    static Optional<ColumnView> visible(EntityView entity, String name, List<String> errors) {
        String typed = name.strip();
        Optional<ColumnView> exact = entity.column(typed);
        if (exact.isPresent()) {
            return exact;
        }
        List<ColumnView> folded = entity.columns().stream()
                .filter(c -> c.name().equalsIgnoreCase(typed))
                .toList();
        if (folded.size() == 1) {
            return Optional.of(folded.get(0));
        }
        // INV-6: a hidden column gets the same answer as one that does not exist; the list shows visible ones only
        errors.add(entity.name() + " has no field '" + clip(typed) + "'; its fields are: "
                + names(entity.columns().stream().map(ColumnView::name).toList()));
        return Optional.empty();
    }

    private static boolean coerce(ColumnView column, Object value, List<String> errors) {
        Coerced result = ValueCoercion.fromPlan(asColumn(column), value);
        if (result instanceof Coerced.Rejected rejected) {
            errors.add(
                    "value for '" + column.name() + "': " + rejected.problem().message());
            return false;
        }
        return true;
    }

    /** The column as far as the view describes it, for {@link ValueCoercion} (type, enum values, nullability). */
    static Column asColumn(ColumnView view) {
        return Column.builder(view.name(), view.type())
                .nullable(view.nullable())
                .enumValues(view.enumValues())
                .build();
    }

    private static List<String> settable(EntityView entity, Intent intent) {
        return entity.columns().stream()
                .filter(c -> intent == Intent.UPDATE
                        ? c.has(FieldRole.UPDATE)
                        : c.has(FieldRole.CREATE_REQUIRED) || c.has(FieldRole.CREATE_OPTIONAL))
                .map(ColumnView::name)
                .toList();
    }

    static String names(List<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        String shown = String.join(", ", names.subList(0, Math.min(MAX_NAME_LIST, names.size())));
        return names.size() > MAX_NAME_LIST ? shown + ", ..." : shown;
    }

    static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "...";
    }
}
