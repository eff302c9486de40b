package dev.tabletalk.core.error;

/** Bad configuration, found when TableTalk is built, never later. The message says what to fix. */
public final class ConfigurationException extends TableTalkException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
