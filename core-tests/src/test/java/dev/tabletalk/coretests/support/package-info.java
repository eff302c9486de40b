/** Core's own port implementations ({@code core.support}) held to the testkit's port contracts. */
package dev.tabletalk.coretests.support;
