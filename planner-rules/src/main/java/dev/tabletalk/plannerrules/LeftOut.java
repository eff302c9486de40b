package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import java.util.List;

/**
 * A part of a message that the rules planner could not place in a plan (invariant 11: no silent
 * answers). The request is then refused with a message that quotes the part as typed, says why, and
 * lists the fields that can be used instead, rather than planned with that part dropped.
 *
 * @param refusal what the person is told
 */
record LeftOut(Refusal refusal) {

    /** What a field named in the message was for. */
    enum Part {
        CONDITION,
        CHANGE
    }

    /** Words naming no field of {@code entity}, in a condition or a change ("where nonexistent is 5"). */
    static LeftOut unknownField(EntityInfo entity, String words, String part, Part kind, Intent intent) {
        boolean change = kind == Part.CHANGE;
        String fields =
                change && intent == Intent.UPDATE ? changeable(entity) : change ? writable(entity) : filterable(entity);
        return new LeftOut(Refusal.of(
                RefusalCode.UNKNOWN_FIELD,
                entity.name() + " has no field called \"" + words
                        + "\", so I cannot use \"" + part + "\" and I never leave part of a request out: "
                        + nothingDone(intent) + " " + (change ? "Fields you can set: " : "Fields you can search by: ")
                        + fields + ". Ask again with one of them."));
    }

    /** "name is A or email is B": conditions on different fields joined by "or". */
    static LeftOut orAcrossFields(String part, Intent intent) {
        return new LeftOut(Refusal.of(
                RefusalCode.NOT_UNDERSTOOD,
                "I can join conditions on different fields only "
                        + "with \"and\", so I cannot use \"" + part + "\" and I never leave part of a request out: "
                        + nothingDone(intent) + " Use \"or\" between values of one field (\"name is Ada or Grace\"), "
                        + "or ask once for each condition."));
    }

    /** Words no reader could place ("from Germany" where no field takes it, "shipped late", "good"). */
    static LeftOut notUnderstood(EntityInfo entity, String part, Intent intent) {
        boolean change = intent == Intent.CREATE || intent == Intent.UPDATE;
        return new LeftOut(Refusal.of(
                RefusalCode.NOT_UNDERSTOOD,
                "I did not understand \"" + part + "\", and I never leave part of a request out: " + nothingDone(intent)
                        + " Say it with a field of " + entity.name() + " (\"" + example(entity, intent == Intent.CREATE)
                        + "\"). "
                        + (change
                                ? "Fields you can set: "
                                        + (intent == Intent.UPDATE ? changeable(entity) : writable(entity))
                                        + ". Fields you can search by: "
                                : "Fields you can search by: ")
                        + filterable(entity) + "."));
    }

    /** A value a field cannot hold ("over cheap" for a number, "maybe" for a yes/no field, "PG-18" for a rating). */
    static LeftOut cannotTake(ColumnView column, Object value, String holds, RefusalCode code, Intent intent) {
        return new LeftOut(Refusal.of(
                code,
                column.name() + " holds " + holds + ", so I cannot use \"" + value
                        + "\" for it, and I never leave part of a request out: " + nothingDone(intent)
                        + " Ask again with a value it can hold."));
    }

    /** A value the message gave that went nowhere ("ids 1, 2, 3" where no field is named "ids"). */
    static LeftOut unplaced(EntityInfo entity, String part, Intent intent) {
        boolean create = intent == Intent.CREATE;
        return new LeftOut(Refusal.of(
                RefusalCode.NOT_UNDERSTOOD,
                "I could not tell which field \"" + part
                        + "\" is for, and I never leave part of a request out: " + nothingDone(intent)
                        + " Name the field, for example \"" + example(entity, create) + "\". "
                        + (create
                                ? "Fields you can set: " + writable(entity)
                                : "Fields you can search by: " + filterable(entity))
                        + "."));
    }

    private static String nothingDone(Intent intent) {
        return switch (intent) {
            case READ -> "nothing was read.";
            case CREATE, UPDATE -> "nothing was prepared or changed.";
            default -> "nothing was done.";
        };
    }

    private static String example(EntityInfo entity, boolean create) {
        List<ColumnView> usable = entity.columns().stream()
                .filter(c -> create
                        ? c.has(FieldRole.CREATE_REQUIRED) || c.has(FieldRole.CREATE_OPTIONAL)
                        : SchemaIndex.filterable(c))
                .toList();
        ColumnView column = usable.stream()
                .filter(c -> c.has(FieldRole.PRIMARY_KEY) && !create)
                .findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0));
        if (column == null) {
            return entity.name();
        }
        return (create ? "add " + entity.name() + " with " : entity.name() + " where ")
                + column.name()
                + (create ? " ..." : " is ...");
    }

    private static String filterable(EntityInfo entity) {
        return names(entity.columns().stream().filter(SchemaIndex::filterable).toList());
    }

    private static String changeable(EntityInfo entity) {
        return names(
                entity.columns().stream().filter(c -> c.has(FieldRole.UPDATE)).toList());
    }

    private static String writable(EntityInfo entity) {
        return names(entity.columns().stream()
                .filter(c -> c.has(FieldRole.CREATE_REQUIRED) || c.has(FieldRole.CREATE_OPTIONAL))
                .toList());
    }

    private static String names(List<ColumnView> columns) {
        if (columns.isEmpty()) {
            return "(none)";
        }
        return String.join(", ", columns.stream().map(ColumnView::name).toList());
    }
}
