/** Checking plans against the catalog and policy, and coercing values to column types. */
package dev.tabletalk.core.validation;
