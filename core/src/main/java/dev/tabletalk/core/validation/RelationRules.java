package dev.tabletalk.core.validation;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@link Related} is a link this caller may follow: its field is a column of the plan's entity that a
 * plan may filter by (never the tenant column, a masked or a hidden one), the entity it names is exposed to the
 * caller (a hidden entity answers exactly like one that does not exist, invariant 6) and readable by the
 * caller's role and tenancy as a read of it would be, the field's single-column catalog foreign key points at
 * that entity through a visible column, and the link has conditions of its own. The conditions themselves are
 * checked by {@link ConditionRules} on the entity pointed at.
 *
 * <p>Immutable and thread-safe.
 */
final class RelationRules {

    private final FieldResolver fields;
    private final AccessPolicy access;

    RelationRules(FieldResolver fields, AccessPolicy access) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.access = Objects.requireNonNull(access, "access");
    }

    /**
     * The entity a link points at.
     *
     * @param field the canonical name of the foreign-key column
     * @param reference the catalog reference of the entity pointed at
     * @param entity the entity pointed at, in the caller's catalog
     */
    record Target(String field, String reference, Entity entity) {}

    /** Where {@code related} (on {@code entity}) points, when it may be followed; else the problems are added. */
    Optional<Target> target(Related related, Entity entity, ConditionRules.Scope scope, List<Problem> problems) {
        Optional<Column> column = fields.filterable(entity, related.field(), problems);
        EntityCatalog catalog = scope.catalog();
        Optional<Entity> found = catalog.find(related.entity());
        if (found.isEmpty()) {
            // INV-6: a hidden entity gets exactly the answer of one that does not exist
            problems.add(Problem.of(
                    RefusalCode.UNKNOWN_ENTITY, Wording.unknownEntity(ValueCoercion.quote(related.entity()))));
            return Optional.empty();
        }
        Entity target = found.get();
        String reference = catalog.referenceOf(target);
        // a link reads the rows it points at: the caller must be allowed to read them directly
        Optional<Problem> refused = access.refusal(Intent.READ, target, reference, scope.user(), catalog);
        if (refused.isPresent()) {
            problems.add(refused.get());
            return Optional.empty();
        }
        if (column.isEmpty()) {
            return Optional.empty();
        }
        String field = column.get().name();
        if (!pointsAt(catalog, entity, field, target)) {
            problems.add(Problem.of(
                    RefusalCode.FIELD_NOT_FILTERABLE,
                    field,
                    Wording.notALink(catalog.referenceOf(entity), field, reference, links(catalog, entity))));
            return Optional.empty();
        }
        if (related.filters().isEmpty()) {
            problems.add(Problem.of(RefusalCode.TYPE_MISMATCH, field, Wording.relatedNeedsFilter(reference)));
            return Optional.empty();
        }
        return Optional.of(new Target(field, reference, target));
    }

    /** The single-column foreign key of {@code entity} on {@code field}, pointing at {@code target}, if any. */
    static Optional<ForeignKey> key(EntityCatalog catalog, Entity entity, String field, Entity target) {
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().equals(List.of(field))
                    && catalog.target(entity, key).filter(target::equals).isPresent()
                    && target.visibleColumn(key.targetColumns().get(0)).isPresent()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean pointsAt(EntityCatalog catalog, Entity entity, String field, Entity target) {
        return key(catalog, entity, field, target).isPresent();
    }

    /** {@code field -> entity} for every link of {@code entity} to an exposed entity, for the refusal. */
    private static List<String> links(EntityCatalog catalog, Entity entity) {
        List<String> links = new ArrayList<>();
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().size() != 1
                    || entity.visibleColumn(key.columns().get(0)).isEmpty()) {
                continue;
            }
            catalog.target(entity, key)
                    .filter(target -> target.exposure().isVisible())
                    .filter(target ->
                            target.visibleColumn(key.targetColumns().get(0)).isPresent())
                    .ifPresent(target -> links.add(catalog.referenceOf(target) + " through "
                            + key.columns().get(0)));
        }
        return links;
    }
}
