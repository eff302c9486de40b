/** Abstract JUnit 5 suites, one per outbound port, that every implementation (and fake) must pass. */
package dev.tabletalk.testkit.contract;
