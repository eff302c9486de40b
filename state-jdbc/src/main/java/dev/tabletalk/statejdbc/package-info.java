/**
 * What several TableTalk servers behind one load balancer share besides sessions and the audit chain, on
 * PostgreSQL, MariaDB or H2: the rate-limit token buckets and the operator's state (the read-only switch and the
 * count of reloads). {@link dev.tabletalk.statejdbc.JdbcSharedState} is the one entry point; everything else is
 * package-private.
 */
package dev.tabletalk.statejdbc;
