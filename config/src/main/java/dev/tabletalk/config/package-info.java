/**
 * {@code tabletalk.yaml}: the operator's one configuration file, read (YAML or JSON), interpolated
 * ({@code ${env:NAME}}, {@code ${file:PATH}}), validated against a JSON Schema and Bean Validation constraints, and
 * layered (defaults &lt; file &lt; environment &lt; flags) into one {@link dev.tabletalk.config.TableTalkConfig}
 * whose every value remembers where it came from. {@link dev.tabletalk.config.ConfigLoader} is the entry point.
 * Nothing here reads the process environment: callers pass it in.
 */
package dev.tabletalk.config;
