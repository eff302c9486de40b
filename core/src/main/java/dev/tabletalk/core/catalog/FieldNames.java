package dev.tabletalk.core.catalog;

import dev.tabletalk.core.text.Identifiers;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a field as a person writes it ("first name", "First Name", "firstname") to a visible
 * column ({@code first_name}, {@code FirstName}). Exact names win; otherwise names are compared
 * with case, spaces and punctuation ignored, and only a unique match counts. Hidden
 * columns are never matched.
 */
public final class FieldNames {

    private FieldNames() {}

    public static Optional<Column> resolve(Entity entity, String typed) {
        Optional<Column> direct = entity.visibleColumn(typed.strip());
        if (direct.isPresent()) {
            return direct;
        }
        String key = Identifiers.squash(typed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<Column> matches = entity.visibleColumns().stream()
                .filter(c -> Identifiers.squash(c.name()).equals(key))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
