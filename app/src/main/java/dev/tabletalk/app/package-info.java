/**
 * The runnable {@code tabletalk.jar}: {@link dev.tabletalk.app.Main} wires the launcher into the
 * command-line adapter and chooses the logging backend (slf4j-simple, warnings to stderr).
 */
package dev.tabletalk.app;
