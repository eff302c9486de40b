package dev.tabletalk.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code tabletalk doctor} found about a target database.
 *
 * @param ok whether a connection could be made
 * @param problem why not: {@code bad_url}, {@code connection_refused}, {@code bad_credentials}, ...
 * @param message what happened, for a person
 * @param hint what to do about it
 * @param serverVersion the server's version, if connected
 * @param tls {@code encrypted}, {@code not_encrypted}, {@code not_applicable} or {@code unknown}
 * @param user the connected user, if connected
 * @param exposedEntities how many tables and views TableTalk would expose
 * @param excessPrivileges whether the user may do more than TableTalk needs (DELETE, TRUNCATE, DDL)
 * @param warnings privileges beyond what TableTalk needs, and other risks
 * @param grants the statements of a least-privilege role for TableTalk
 * @param tenancy each exposed entity's tenancy for callers with a tenant, by reference
 */
public record DoctorView(boolean ok, Optional<String> problem, String message, String hint,
        Optional<String> serverVersion, String tls, Optional<String> user, int exposedEntities,
        boolean excessPrivileges, List<String> warnings, List<String> grants, java.util.Map<String, String> tenancy) {

    public DoctorView {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(user, "user");
        warnings = List.copyOf(warnings);
        grants = List.copyOf(grants);
        tenancy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tenancy));
    }
}
