/**
 * Core's behaviour tests that need the testkit (fakes, fixtures, contract suites): the conversation
 * engine, sessions and core's own port implementations. Test code only; nothing here is published.
 */
package dev.tabletalk.coretests;
