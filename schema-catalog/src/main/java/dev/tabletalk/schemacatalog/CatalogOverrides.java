package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.EntityCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's per-entity exposure, column exposure, soft-delete and tenancy settings (the {@code entities:} and
 * {@code tenancy.entities:} sections of {@code tabletalk.yaml}, #14), applied by the catalog on top of its own
 * decisions.
 *
 * <p>They may tighten freely (hide an entity or column, make an entity read-only, mask a column, hide an entity
 * from tenants). Loosening is limited: showing what the catalog hides as a secret, system, authentication or
 * migration table (or a secret column) needs {@code allowSecret} on that entry; a tenancy can only be confirmed or
 * made {@code hidden}; {@code read_write} needs a table whose primary key is visible. Entity and column names are
 * matched exactly (or by a unique case-insensitive match); an entity of one name in two schemas is written
 * {@code schema.name}. Every mistake is an {@link OverrideProblem} from {@link #check}; loading a catalog with
 * overrides that have problems fails with a {@link dev.tabletalk.core.error.ConfigurationException} listing them.
 *
 * @param entities per-entity settings by entity name, in the file's order
 * @param tenancy per-entity tenancy by entity name, in the file's order
 */
public record CatalogOverrides(Map<String, EntityOverride> entities, Map<String, TenancyOverride> tenancy) {

    private static final CatalogOverrides NONE = new CatalogOverrides(Map.of(), Map.of());

    public CatalogOverrides {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        tenancy = Collections.unmodifiableMap(new LinkedHashMap<>(tenancy));
        entities.forEach((name, entity) -> {
            Objects.requireNonNull(name, "entity name");
            Objects.requireNonNull(entity, "entity override");
        });
        tenancy.forEach((name, value) -> {
            Objects.requireNonNull(name, "entity name");
            Objects.requireNonNull(value, "tenancy override");
        });
    }

    /** No overrides: the catalog's own decisions. */
    public static CatalogOverrides none() {
        return NONE;
    }

    /** A builder that keeps the order entries are added in (the file's order, for messages). */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether there is no entry at all: the catalog then decides everything itself. */
    public boolean isEmpty() {
        return entities.isEmpty() && tenancy.isEmpty();
    }

    /**
     * Checks these overrides against a catalog without them, without building anything: every misspelt entity or
     * column (with the closest name), every loosening of a tenancy, every secret shown without {@code allowSecret},
     * every impossible exposure or soft-delete marker. Used by {@code config validate}; the catalog runs the same
     * check on every load.
     *
     * @param catalog the catalog as loaded with {@code options.withoutOverrides()}
     * @param options the options these overrides belong to (deny patterns, tenant column)
     * @return the problems in the file's order; empty when the overrides apply
     */
    public List<OverrideProblem> check(EntityCatalog catalog, CatalogOptions options) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(options, "options");
        return OverrideResolution.resolve(this, catalog, options).problems();
    }

    /**
     * One warning per {@code allowSecret} entry, for {@code doctor}: each shows something the catalog would hide
     * as a secret.
     */
    public List<String> allowSecretWarnings() {
        List<String> warnings = new ArrayList<>();
        entities.forEach((name, entity) -> {
            if (entity.allowSecret()) {
                warnings.add("entities." + name + " has allowSecret: true: a table TableTalk hides as a secret, "
                        + "system, authentication or migration table is exposed on purpose; remove it unless people "
                        + "must use that table");
            }
            entity.columns().forEach((column, override) -> {
                if (override.allowSecret()) {
                    warnings.add("entities." + name + ".columns." + column + " has allowSecret: true: a column "
                            + "whose name says it holds a secret is shown on purpose; remove it unless people must "
                            + "see it");
                }
            });
        });
        return warnings;
    }

    /** Builds {@link CatalogOverrides}, keeping the order entries are added in. */
    public static final class Builder {
        private final Map<String, EntityOverride> entities = new LinkedHashMap<>();
        private final Map<String, TenancyOverride> tenancy = new LinkedHashMap<>();

        private Builder() {}

        /** Settings for this entity ({@code entities.<name>}), replacing earlier ones. */
        public Builder entity(String name, EntityOverride value) {
            entities.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The tenancy of this entity ({@code tenancy.entities.<name>}), replacing an earlier one. */
        public Builder tenancy(String name, TenancyOverride value) {
            tenancy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The overrides added so far. */
        public CatalogOverrides build() {
            return new CatalogOverrides(entities, tenancy);
        }
    }
}
