/** Fakes of the outbound ports, for engine and adapter tests: scripted, recording, in memory. */
package dev.tabletalk.testkit.fakes;
