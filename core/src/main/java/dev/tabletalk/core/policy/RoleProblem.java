package dev.tabletalk.core.policy;

import java.util.Objects;

/**
 * A mistake in a role's grants found against the catalog ({@link RolePolicy#problems}): what a configuration loader
 * reports with the file and line of {@code path}, and refuses to start with.
 *
 * @param role the role's name
 * @param path where in the role it is, in the configuration's key path ({@code columns.customers})
 * @param message what is wrong, for the operator
 */
public record RoleProblem(String role, String path, String message) {

    public RoleProblem {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "roles." + role + "." + path + ": " + message;
    }
}
