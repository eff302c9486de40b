package dev.tabletalk.core.policy;

import dev.tabletalk.core.user.UserContext;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of a row rule ({@link RoleGrant#withRowRules}) that stands for a claim of the caller, like Hasura's
 * session variables: {@code {field: owner_id, op: "=", value: {claim: user_id}}} keeps a role on the rows it owns.
 * It is resolved from the verified {@link UserContext} by the executor at each request, never from a planner or
 * message text.
 *
 * <p>The claims are {@code user_id} (the user's id), {@code role}, {@code tenant_id} (also {@code tenant}) and,
 * under any other name, the identity attribute of that name. A claim the caller does not have is never a value
 * (and never matches everything): the request is refused ({@link #resolve} is empty).
 *
 * @param claim the claim's name
 */
public record ClaimValue(String claim) {

    /** The user's id. */
    public static final String USER_ID = "user_id";
    /** The user's role. */
    public static final String ROLE = "role";
    /** The user's tenant. */
    public static final String TENANT_ID = "tenant_id";

    public ClaimValue {
        Objects.requireNonNull(claim, "claim");
        if (claim.isBlank()) {
            throw new IllegalArgumentException("a claim needs a name");
        }
    }

    public static ClaimValue of(String claim) {
        return new ClaimValue(claim);
    }

    /** The claim's value for {@code user}, as text; empty when the caller has no such claim, or a blank one. */
    public Optional<String> resolve(UserContext user) {
        Objects.requireNonNull(user, "user");
        Optional<String> value = switch (claim) {
            case USER_ID, "userId" -> Optional.of(user.userId());
            case ROLE -> Optional.of(user.role());
            case TENANT_ID, "tenant", "tenantId" -> user.tenantId();
            default -> Optional.ofNullable(user.attributes().get(claim));
        };
        return value.filter(text -> !text.isBlank());
    }

    @Override
    public String toString() {
        return "{claim: " + claim + "}";
    }
}
