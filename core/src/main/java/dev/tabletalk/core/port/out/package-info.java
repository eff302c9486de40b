/** Outbound ports, implemented in adapter modules, with their outcome types. */
package dev.tabletalk.core.port.out;
