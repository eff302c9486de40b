package dev.tabletalk.httpjavalin.archfixture;

import dev.tabletalk.cli.archfixture.CliRunsTheEngine;

/** Breaks R2: one inbound adapter depends on another. */
public class HttpUsesTheCli {
    public CliRunsTheEngine cli;
}
