package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.text.Plurals;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soft delete in the rules planner (#13): "delete customer 5" on an entity with a soft-delete marker is an update
 * of the marker ({@code now} or {@code true}), "restore customer 5" sets it back (NULL or {@code false}); "...
 * including deleted" and "show deleted customers" read deleted rows too, or only them. The rows are found by
 * reading the rest of the message as a read ("customer 5"), so a delete targets exactly what that read would
 * show; anything else the message says that a read cannot place makes it fall back to the ordinary answer (the
 * delete refusal). Nothing here ever produces a DELETE: there is no such plan.
 */
final class SoftDeleteVerbs {

    private static final Pattern DELETE_VERB = Pattern.compile(
            "^\\s*(?:please\\s+)?(?:delete|remove|trash|archive|soft[\\s-]?delete)\\s+(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESTORE_VERB = Pattern.compile(
            "^\\s*(?:please\\s+)?(?:restore|undelete|unarchive|un-delete|un-archive)\\s+(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INCLUDING = Pattern.compile(
            "[,;]?\\s*\\b(?:including|include|with|plus)\\s+(?:the\\s+)?(?:deleted|archived)"
                    + "(?:\\s+(?:ones|rows|records))?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ONLY = Pattern.compile(
            "^(?<lead>\\s*(?:(?:show|list|find|get|display)\\s+)?(?:me\\s+)?(?:all\\s+)?(?:the\\s+)?)"
                    + "(?:deleted|archived)\\s+(?=\\p{L})",
            Pattern.CASE_INSENSITIVE);

    private SoftDeleteVerbs() {}

    /**
     * The soft delete or restore this message asks for, if it starts with such a verb and the rest reads as rows
     * of an entity with a visible marker; {@code read} plans a message with no delete word.
     */
    static Optional<PlannerOutput> write(
            PlannerRequest request, Function<PlannerRequest, PlannerOutput> read, PlannerTrace trace) {
        Matcher delete = DELETE_VERB.matcher(request.message());
        Matcher restore = RESTORE_VERB.matcher(request.message());
        boolean deleting = delete.matches();
        if (!deleting && !restore.matches()) {
            return Optional.empty();
        }
        String rest = deleting ? delete.group("rest") : restore.group("rest");
        PlannerOutput rows = read.apply(withMessage(request, "show " + rest));
        if (rows.intent() != Intent.READ
                || rows.refusal().isPresent()
                || rows.entity().isEmpty()
                || rows.aggregate().isPresent()
                || !rows.select().isEmpty()
                || !rows.orderBy().isEmpty()
                || rows.limit().isPresent()
                || rows.offset() != 0) {
            return Optional.empty();
        }
        Optional<SoftDelete> marker =
                request.schema().entity(rows.entity().get()).flatMap(SchemaView.EntityView::softDelete);
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        Object value = deleting ? marker.get().deletedValue() : marker.get().restoredValue();
        return Optional.of(
                PlannerOutput.update(rows.entity().get(), single(marker.get().column(), value), rows.filters(), trace));
    }

    /** The entity a delete-like message names, read as rows ("delete customer 5" -> customers), if any. */
    static Optional<SchemaView.EntityView> deleteTarget(
            PlannerRequest request, Function<PlannerRequest, PlannerOutput> read) {
        Matcher delete = DELETE_VERB.matcher(request.message());
        if (!delete.matches()) {
            return Optional.empty();
        }
        PlannerOutput rows = read.apply(withMessage(request, "show " + delete.group("rest")));
        return rows.entity().flatMap(name -> request.schema().entity(name));
    }

    /**
     * A read of deleted rows too ("... including deleted") or only ("show deleted customers"): the message
     * without those words, planned by {@code plan}, with the rows it counts; empty when the message says neither
     * or the rest is not a read of an entity with a marker.
     */
    static Optional<PlannerOutput> read(PlannerRequest request, Function<PlannerRequest, PlannerOutput> plan) {
        String message = request.message();
        DeletedRows rows;
        String rest;
        Matcher including = INCLUDING.matcher(message);
        Matcher only = ONLY.matcher(message);
        if (including.find()) {
            rows = DeletedRows.INCLUDED;
            rest = (message.substring(0, including.start()) + message.substring(including.end())).strip();
        } else if (only.find()) {
            rows = DeletedRows.ONLY;
            String lead = only.group("lead").strip();
            rest = (lead.isEmpty() ? "show " : lead + " ") + message.substring(only.end());
        } else {
            return Optional.empty();
        }
        PlannerOutput output = plan.apply(withMessage(request, rest));
        if (output.question().isPresent()) {
            return Clarifications.withDeleted(output, rows, request.schema());
        }
        if (output.intent() != Intent.READ
                || output.refusal().isPresent()
                || output.entity().isEmpty()
                || request.schema()
                        .entity(output.entity().get())
                        .flatMap(SchemaView.EntityView::softDelete)
                        .isEmpty()) {
            // an entity that never marks rows deleted keeps today's answer to "deleted"
            return Optional.empty();
        }
        return Optional.of(output.withDeleted(rows));
    }

    /**
     * How to take a row of {@code entity} out of use when it has no soft-delete marker: change a status-like
     * column, if it has one.
     */
    static Optional<String> retireHint(SchemaView.EntityView entity) {
        return entity.columns().stream()
                .filter(c -> c.type() == ValueType.TEXT || c.type() == ValueType.BOOLEAN)
                .filter(c -> c.name().toLowerCase(Locale.ROOT).matches("status|state|active|is_active|enabled"))
                .findFirst()
                .map(c -> {
                    String row = Plurals.singular(entity.name());
                    return "To take a " + row + " out of use, change its " + c.name()
                            + " instead, for example \"set the "
                            + c.name() + " of " + row + " 5 to "
                            + (c.type() == ValueType.BOOLEAN ? "false" : "...")
                            + "\""
                            + (c.enumValues().isEmpty() ? "" : " (one of " + String.join(", ", c.enumValues()) + ")")
                            + ".";
                });
    }

    private static PlannerRequest withMessage(PlannerRequest request, String message) {
        return request.withMessage(message);
    }

    /** A one-entry map that may hold a null value (SQL NULL: a restored timestamp marker). */
    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
