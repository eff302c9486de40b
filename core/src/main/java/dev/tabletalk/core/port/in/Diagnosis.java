package dev.tabletalk.core.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Diagnostics#check} found about a target database.
 *
 * @param ok whether a connection could be made
 * @param problem why not: {@code bad_url}, {@code connection_refused}, {@code bad_credentials}, ...
 * @param message what happened, for a person
 * @param hint what to do about it; empty when there is nothing to do
 * @param serverVersion the server's version, if connected
 * @param tls {@code encrypted}, {@code not_encrypted}, {@code not_applicable} or {@code unknown}
 * @param user the connected user, if connected
 * @param exposedEntities how many tables and views TableTalk would expose
 * @param excessPrivileges whether the user may do more than TableTalk needs (DELETE, TRUNCATE, DDL)
 * @param warnings privileges beyond what TableTalk needs, and other risks
 * @param grants the statements of a least-privilege role for TableTalk
 * @param tenancy each exposed entity's tenancy for callers with a tenant, by reference
 */
public record Diagnosis(
        boolean ok,
        Optional<String> problem,
        String message,
        String hint,
        Optional<String> serverVersion,
        String tls,
        Optional<String> user,
        int exposedEntities,
        boolean excessPrivileges,
        List<String> warnings,
        List<String> grants,
        Map<String, String> tenancy) {

    public Diagnosis {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(user, "user");
        warnings = List.copyOf(warnings);
        grants = List.copyOf(grants);
        tenancy = Collections.unmodifiableMap(new LinkedHashMap<>(tenancy));
    }

    /** A database that could not be reached or named: nothing else is known. */
    public static Diagnosis failed(String problem, String message, String hint) {
        return new Diagnosis(
                false,
                Optional.of(problem),
                message,
                hint,
                Optional.empty(),
                "unknown",
                Optional.empty(),
                0,
                false,
                List.of(),
                List.of(),
                Map.of());
    }
}
