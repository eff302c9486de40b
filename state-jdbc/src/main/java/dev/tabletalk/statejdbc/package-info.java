/**
 * What several TableTalk servers behind one load balancer share besides sessions and the audit chain, on
 * PostgreSQL, MariaDB or H2: the rate-limit token buckets and the operator's state (the read-only switch, the
 * count of reloads and the latest connect, whose password is only ever kept sealed with a
 * {@link dev.tabletalk.statejdbc.SharedKey}). {@link dev.tabletalk.statejdbc.JdbcSharedState} is the entry point,
 * with its values {@link dev.tabletalk.statejdbc.SharedKey} and {@link dev.tabletalk.statejdbc.SharedTarget};
 * everything else is package-private.
 */
package dev.tabletalk.statejdbc;
