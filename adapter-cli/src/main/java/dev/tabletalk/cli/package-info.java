/**
 * The command-line adapter: picocli commands ({@code demo}, {@code chat}, {@code plan}, {@code schema},
 * {@code audit}, {@code replay}, {@code doctor}), a JLine REPL and a non-interactive mode (one message per
 * stdin line, one reply per stdout line). It talks to TableTalk only through core's inbound ports, which a
 * {@link dev.tabletalk.cli.TableTalkOpener} opens for each command, never through an outbound port.
 * {@link dev.tabletalk.cli.TableTalkCli} is the entry point; the app adds the commands that start servers.
 */
package dev.tabletalk.cli;
