/**
 * The deterministic, offline planner: English phrasing read with rules against the schema view
 * (names, comments, types, form roles), never against row data (invariant 8). The only public
 * types are {@link dev.tabletalk.plannerrules.RulesPlanner} and its config record.
 */
package dev.tabletalk.plannerrules;
