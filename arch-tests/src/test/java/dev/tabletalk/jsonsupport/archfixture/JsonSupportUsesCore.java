package dev.tabletalk.jsonsupport.archfixture;

import dev.tabletalk.core.error.ConfigurationException;

/** Breaks the json-support rules: the shared JSON configuration depends on a TableTalk module (core). */
public class JsonSupportUsesCore {
    public ConfigurationException unsupported() {
        return new ConfigurationException("unsupported");
    }
}
