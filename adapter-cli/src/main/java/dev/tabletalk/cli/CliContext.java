package dev.tabletalk.cli;

import java.io.InputStream;
import java.util.Objects;

/**
 * What every command of one run shares.
 *
 * @param connector opens TableTalk
 * @param in standard input
 * @param terminal whether standard input and output are an interactive terminal
 */
record CliContext(CliConnector connector, InputStream in, boolean terminal) {

    CliContext {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(in, "in");
    }
}
