package dev.tabletalk.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * A relationship filter: the row's foreign key {@code field} points at a row of {@code entity} for which
 * {@code filters} hold. "tracks of the album Let There Be Rock" is
 * {@code Related("album_id", "albums", [title = 'Let There Be Rock'])}.
 *
 * <p>Wire form: {@code {"field": fk-column, "op": "in", "via": {"entity": ..., "filters": [items]}}}. The
 * executor runs it as {@code field IN (SELECT key FROM entity WHERE filters AND that entity's own guards)}: the
 * related entity is scoped to the caller's tenant and its soft-deleted rows are left out, exactly as if it were
 * read on its own, so a relationship can never reach a row a direct read could not.
 *
 * @param field the single-column foreign key of the plan's entity (after validation: a visible column with a
 *     catalog foreign key to {@code entity})
 * @param entity the catalog reference of the entity the foreign key points at
 * @param filters conditions on {@code entity}'s own fields, combined with AND; the validator refuses an empty list
 */
public record Related(String field, String entity, List<Condition> filters) implements Condition {

    public Related {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(entity, "entity");
        filters = List.copyOf(filters);
    }

    public static Related of(String field, String entity, Condition... filters) {
        return new Related(field, entity, List.of(filters));
    }

    @Override
    public String toString() {
        return field + " in " + entity + filters;
    }
}
