/**
 * The session store several TableTalk servers share (#17): {@link dev.tabletalk.sessionjdbc.JdbcSessionStore} keeps
 * conversation states, pending previews with their snapshots included, as JSON rows in PostgreSQL, MariaDB or H2,
 * with optimistic versions, idle expiry and a cap per user, configured by
 * {@link dev.tabletalk.sessionjdbc.SessionStoreConfig}. Core, plain JDBC and Jackson (through json-support) only.
 */
package dev.tabletalk.sessionjdbc;
