package dev.tabletalk.identity.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks no rule: identity reads the context header's JSON with Jackson. */
public class IdentityReadsJson {
    public ObjectMapper json;
}
