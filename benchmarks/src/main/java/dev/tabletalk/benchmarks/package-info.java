/** Benchmarks that report each figure against a baseline measured in the same run (only with -Pbenchmarks). */
package dev.tabletalk.benchmarks;
