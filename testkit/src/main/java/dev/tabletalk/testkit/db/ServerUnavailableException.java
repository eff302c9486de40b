package dev.tabletalk.testkit.db;

/** A test database server could not be started or reached. */
public final class ServerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
