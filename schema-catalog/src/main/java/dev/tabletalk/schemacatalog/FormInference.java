package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers an entity's conversational form from its columns, keys and indexes, with the reason
 * for each field's place. Hidden columns never appear; masked columns are never filters; the
 * tenant column is never created, updated or filtered (it is forced from the caller's identity).
 */
final class FormInference {

    /** Audit and system columns, compared squashed (lower case, no separators). */
    static final Set<String> AUDIT_COLUMNS = Set.of(
            "createdat", "createdon", "created", "createdby", "createddate", "createdtime", "datecreated",
            "creationdate", "creationtime", "insertedat", "insertedby", "updatedat", "updatedon", "updated",
            "updatedby", "updateddate", "dateupdated", "modifiedat", "modifiedon", "modified", "modifiedby",
            "modifieddate", "datemodified", "lastmodified", "lastmodifiedby", "lastmodifieddate", "lastmodifiedat",
            "lastupdate", "lastupdated", "lastupdatedby", "lastupdatedat", "deletedat", "deletedon", "deletedby",
            "deleted", "isdeleted", "version", "lockversion", "rowversion", "optlock", "etag", "xmin");

    /** Words that make a column representative when reading or natural to filter by. */
    private static final Set<String> NAME_WORDS = Set.of(
            "name", "title", "label", "email", "mail", "status", "state", "type", "kind", "category", "code", "sku",
            "number", "no", "num", "ref", "reference", "username", "login", "city", "country", "phone", "slug");

    private static final Set<String> DATE_WORDS = Set.of("date", "day", "at", "on", "time", "year", "month");

    private final String tenantColumn;
    private final int maxReadFields;

    FormInference(String tenantColumn, int maxReadFields) {
        this.tenantColumn = tenantColumn;
        this.maxReadFields = maxReadFields;
    }

    Form infer(TableMeta table, List<Column> columns, Exposure exposure) {
        if (exposure == Exposure.HIDDEN) {
            return Form.empty();
        }
        List<FormField> required = new ArrayList<>();
        List<FormField> optional = new ArrayList<>();
        List<FormField> update = new ArrayList<>();
        if (exposure == Exposure.READ_WRITE) {
            for (Column column : columns) {
                creation(table, column, required, optional);
                updating(table, column, update);
            }
        }
        return new Form(required, optional, read(table, columns), filter(table, columns), update);
    }

    private boolean isTenant(Column column) {
        return column.name().equalsIgnoreCase(tenantColumn);
    }

    static boolean isAudit(Column column) {
        return AUDIT_COLUMNS.contains(Names.squash(column.name()));
    }

    private void creation(TableMeta table, Column column, List<FormField> required, List<FormField> optional) {
        if (column.isHidden() || isTenant(column) || column.generation() != Generation.NONE
                || !column.type().isConversational()) {
            return;
        }
        boolean primaryKey = table.primaryKey.contains(column.name());
        if (!column.nullable() && !column.hasDefault()) {
            required.add(new FormField(column.name(), primaryKey
                    ? "primary key without a default or identity: the value must be given"
                    : "NOT NULL without a default"));
        } else if (isAudit(column)) {
            return; // set by the database or the application
        } else if (column.hasDefault()) {
            optional.add(new FormField(column.name(), "has a default (" + column.defaultExpression().orElse("")
                    + "): may be given"));
        } else {
            optional.add(new FormField(column.name(), "nullable: may be given"));
        }
    }

    private void updating(TableMeta table, Column column, List<FormField> update) {
        if (column.isHidden() || isTenant(column) || column.generation() != Generation.NONE
                || !column.type().isConversational() || table.primaryKey.contains(column.name())
                || isAudit(column)) {
            return;
        }
        update.add(new FormField(column.name(), column.isMasked() ? "writable (values shown masked)" : "writable"));
    }

    private List<FormField> read(TableMeta table, List<Column> columns) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String key : table.primaryKey) {
            columns.stream().filter(c -> c.name().equals(key) && !c.isHidden()).findFirst()
                    .ifPresent(c -> chosen.put(c.name(), "primary key"));
        }
        for (int pass = 0; pass < 3 && chosen.size() < maxReadFields; pass++) {
            for (Column column : columns) {
                if (chosen.size() >= maxReadFields) {
                    break;
                }
                if (column.isHidden() || chosen.containsKey(column.name()) || !isReadable(column)) {
                    continue;
                }
                String reason = switch (pass) {
                    case 0 -> representative(column);
                    case 1 -> column.type().isTemporal() || column.isEnum() ? "a date or status-like column" : null;
                    default -> "fills the default view";
                };
                if (reason != null) {
                    chosen.put(column.name(), reason);
                }
            }
        }
        List<FormField> fields = new ArrayList<>();
        for (Column column : columns) {
            String reason = chosen.get(column.name());
            if (reason != null) {
                fields.add(new FormField(column.name(), reason));
            }
        }
        return fields;
    }

    private static boolean isReadable(Column column) {
        return column.type() != ValueType.BINARY && column.type() != ValueType.OTHER;
    }

    private static String representative(Column column) {
        for (String word : Names.words(column.name())) {
            if (NAME_WORDS.contains(word)) {
                return "representative: a " + word;
            }
        }
        return null;
    }

    private List<FormField> filter(TableMeta table, List<Column> columns) {
        Map<String, String> foreignKeyTargets = new HashMap<>();
        for (ForeignKey key : table.foreignKeys) {
            for (String column : key.columns()) {
                foreignKeyTargets.putIfAbsent(column, key.targetEntity());
            }
        }
        Set<String> indexed = new java.util.HashSet<>();
        for (Index index : table.indexes) {
            indexed.addAll(index.columns());
        }
        List<FormField> fields = new ArrayList<>();
        for (Column column : columns) {
            if (column.isHidden() || column.isMasked() || isTenant(column) || !column.type().isConversational()) {
                continue;
            }
            String reason = filterReason(table, column, foreignKeyTargets, indexed);
            if (reason != null) {
                fields.add(new FormField(column.name(), reason));
            }
        }
        return fields;
    }

    private static String filterReason(
            TableMeta table, Column column, Map<String, String> foreignKeyTargets, Set<String> indexed) {
        String name = column.name();
        if (table.primaryKey.contains(name)) {
            return "primary key";
        }
        if (foreignKeyTargets.containsKey(name)) {
            return "foreign key to " + foreignKeyTargets.get(name);
        }
        if (indexed.contains(name)) {
            return "indexed";
        }
        if (column.isEnum()) {
            return "one of a fixed set of values";
        }
        ValueType type = column.type();
        if (type == ValueType.BOOLEAN) {
            return "yes or no";
        }
        if (type.isTemporal()) {
            return "a date or time";
        }
        if (type.isNumeric()) {
            return "a number (amounts and quantities: \"orders over 100\")";
        }
        String word = representative(column);
        if (word != null) {
            return word.replace("representative: ", "a name-, status- or code-like column: ");
        }
        for (String part : Names.words(name)) {
            if (DATE_WORDS.contains(part) && type == ValueType.TEXT) {
                return "a date-like column";
            }
        }
        if (type == ValueType.UUID) {
            return "an identifier";
        }
        return null;
    }
}
