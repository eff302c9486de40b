/**
 * The command-line adapter: picocli commands ({@code demo}, {@code chat}, {@code plan}, {@code schema}),
 * a JLine REPL and a non-interactive mode (one message per stdin line, one reply per stdout line).
 * It talks to TableTalk only through {@link dev.tabletalk.cli.CliSession}: the inbound port and
 * read-only views, never an outbound port. {@link dev.tabletalk.cli.TableTalkCli} is the entry point.
 */
package dev.tabletalk.cli;
