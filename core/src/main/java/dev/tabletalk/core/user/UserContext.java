package dev.tabletalk.core.user;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, as established by the inbound adapter from a verified identity. Never taken
 * from a planner or from message text.
 *
 * @param userId a stable user id
 * @param role the role the policy knows the user by ({@code viewer}, {@code editor}, {@code admin}, ...)
 * @param tenantId the caller's tenant (the value forced on the tenant column), if any
 * @param attributes further identity claims, for the audit log; never secrets
 */
public record UserContext(String userId, String role, Optional<String> tenantId, Map<String, String> attributes) {

    public UserContext {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenantId, "tenantId");
        attributes = Map.copyOf(attributes);
        if (userId.isBlank()) {
            throw new IllegalArgumentException("a user needs an id");
        }
    }

    public static UserContext of(String userId, String role) {
        return new UserContext(userId, role, Optional.empty(), Map.of());
    }

    public static UserContext of(String userId, String role, String tenantId) {
        return new UserContext(userId, role, Optional.of(tenantId), Map.of());
    }

    public UserContext withRole(String newRole) {
        return new UserContext(userId, newRole, tenantId, attributes);
    }
}
