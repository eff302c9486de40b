/**
 * Benchmarks that measure the modules through their public API, on the testkit's databases
 * ({@link dev.tabletalk.testkit.db.DatabaseServers}), and report each figure against a baseline measured in the
 * same run. Built only with {@code -Pbenchmarks}.
 */
package dev.tabletalk.benchmarks;
