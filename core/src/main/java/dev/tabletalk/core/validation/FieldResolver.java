package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the field names of a plan to the entity's visible columns, each for its use: a value
 * to write (create or update), a filter, or a sort key. Hidden columns answer exactly like
 * unknown ones (invariant 6), and the tenant column is never written nor filtered by a plan
 * (invariant 7).
 *
 * <p>Each method adds what is wrong to {@code problems} and returns the column only when it may
 * be used. Immutable and thread-safe.
 */
final class FieldResolver {

    /** What a written value is for. */
    enum Write {
        CREATE,
        UPDATE
    }

    private final String tenantColumn;

    FieldResolver(String tenantColumn) {
        this.tenantColumn = Objects.requireNonNull(tenantColumn, "tenantColumn");
    }

    /** The visible column named {@code field}. */
    Optional<Column> resolve(Entity entity, String field, List<Problem> problems) {
        Optional<Column> column = entity.visibleColumn(field);
        if (column.isEmpty()) {
            // INV-6: a hidden column gets exactly the answer of a column that does not exist
            problems.add(Problem.of(
                    RefusalCode.UNKNOWN_FIELD,
                    field,
                    entity.name() + " has no field " + ValueCoercion.quote(field) + "."));
        }
        return column;
    }

    /** The column named {@code field}, if the entity's form lets a plan set it for {@code use}. */
    Optional<Column> writable(Entity entity, String field, Write use, List<Problem> problems) {
        return notTenant(entity, field, problems).filter(column -> canWrite(entity, column, use, problems));
    }

    /** The column named {@code field}, if a plan may filter by it. */
    Optional<Column> filterable(Entity entity, String field, List<Problem> problems) {
        return notTenant(entity, field, problems).filter(column -> canFilter(entity, column, problems));
    }

    /** The column named {@code field}, if results may be sorted by it. */
    Optional<Column> sortable(Entity entity, String field, List<Problem> problems) {
        return resolve(entity, field, problems).filter(column -> canSort(column, problems));
    }

    private Optional<Column> notTenant(Entity entity, String field, List<Problem> problems) {
        Optional<Column> resolved = resolve(entity, field, problems);
        if (resolved.isPresent() && resolved.get().name().equalsIgnoreCase(tenantColumn)) {
            // INV-7: the tenant is set, and its condition added, from the caller's identity only
            Column column = resolved.get();
            problems.add(Problem.of(
                    RefusalCode.TENANT_COLUMN,
                    column.name(),
                    column.name() + " is set from your identity; it cannot be chosen or searched by in a request."));
            return Optional.empty();
        }
        return resolved;
    }

    private static boolean canWrite(Entity entity, Column column, Write use, List<Problem> problems) {
        boolean allowed = use == Write.CREATE
                ? entity.form().canCreateWith(column.name())
                : entity.form().canUpdate(column.name()) || isMarker(entity, column);
        if (!allowed) {
            problems.add(Problem.of(
                    RefusalCode.FIELD_NOT_WRITABLE,
                    column.name(),
                    column.name() + " cannot be "
                            + (use == Write.CREATE ? "set when adding" : "changed on") + " " + entity.name()
                            + (use == Write.CREATE ? " rows" : "") + "."));
        }
        return allowed;
    }

    /** The soft-delete marker may always be written by an update: that is how rows are deleted and restored. */
    private static boolean isMarker(Entity entity, Column column) {
        return entity.softDelete().map(m -> m.column().equals(column.name())).orElse(false);
    }

    private static boolean canFilter(Entity entity, Column column, List<Problem> problems) {
        if (column.isMasked() || !entity.form().canFilterBy(column.name())) {
            problems.add(Problem.of(
                    RefusalCode.FIELD_NOT_FILTERABLE,
                    column.name(),
                    entity.name() + " cannot be searched by " + column.name() + "; try " + suggestFilters(entity)
                            + "."));
            return false;
        }
        return true;
    }

    private static boolean canSort(Column column, List<Problem> problems) {
        if (column.isMasked() || !column.type().isConversational()) {
            problems.add(Problem.of(
                    RefusalCode.FIELD_NOT_FILTERABLE,
                    column.name(),
                    "Results cannot be sorted by " + column.name() + "."));
            return false;
        }
        return true;
    }

    private static String suggestFilters(Entity entity) {
        List<String> names = entity.form().filterNames();
        return names.isEmpty() ? "another question" : String.join(", ", names.subList(0, Math.min(5, names.size())));
    }
}
