package dev.tabletalk.cli.archfixture;

import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.port.out.GuardedExecutor;

/** Breaks R5: an inbound adapter reaching past the inbound port to the engine and an outbound port. */
public class CliRunsTheEngine {
    public ConversationEngine engine;
    public GuardedExecutor executor;
}
