package dev.tabletalk.app;

import dev.tabletalk.cli.CliSettings;
import dev.tabletalk.config.EffectiveConfig;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.TargetConnections;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code tabletalk serve} asks the app to start.
 *
 * @param target the command's settings as given (demo or not, the flags)
 * @param settings the layered settings (file &lt; environment &lt; flags): database, planner, audit, limits and the
 *     {@code http} section
 */
public record ServeSettings(CliSettings target, EffectiveConfig settings) {

    public ServeSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
    }

    /** The address to bind, {@code 127.0.0.1} by default. */
    public String host() {
        return settings.config().http().host();
    }

    /** The port; 0 picks a free one. */
    public int port() {
        return settings.config().http().port();
    }

    /** {@code dev}, {@code jwt} or {@code hmac}. */
    public String auth() {
        return settings.config().http().auth().mode();
    }

    /** Whether the unsigned dev identity is allowed on a non-loopback address. */
    public boolean forceDevOnNonLoopback() {
        return settings.config().http().auth().forceDevOnNonLoopback();
    }

    /**
     * The database {@code host:port} entries {@code POST /admin/connect} may switch to (the route exists only with
     * the operator token {@code admin.token}); empty by default.
     */
    public Set<String> connectTargets() {
        Set<String> targets = new LinkedHashSet<>();
        for (String entry : settings.config().http().connectTargets()) {
            try {
                targets.add(TargetConnections.target(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--allow-connect (http.connectTargets) takes host:port entries "
                        + "separated by commas, e.g. db1.internal:5432,10.0.0.7:3306");
            }
        }
        return Collections.unmodifiableSet(targets);
    }
}
