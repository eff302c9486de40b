/**
 * Inbound ports: what HTTP, CLI and embedding callers use, and nothing else of core. Each use case is one
 * interface with its own result records ({@link dev.tabletalk.core.port.in.Conversations} for the chat,
 * {@link dev.tabletalk.core.port.in.PlanChecks}, {@link dev.tabletalk.core.port.in.AuditTrail}, ... for the
 * operator), so that every adapter renders the same facts its own way.
 */
package dev.tabletalk.core.port.in;
