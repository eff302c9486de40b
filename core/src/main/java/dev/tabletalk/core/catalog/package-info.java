/** The catalog model: entities, columns, value types, exposure decisions with reasons, and forms. */
package dev.tabletalk.core.catalog;
