/**
 * Test support shared by every module: port contract suites, fakes that pass them, and fixtures.
 * Only ever a test-scoped dependency (the enforcer bans it elsewhere).
 */
package dev.tabletalk.testkit;
