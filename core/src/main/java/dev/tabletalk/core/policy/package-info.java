/** Limits, role policy and the read-only emergency switch. */
package dev.tabletalk.core.policy;
