package dev.tabletalk.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a field as a person writes it ("first name", "First Name", "firstname") to a visible
 * column ({@code first_name}, {@code FirstName}). Exact names win; otherwise names are compared
 * with case, spaces, underscores and dashes ignored, and only a unique match counts. Hidden
 * columns are never matched.
 */
public final class FieldNames {

    private FieldNames() {}

    public static Optional<Column> resolve(Entity entity, String typed) {
        Optional<Column> direct = entity.visibleColumn(typed.strip());
        if (direct.isPresent()) {
            return direct;
        }
        String key = squash(typed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<Column> matches = entity.visibleColumns().stream().filter(c -> squash(c.name()).equals(key)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** A column name as words for a person: {@code first_name} and {@code FirstName} become "first name". */
    public static String label(String columnName) {
        String spaced = columnName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        return spaced.strip().toLowerCase(Locale.ROOT);
    }

    private static String squash(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    }
}
