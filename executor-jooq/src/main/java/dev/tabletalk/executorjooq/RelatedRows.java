package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Related;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A validated {@link Related} as SQL: {@code field IN (SELECT key FROM entity WHERE filters AND key IS NOT NULL AND
 * the entity's tenant scope AND its live rows)}, built from catalog identifiers and bound values only
 * (invariant 2). The entity pointed at is narrowed exactly as a direct read of it would be (invariant 7): its
 * tenant condition, direct or through every foreign-key path ({@link TenantScope}), and its soft-deleted rows
 * left out ({@link SoftDeleteScope}); so a link can never reach a row that reading that entity could not.
 *
 * <p>The sub-select names its table unaliased, as every statement of the executor does, so the tenant scope's
 * qualified references and the filters' unqualified columns resolve to it (the innermost table in SQL scope),
 * also when the link points at the plan's own table. Immutable and thread-safe for one call.
 */
final class RelatedRows {

    private final EntityCatalog entities;
    private final TenantScope scope;

    /**
     * @param entities the caller's view of the catalog (the validator resolved every link in it)
     * @param scope the caller's tenant scope
     */
    RelatedRows(EntityCatalog entities, TenantScope scope) {
        this.entities = Objects.requireNonNull(entities, "entities");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** The condition of {@code related} on rows of {@code entity}. */
    Condition condition(Entity entity, Related related) {
        Entity target = entities.find(related.entity())
                .orElseThrow(() -> new IllegalStateException("validated link to an unknown entity"));
        ForeignKey key = keyOf(entity, related.field(), target);
        Column foreign = entity.column(related.field()).orElseThrow();
        Column referenced = target.column(key.targetColumns().get(0)).orElseThrow();
        if (related.filters().isEmpty()) {
            throw new IllegalStateException("validated link without conditions");
        }
        Field<Object> targetKey = Sql.field(referenced);
        Condition where = Sql.filters(target, related.filters(), this)
                .and(targetKey.isNotNull())
                // INV-7: the entity pointed at is scoped as a direct read of it is
                .and(scope.condition(target))
                .and(SoftDeleteScope.condition(target, DeletedRows.EXCLUDED));
        return Sql.field(foreign)
                .in(DSL.select(targetKey).from(Sql.table(target)).where(where));
    }

    private ForeignKey keyOf(Entity entity, String field, Entity target) {
        for (ForeignKey key : entity.foreignKeys()) {
            if (key.columns().equals(List.of(field))
                    && entities.target(entity, key).filter(target::equals).isPresent()) {
                return key;
            }
        }
        throw new IllegalStateException("validated link without a foreign key");
    }
}
