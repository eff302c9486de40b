/**
 * Macros (#14): requests an operator names once ("deactivate customer 42", "revenue in month March 2025"), each a
 * plan template in the {@code plan --json} shape with typed parameters. A macro grants nothing: its plan is
 * validated, previewed and confirmed like any planned one.
 */
package dev.tabletalk.core.macro;
