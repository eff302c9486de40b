package dev.tabletalk.core.error;

/**
 * The root of TableTalk's own exceptions. Exactly two kinds exist, so every edge can map them
 * completely: a dependency that is down or misbehaves, and bad configuration found at start.
 * Expected outcomes (refusals, validation problems) are values, never exceptions.
 */
public abstract sealed class TableTalkException extends RuntimeException
        permits DependencyUnavailableException, ConfigurationException {

    private static final long serialVersionUID = 1L;

    protected TableTalkException(String message, Throwable cause) {
        super(message, cause);
    }
}
