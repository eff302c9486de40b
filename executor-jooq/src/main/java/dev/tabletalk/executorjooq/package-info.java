/**
 * The guarded executor on jOOQ: the only code that reads or writes business rows.
 *
 * <p>{@link dev.tabletalk.executorjooq.JooqGuardedExecutor#create} is the one entry point; every
 * other type here is package-private. Plans are validated again with the core
 * {@link dev.tabletalk.core.validation.PlanValidator}, statements are built only with jOOQ's DSL from
 * catalog identifiers and bound values, and an execute listener aborts anything that is not a
 * single SELECT, INSERT or UPDATE.
 */
package dev.tabletalk.executorjooq;
