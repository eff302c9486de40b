package dev.tabletalk.cli;

import java.util.Objects;

/**
 * One store that several servers share ({@code sessions.url}, {@code sharedState.url}), as {@code tabletalk doctor}
 * found it: could a connection be opened with the configured credentials.
 *
 * @param name what the store holds, e.g. {@code session store}
 * @param location where it is, its password masked
 * @param ok whether a connection was opened
 * @param message one line for a person: the server's version, or what went wrong and what to do (no password)
 */
public record SharedStoreCheck(String name, String location, boolean ok, String message) {

    public SharedStoreCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }
}
