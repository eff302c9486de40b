/**
 * The audit log on TableTalk's own store (invariant 9): {@link dev.tabletalk.audit.JdbcAuditLog} appends every turn
 * to {@code ai_audit_log} as one link of a SHA-256 hash chain, {@link dev.tabletalk.audit.JdbcAuditLog#verify()}
 * walks the chain, {@link dev.tabletalk.audit.AuditQueries} lists sessions and turns, and
 * {@link dev.tabletalk.audit.AuditReplay} feeds recorded messages through a planner again to show where plans
 * changed. Core and plain JDBC only: no jOOQ, no Jackson; the canonical JSON is written here.
 */
package dev.tabletalk.audit;
