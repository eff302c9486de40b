package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values a field cannot hold (invariant 11): a word for a number ("freight over cheap"), anything but
 * yes/no/true/false/1/0 for a yes/no field, a value outside an enum's list ("PG-18"), or a date that is no
 * ISO date ("after last tuesday"). Such a request is refused, naming the value, instead of being planned with a
 * condition that can never match or a change that cannot be made.
 */
final class ValueChecks {

    private static final Pattern ISO_DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+\\-]\\d{2}:\\d{2})?)?");

    private ValueChecks() {}

    /** The first value of the plan that its field cannot hold. */
    static Optional<LeftOut> find(PlanParts plan) {
        for (Filter filter : plan.filters) {
            Optional<LeftOut> wrong =
                    check(plan, filter.field(), filter.value(), filter.op().isTextMatch());
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        for (Map.Entry<String, Object> field : plan.fields.entrySet()) {
            Optional<LeftOut> wrong = check(plan, field.getKey(), field.getValue(), false);
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        return Optional.empty();
    }

    /** A primary key or a column named as an id ({@code customer_id}): it holds codes, never names. */
    private static boolean isKey(ColumnView column) {
        List<String> words = Words.split(column.name());
        return column.has(FieldRole.PRIMARY_KEY)
                || !words.isEmpty() && words.get(words.size() - 1).equalsIgnoreCase("id");
    }

    private static Optional<LeftOut> check(PlanParts plan, String field, Object value, boolean textMatch) {
        Optional<ColumnView> column = plan.target.column(field);
        if (column.isEmpty() || value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                Optional<LeftOut> wrong = check(plan, field, item, textMatch);
                if (wrong.isPresent()) {
                    return wrong;
                }
            }
            return Optional.empty();
        }
        ColumnView c = column.get();
        if (c.type() == ValueType.TEXT
                && value instanceof String text
                && text.strip().contains(" ")
                && isKey(c)) {
            // "orders of customer Alfreds Futterkiste": a key holds a code, not the name of a related row
            return Optional.of(LeftOut.cannotTake(
                    c,
                    value,
                    "a key (a code such as ALFKI), not a name; finding rows by a related row's name is not "
                            + "possible yet",
                    RefusalCode.TYPE_MISMATCH,
                    plan.intent));
        }
        if (c.type().isNumeric() && !(value instanceof Number)) {
            return Optional.of(LeftOut.cannotTake(c, value, "numbers", RefusalCode.TYPE_MISMATCH, plan.intent));
        }
        if (c.type() == ValueType.BOOLEAN && !(value instanceof Boolean)) {
            return Optional.of(LeftOut.cannotTake(
                    c, value, "yes or no (yes/no, true/false, 1/0)", RefusalCode.TYPE_MISMATCH, plan.intent));
        }
        if (!c.enumValues().isEmpty() && !textMatch && !c.enumValues().contains(String.valueOf(value))) {
            return Optional.of(LeftOut.cannotTake(
                    c,
                    value,
                    "one of " + String.join(", ", c.enumValues()),
                    RefusalCode.INVALID_ENUM_VALUE,
                    plan.intent));
        }
        if (c.type().isTemporal()
                && c.type() != ValueType.TIME
                && !ISO_DATE.matcher(String.valueOf(value)).matches()) {
            return Optional.of(
                    LeftOut.cannotTake(c, value, "dates (written 2005-05-24)", RefusalCode.INVALID_DATE, plan.intent));
        }
        return Optional.empty();
    }
}
