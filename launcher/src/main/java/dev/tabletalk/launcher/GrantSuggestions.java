package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The GRANT statements of a least-privilege role for the exposed entities, as {@code doctor}
 * suggests them (see docs/security.md, "Least-privilege database account"):
 * <ul>
 *   <li>SELECT on the whole table when no column is hidden, else on the visible and masked
 *       columns only, so that the database itself keeps hidden columns out of reach;
 *   <li>INSERT only on the columns a create may set, plus the tenant column (forced from the
 *       caller's identity); on MariaDB also the primary key, which {@code INSERT ... RETURNING}
 *       needs the INSERT privilege on (error 1143 otherwise);
 *   <li>UPDATE only on the columns an update may change: never the key, the tenant column, a
 *       generated or audit column, or a hidden one;
 *   <li>read-only entities (views, tables without a primary key, configured read-only) get SELECT only.
 * </ul>
 * Identifiers are quoted by the caller's dialect; nothing here reads the database.
 */
final class GrantSuggestions {

    private GrantSuggestions() {}

    /**
     * The privilege list of one entity, e.g. {@code SELECT (id, name), INSERT (name), UPDATE (name)}.
     *
     * @param entity an exposed entity
     * @param tenantColumn the tenant column's name (matched case-insensitively), written on insert
     * @param quote quotes one column name for the dialect
     * @param insertReturnsKey whether the INSERT privilege must cover the primary key, which the
     *     insert returns (MariaDB)
     * @return the privileges, or empty when no column may be read (nothing to grant)
     */
    static String privileges(
            Entity entity, String tenantColumn, UnaryOperator<String> quote, boolean insertReturnsKey) {
        List<String> privileges = new ArrayList<>();
        boolean hasHidden = entity.columns().stream().anyMatch(Column::isHidden);
        if (entity.visibleColumns().isEmpty()) {
            return "";
        }
        privileges.add(hasHidden ? "SELECT " + columns(names(entity.visibleColumns()), quote) : "SELECT");
        if (entity.exposure() == Exposure.READ_WRITE) {
            Form form = entity.form();
            Set<String> insertable = new LinkedHashSet<>(form.createRequiredNames());
            if (insertReturnsKey) {
                insertable.addAll(entity.primaryKey());
            }
            insertable.addAll(form.createOptionalNames());
            entity.columns().stream()
                    .filter(c -> c.name().equalsIgnoreCase(tenantColumn) && !c.isHidden())
                    .forEach(c -> insertable.add(c.name()));
            List<String> insert = inTableOrder(entity, insertable);
            if (!insert.isEmpty()) {
                privileges.add("INSERT " + columns(insert, quote));
            }
            List<String> update = inTableOrder(entity, new LinkedHashSet<>(form.updateNames()));
            if (!update.isEmpty()) {
                privileges.add("UPDATE " + columns(update, quote));
            }
        }
        return String.join(", ", privileges);
    }

    private static List<String> inTableOrder(Entity entity, Set<String> wanted) {
        return entity.columns().stream()
                .filter(c -> !c.isHidden() && wanted.contains(c.name()))
                .map(Column::name)
                .toList();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    private static String columns(List<String> names, UnaryOperator<String> quote) {
        return "(" + String.join(", ", names.stream().map(quote).toList()) + ")";
    }
}
