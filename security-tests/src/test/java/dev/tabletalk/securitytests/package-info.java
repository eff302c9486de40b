/**
 * The security and reliability suite: the attack catalogue end to end at plan level and over HTTP,
 * with database-side probes for the global checks G1-G7; faults through an in-test TCP proxy; load
 * through HTTP; the least-privilege database role. Tests only; see {@code docs/security.md}.
 */
package dev.tabletalk.securitytests;
