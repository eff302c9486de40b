/** Inbound ports: what HTTP, CLI and embedding callers use. */
package dev.tabletalk.core.port.in;
