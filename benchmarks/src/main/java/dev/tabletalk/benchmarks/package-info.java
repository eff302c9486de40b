/**
 * Benchmarks that measure the modules through their public API, on the testkit's databases
 * ({@link dev.tabletalk.testkit.db.DatabaseServers}). Built only with {@code -Pbenchmarks}.
 */
package dev.tabletalk.benchmarks;
