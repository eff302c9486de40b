package dev.tabletalk.core.plan;

import dev.tabletalk.core.validation.PlanValidator;
import java.util.List;

/**
 * A structured request against one entity. There are exactly three kinds; DELETE is not
 * representable (invariant 1).
 *
 * <p>A plan names its entity by the catalog reference and its fields by column name. A plan
 * is only data: it is checked by {@link PlanValidator} and enforced again by the executor.
 */
public sealed interface Plan permits ReadPlan, CreatePlan, UpdatePlan {

    /** The entity's catalog reference. */
    String entity();

    Intent intent();

    /** The conditions, combined with AND (empty for a create). */
    List<Condition> filters();
}
