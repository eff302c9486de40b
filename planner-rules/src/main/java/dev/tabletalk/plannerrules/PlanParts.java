package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.plannerrules.EntityReader.Mention;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a plan read so far from one message, shared by the readers of one request: intent, target,
 * fields, conditions, ordering, limit, and the reading's own marks (filter mode, a field waiting for its
 * value, what was left out).
 */
final class PlanParts {

    Intent intent = Intent.UNKNOWN;
    String verb = "";
    int verbAt = -1;
    EntityInfo target;
    Mention targetMention;
    /** Every place the message names an entity, found once before the walk (typos included). */
    List<Mention> mentions = List.of();

    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<Filter> filters = new ArrayList<>();
    final List<Sort> orderBy = new ArrayList<>();
    Integer limit;
    /** Where "or" joined conditions on different fields: the number of filters read before each one. */
    final List<Integer> orMarks = new ArrayList<>();
    /** The words of each such "or" part, for a refusal when the alternatives cannot be told apart. */
    final List<String> orText = new ArrayList<>();
    /** The aggregate of a read ("how many", "average price per category"), or null. */
    Aggregate aggregate;
    /** The columns a read shows ("the email of customer 5"); empty for the default view. */
    final List<String> select = new ArrayList<>();

    /** Relationship conditions of a read ("tracks of the album ..."), ANDed after the filters. */
    final List<Condition> related = new ArrayList<>();
    /** A relationship phrase that can be read more than one way, asked about instead of planned; or null. */
    RelationReader.Ask ask;

    /** Whether a named field is a condition (true) or a change (false). */
    boolean filterMode;
    /** "top" was read: "by price" then sorts descending. */
    boolean topSeen;
    /** A field named before its value ("change the email of customer 5 to ..."). */
    ColumnView pending;
    /** A quoted text given with no field while creating: a name or a text key, decided at the end. */
    String bare;
    /** What of the message could not be placed in the plan; the first one found is refused. */
    LeftOut leftOut;
    /** A part more than one column could stand for: asked about instead of guessed (#13), or null. */
    Ambiguity ambiguity;

    /** What the plan holds now, to tell whether reading a word added anything to it. */
    Object snapshot() {
        return List.of(
                List.copyOf(filters),
                new LinkedHashMap<>(fields),
                List.copyOf(orderBy),
                String.valueOf(limit),
                String.valueOf(aggregate),
                List.copyOf(orMarks),
                List.copyOf(select),
                List.copyOf(related),
                String.valueOf(pending),
                String.valueOf(bare),
                String.valueOf(leftOut),
                String.valueOf(ambiguity),
                topSeen);
    }

    /**
     * The conditions of a read: the filters, ANDed, or, where "or" joined conditions on different fields, one
     * {@code anyOf} of them. Only the plain form is planned: every filter an alternative of its own, none
     * before the first "or" or after the last shared with another, no relationship among them; anything else is
     * refused (empty).
     */
    Optional<List<Condition>> conditions() {
        List<Condition> all = new ArrayList<>(filters);
        all.addAll(related);
        if (orMarks.isEmpty()) {
            return Optional.of(List.copyOf(all));
        }
        if (!related.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> bounds = new ArrayList<>(orMarks);
        bounds.add(0, 0);
        bounds.add(filters.size());
        for (int b = 1; b < bounds.size(); b++) {
            if (bounds.get(b) - bounds.get(b - 1) != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(new AnyOf(List.copyOf(filters))));
    }

    /** Adds a field named with a value: a field to set, or a condition, as the intent and filter mode say. */
    void add(ColumnView column, Op op, Object value, boolean setTo) {
        switch (intent) {
            case CREATE -> {
                if (op == Op.EQ || op == Op.IN && value instanceof List<?> list && list.size() == 1) {
                    fields.putIfAbsent(column.name(), value);
                }
            }
            case UPDATE -> {
                boolean change = setTo || op == Op.EQ && !filterMode;
                if (change) {
                    fields.put(column.name(), value);
                } else {
                    filters.add(Filter.of(column.name(), op, value));
                }
            }
            default -> filters.add(Filter.of(column.name(), op, value));
        }
    }
}
