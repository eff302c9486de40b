/** Plans (read, create, update; there is no delete), filters with a closed operator set, value coercion and validation. */
package dev.tabletalk.core.plan;
