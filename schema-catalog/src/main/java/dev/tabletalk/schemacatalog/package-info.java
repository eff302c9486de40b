/**
 * The schema catalog: turns a database URL into a pooled {@link javax.sql.DataSource}
 * ({@link dev.tabletalk.schemacatalog.ConnectionSpec}), checks the connection with one-line
 * errors ({@link dev.tabletalk.schemacatalog.ConnectionCheck}), reads the schema of PostgreSQL,
 * MySQL/MariaDB, SQLite and H2 with a few bulk metadata queries, decides what is safe to expose
 * (every decision with a reason) and infers the conversational forms
 * ({@link dev.tabletalk.schemacatalog.JdbcSchemaCatalog}), and exports the operator's view as
 * JSON ({@link dev.tabletalk.schemacatalog.CatalogJson}).
 *
 * <p>This package reads metadata only; it never reads or writes business rows.
 */
package dev.tabletalk.schemacatalog;
