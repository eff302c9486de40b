package dev.tabletalk.cli;

import java.io.InputStream;
import java.util.Objects;

/**
 * What every command of one run shares.
 *
 * @param opener opens TableTalk
 * @param in standard input
 * @param terminal whether standard input and output are an interactive terminal
 */
record CliContext(TableTalkOpener opener, InputStream in, boolean terminal) {

    CliContext {
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(in, "in");
    }
}
