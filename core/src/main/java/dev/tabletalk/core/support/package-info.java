/** The only port implementations allowed in core: the system clock and the in-memory session store. */
package dev.tabletalk.core.support;
