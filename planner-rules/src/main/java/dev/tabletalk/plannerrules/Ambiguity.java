package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Op;
import java.util.List;

/**
 * A part of a message that more than one column could stand for, so the planner asks instead of choosing (#13):
 * a value said without its field ("customers from Germany": country, city or region?) or a superlative whose
 * column is not said ("the oldest employees": birth_date or hire_date?). Each column becomes one choice whose plan
 * differs from the others only in that column.
 *
 * @param kind a condition on the value, or a sort
 * @param words the words of the message that were ambiguous, as typed ("Germany", "oldest")
 * @param columns the columns it could stand for, best first (two to {@link #MAX_CHOICES})
 * @param op the operator of a condition: {@code =}, {@code !=}, {@code in} or {@code not_in} (unused for a sort)
 * @param value the value of a condition, a list for {@code in} (unused for a sort)
 * @param descending the direction of a sort (unused for a condition)
 * @param sortAt where in the ordering the sort goes (unused for a condition)
 */
record Ambiguity(
        Kind kind, String words, List<ColumnView> columns, Op op, Object value, boolean descending, int sortAt) {

    /** At most this many choices are offered: more would not be a short question. */
    static final int MAX_CHOICES = 6;

    /** What the ambiguous words become in the plan. */
    enum Kind {
        /** {@code column = value}. */
        CONDITION,
        /** A sort by the column. */
        SORT
    }

    Ambiguity {
        columns = List.copyOf(columns.subList(0, Math.min(columns.size(), MAX_CHOICES)));
        if (columns.size() < 2) {
            throw new IllegalArgumentException("an ambiguity has at least two columns");
        }
    }

    static Ambiguity condition(String words, List<ColumnView> columns, Op op, Object value) {
        return new Ambiguity(Kind.CONDITION, words, columns, op, value, false, 0);
    }

    static Ambiguity sort(String words, List<ColumnView> columns, boolean descending, int sortAt) {
        return new Ambiguity(Kind.SORT, words, columns, Op.EQ, "", descending, sortAt);
    }
}
