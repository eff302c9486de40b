package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code tabletalk serve} asks the app to start.
 *
 * @param target the database, planner and audit store, as for the chat
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port; 0 picks a free one
 * @param auth {@code dev}, {@code jwt} or {@code hmac}; keys come from {@code TABLETALK_*} environment variables
 * @param forceDevOnNonLoopback whether the unsigned dev identity is allowed on a non-loopback address
 * @param connectTargets the database {@code host:port} entries {@code POST /admin/connect} may switch to (the
 *     route exists only when the operator token {@code TABLETALK_ADMIN_TOKEN} is set); empty by default
 */
public record ServeSettings(
        CliSettings target,
        String host,
        int port,
        String auth,
        boolean forceDevOnNonLoopback,
        Set<String> connectTargets) {

    public ServeSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        connectTargets = Set.copyOf(connectTargets);
    }

    /** Settings with no connect targets. */
    public ServeSettings(CliSettings target, String host, int port, String auth, boolean forceDevOnNonLoopback) {
        this(target, host, port, auth, forceDevOnNonLoopback, Set.of());
    }
}
