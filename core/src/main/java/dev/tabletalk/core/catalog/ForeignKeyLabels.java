package dev.tabletalk.core.catalog;

import dev.tabletalk.core.text.Plurals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which shown foreign keys of a read get the label of the row they point at, and which columns make that label:
 * beside {@code album_id = 1} a read shows {@code album_id__label = "For Those About To Rock"}, so a person sees
 * what the number means without a second question. Decided here once, so the executor and its in-memory twin
 * label exactly the same keys with exactly the same columns.
 *
 * <p>A shown column gets a label when it is not masked, its single-column foreign key points at an entity
 * exposed in the caller's catalog through a visible column, the caller may read that entity, and that entity
 * has a label ({@link #labelColumns}). The label is read with the parent's own tenant scope and soft-delete
 * scope, so a parent of another tenant or a deleted one gives no label ({@code null}), never its text.
 *
 * <p>Stateless and thread-safe.
 */
public final class ForeignKeyLabels {

    /** What the label key of a foreign key ends with: {@code album_id__label}. */
    public static final String SUFFIX = "__label";

    /** Column names that label a row by themselves, in order of preference. */
    private static final List<String> LABEL_NAMES = List.of("name", "title", "label", "display_name", "full_name");

    /** Name parts that label a person together: the first and the last name, joined with a space. */
    private static final List<List<String>> NAME_PAIRS =
            List.of(List.of("first_name", "last_name"), List.of("firstname", "lastname"));

    private ForeignKeyLabels() {}

    /**
     * A foreign key of a read that gets a label.
     *
     * @param column the shown foreign-key column of the plan's entity
     * @param parent the entity it points at, in the caller's catalog
     * @param targetColumn the column of {@code parent} the key points at
     * @param labelColumns the columns of {@code parent} whose values, joined with a space, are the label
     */
    public record Label(String column, Entity parent, String targetColumn, List<String> labelColumns) {

        public Label {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(targetColumn, "targetColumn");
            labelColumns = List.copyOf(labelColumns);
        }

        /** The key of the label in a row: {@code <column>__label}. */
        public String key() {
            return keyOf(column);
        }
    }

    /** The label key of foreign key {@code column}. */
    public static String keyOf(String column) {
        return column + SUFFIX;
    }

    /**
     * The labels of a read of {@code entity} that shows {@code shown}, in the order of {@code shown}.
     *
     * @param catalog the caller's view of the catalog
     * @param mayRead whether the caller may read an entity of that catalog directly (role, tenancy)
     */
    public static List<Label> of(EntityCatalog catalog, Entity entity, List<String> shown, Predicate<Entity> mayRead) {
        List<Label> labels = new ArrayList<>();
        for (String name : shown) {
            Optional<Column> column = entity.visibleColumn(name).filter(c -> !c.isMasked());
            if (column.isEmpty() || shown.contains(keyOf(name))) {
                continue;
            }
            for (ForeignKey key : entity.foreignKeys()) {
                if (!key.columns().equals(List.of(column.get().name()))) {
                    continue;
                }
                Optional<Entity> parent = catalog.target(entity, key)
                        .filter(target -> target.exposure().isVisible())
                        .filter(target ->
                                target.visibleColumn(key.targetColumns().get(0)).isPresent())
                        .filter(mayRead);
                Optional<List<String>> parts = parent.flatMap(ForeignKeyLabels::labelColumns);
                if (parts.isPresent()) {
                    labels.add(new Label(
                            column.get().name(),
                            parent.get(),
                            key.targetColumns().get(0),
                            parts.get()));
                    break;
                }
            }
        }
        return List.copyOf(labels);
    }

    /**
     * The columns that label a row of {@code entity}, the first rule that finds visible, unmasked text columns:
     * a column named {@code name}, {@code title}, {@code label}, {@code display_name} or {@code full_name}; else
     * one named after the entity ({@code artist_name}, {@code artistname}, {@code city} of {@code cities}); else
     * {@code first_name} and {@code last_name} together; else {@code company_name}; else the first column whose
     * name ends with {@code name} (not a first, middle or last name alone). Empty when none fits: no label.
     */
    public static Optional<List<String>> labelColumns(Entity entity) {
        for (String name : LABEL_NAMES) {
            Optional<Column> found = usable(entity, name);
            if (found.isPresent()) {
                return Optional.of(List.of(found.get().name()));
            }
        }
        String singular = Plurals.singular(entity.name()).toLowerCase(Locale.ROOT);
        for (String name : List.of(singular + "_name", singular + "name", singular)) {
            Optional<Column> found = usable(entity, name);
            if (found.isPresent()) {
                return Optional.of(List.of(found.get().name()));
            }
        }
        for (List<String> pair : NAME_PAIRS) {
            Optional<Column> first = usable(entity, pair.get(0));
            Optional<Column> last = usable(entity, pair.get(1));
            if (first.isPresent() && last.isPresent()) {
                return Optional.of(List.of(first.get().name(), last.get().name()));
            }
        }
        Optional<Column> company = usable(entity, "company_name");
        if (company.isPresent()) {
            return Optional.of(List.of(company.get().name()));
        }
        for (Column column : entity.visibleColumns()) {
            String lower = column.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith("name") && !isNamePart(lower) && isUsable(column)) {
                return Optional.of(List.of(column.name()));
            }
        }
        return Optional.empty();
    }

    /** The label of a parent row from the values of its label columns: those present, joined with a space. */
    public static Optional<String> join(List<?> values) {
        if (values.size() == 1) {
            // the common label, one column: no list to build (a read joins one per row)
            Object value = values.get(0);
            return value == null || value.toString().isBlank()
                    ? Optional.empty()
                    : Optional.of(value.toString().strip());
        }
        List<String> parts = new ArrayList<>();
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                parts.add(value.toString().strip());
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
    }

    private static Optional<Column> usable(Entity entity, String name) {
        return entity.visibleColumns().stream()
                .filter(c -> c.name().equalsIgnoreCase(name))
                .filter(ForeignKeyLabels::isUsable)
                .findFirst();
    }

    private static boolean isUsable(Column column) {
        return !column.isHidden() && !column.isMasked() && column.type() == ValueType.TEXT;
    }

    private static boolean isNamePart(String lower) {
        return lower.endsWith("first_name")
                || lower.endsWith("last_name")
                || lower.endsWith("middle_name")
                || lower.equals("firstname")
                || lower.equals("lastname")
                || lower.equals("surname");
    }
}
