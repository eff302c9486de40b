/**
 * Fixtures for guarded-executor tests: the attack catalogue's reference shop as DDL per database,
 * seed rows, the matching hand-built catalog, and small helpers for failure and guard tests.
 */
package dev.tabletalk.testkit.executor;
