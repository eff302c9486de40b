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
import java.util.HashSet;
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
            "createdat",
            "createdon",
            "created",
            "createdby",
            "createddate",
            "createdtime",
            "datecreated",
            "creationdate",
            "creationtime",
            "insertedat",
            "insertedby",
            "updatedat",
            "updatedon",
            "updated",
            "updatedby",
            "updateddate",
            "dateupdated",
            "modifiedat",
            "modifiedon",
            "modified",
            "modifiedby",
            "modifieddate",
            "datemodified",
            "lastmodified",
            "lastmodifiedby",
            "lastmodifieddate",
            "lastmodifiedat",
            "lastupdate",
            "lastupdated",
            "lastupdatedby",
            "lastupdatedat",
            "deletedat",
            "deletedon",
            "deletedby",
            "deleted",
            "isdeleted",
            "version",
            "lockversion",
            "rowversion",
            "optlock",
            "etag",
            "xmin");

    /** Words that make a column representative when reading or natural to filter by. */
    private static final Set<String> NAME_WORDS = Set.of(
            "name",
            "title",
            "label",
            "email",
            "mail",
            "status",
            "state",
            "type",
            "kind",
            "category",
            "code",
            "sku",
            "number",
            "no",
            "num",
            "ref",
            "reference",
            "username",
            "login",
            "city",
            "country",
            "phone",
            "slug");

    private static final Set<String> DATE_WORDS = Set.of("date", "day", "at", "on", "time", "year", "month");

    private final String tenantColumn;
    private final int maxReadFields;

    private final Names.Cache names;

    FormInference(String tenantColumn, int maxReadFields, Names.Cache names) {
        this.names = names;
        this.tenantColumn = tenantColumn;
        this.maxReadFields = maxReadFields;
    }

    /** What the form rules need to know of a column's name, computed once per column. */
    private record Facts(Column column, boolean audit, String representativeWord, boolean dateWord) {

        static Facts of(Column column, Names.Cache names) {
            List<String> words = names.words(column.name());
            String representative = null;
            boolean dateWord = false;
            for (String word : words) {
                if (representative == null && NAME_WORDS.contains(word)) {
                    representative = word;
                }
                dateWord |= DATE_WORDS.contains(word);
            }
            return new Facts(column, AUDIT_COLUMNS.contains(names.squash(column.name())), representative, dateWord);
        }
    }

    Form infer(TableMeta table, List<Column> columns, Exposure exposure) {
        if (exposure == Exposure.HIDDEN) {
            return Form.empty();
        }
        Map<String, Facts> facts = new HashMap<>();
        for (Column column : columns) {
            facts.put(column.name(), Facts.of(column, names));
        }
        List<FormField> required = new ArrayList<>();
        List<FormField> optional = new ArrayList<>();
        List<FormField> update = new ArrayList<>();
        if (exposure == Exposure.READ_WRITE) {
            for (Column column : columns) {
                creation(table, facts.get(column.name()), required, optional);
                updating(table, facts.get(column.name()), update);
            }
        }
        return new Form(required, optional, read(table, columns, facts), filter(table, columns, facts), update);
    }

    private boolean isTenant(Column column) {
        return column.name().equalsIgnoreCase(tenantColumn);
    }

    private void creation(TableMeta table, Facts facts, List<FormField> required, List<FormField> optional) {
        Column column = facts.column();
        if (column.isHidden()
                || isTenant(column)
                || column.generation() != Generation.NONE
                || !column.type().isConversational()) {
            return;
        }
        boolean primaryKey = table.primaryKey.contains(column.name());
        if (!column.nullable() && !column.hasDefault()) {
            required.add(new FormField(
                    column.name(),
                    primaryKey
                            ? "primary key without a default or identity: the value must be given"
                            : "NOT NULL without a default"));
        } else if (facts.audit()) {
            return; // set by the database or the application
        } else if (column.hasDefault()) {
            optional.add(new FormField(
                    column.name(),
                    "has a default (" + column.defaultExpression().orElse("") + "): may be given"));
        } else {
            optional.add(new FormField(column.name(), "nullable: may be given"));
        }
    }

    private void updating(TableMeta table, Facts facts, List<FormField> update) {
        Column column = facts.column();
        if (column.isHidden()
                || isTenant(column)
                || column.generation() != Generation.NONE
                || !column.type().isConversational()
                || table.primaryKey.contains(column.name())
                || facts.audit()) {
            return;
        }
        update.add(new FormField(column.name(), column.isMasked() ? "writable (values shown masked)" : "writable"));
    }

    private List<FormField> read(TableMeta table, List<Column> columns, Map<String, Facts> facts) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String key : table.primaryKey) {
            columns.stream()
                    .filter(c -> c.name().equals(key) && !c.isHidden())
                    .findFirst()
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
                    case 0 ->
                        facts.get(column.name()).representativeWord() == null
                                ? null
                                : "representative (" + facts.get(column.name()).representativeWord() + ")";
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

    private List<FormField> filter(TableMeta table, List<Column> columns, Map<String, Facts> facts) {
        Map<String, String> foreignKeyTargets = new HashMap<>();
        for (ForeignKey key : table.foreignKeys) {
            for (String column : key.columns()) {
                foreignKeyTargets.putIfAbsent(column, key.targetEntity());
            }
        }
        Set<String> indexed = new HashSet<>();
        for (Index index : table.indexes) {
            indexed.addAll(index.columns());
        }
        List<FormField> fields = new ArrayList<>();
        for (Column column : columns) {
            if (column.isHidden()
                    || column.isMasked()
                    || isTenant(column)
                    || !column.type().isConversational()) {
                continue;
            }
            String reason = filterReason(table, facts.get(column.name()), foreignKeyTargets, indexed);
            if (reason != null) {
                fields.add(new FormField(column.name(), reason));
            }
        }
        return fields;
    }

    private static String filterReason(
            TableMeta table, Facts facts, Map<String, String> foreignKeyTargets, Set<String> indexed) {
        Column column = facts.column();
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
        if (facts.representativeWord() != null) {
            return "a name-, status- or code-like column (" + facts.representativeWord() + ")";
        }
        if (facts.dateWord() && type == ValueType.TEXT) {
            return "a date-like column";
        }
        if (type == ValueType.UUID) {
            return "an identifier";
        }
        return null;
    }
}
