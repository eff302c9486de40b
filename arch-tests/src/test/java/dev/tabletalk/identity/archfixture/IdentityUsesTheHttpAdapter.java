package dev.tabletalk.identity.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tabletalk.httpjavalin.archfixture.HttpUsesTheCli;

/** Breaks the identity rules: identity reaching into an adapter, and a library beyond core and nimbus. */
public class IdentityUsesTheHttpAdapter {
    public HttpUsesTheCli adapter;
    public ObjectMapper json;
}
