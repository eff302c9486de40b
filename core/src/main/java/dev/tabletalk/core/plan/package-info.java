/** Plans (read, create, update; there is no delete) and filters with a closed operator set. Data only. */
package dev.tabletalk.core.plan;
