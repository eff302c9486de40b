package dev.tabletalk.core.policy;

import dev.tabletalk.core.plan.Intent;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one role may do: the intents it may use on every entity, per-entity overrides, and
 * optionally its own cap on rows changed by one update.
 *
 * @param intents intents allowed on entities without an override
 * @param entityIntents per entity reference, the intents allowed there (replacing {@code intents})
 * @param maxAffectedRows this role's update cap; empty means the limits' cap
 */
public record RoleGrant(Set<Intent> intents, Map<String, Set<Intent>> entityIntents, OptionalInt maxAffectedRows) {

    public RoleGrant {
        intents = Set.copyOf(intents);
        var copied = new HashMap<String, Set<Intent>>();
        entityIntents.forEach((entity, allowed) -> copied.put(entity, Set.copyOf(allowed)));
        entityIntents = Map.copyOf(copied);
        Objects.requireNonNull(maxAffectedRows, "maxAffectedRows");
        if (intents.contains(Intent.UNKNOWN)) {
            throw new IllegalArgumentException("'unknown' is not an intent that can be granted");
        }
    }

    public static RoleGrant of(Intent... intents) {
        Set<Intent> set = intents.length == 0 ? Set.of() : EnumSet.of(intents[0], intents);
        return new RoleGrant(set, Map.of(), OptionalInt.empty());
    }

    public RoleGrant withMaxAffectedRows(int cap) {
        return new RoleGrant(intents, entityIntents, OptionalInt.of(cap));
    }

    public RoleGrant withEntity(String entity, Set<Intent> allowed) {
        var copy = new HashMap<>(entityIntents);
        copy.put(entity, Set.copyOf(allowed));
        return new RoleGrant(intents, copy, maxAffectedRows);
    }

    public boolean allows(Intent intent, String entity) {
        return entityIntents.getOrDefault(entity, intents).contains(intent);
    }
}
