package dev.tabletalk.identity.archfixture;

import dev.tabletalk.httpjavalin.archfixture.HttpUsesTheCli;

/** Breaks the identity rules: identity reaching into an adapter. */
public class IdentityUsesTheHttpAdapter {
    public HttpUsesTheCli adapter;
}
