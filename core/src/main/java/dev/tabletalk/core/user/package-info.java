/** Who is asking: the user context established by an inbound adapter. */
package dev.tabletalk.core.user;
