package dev.tabletalk.jdbcsupport.archfixture;

import dev.tabletalk.core.error.ConfigurationException;

/** Breaks the jdbc-support rules: the shared JDBC module depends on a TableTalk module (core). */
public class SupportUsesCore {
    public ConfigurationException unsupported() {
        return new ConfigurationException("unsupported");
    }
}
