package dev.tabletalk.schemacatalog;

import java.util.Locale;

/**
 * An operator's word on an entity's tenancy ({@code tenancy.entities.<name>}). It may only tighten what the
 * catalog decided from the schema: any entity may be made {@link #HIDDEN}; naming the tenancy the catalog
 * decided ({@code direct}, {@code via}, {@code shared}) confirms it; anything else would loosen isolation and is
 * a configuration error (see {@link CatalogOverrides#check}).
 */
public enum TenancyOverride {
    /** Confirms that the entity has the tenant column. */
    DIRECT,
    /** Confirms that foreign keys tie the entity's rows to a tenant. */
    VIA,
    /** Confirms that the entity is reference data: every tenant reads it, none changes it (read-only for them). */
    SHARED,
    /** Hides the entity from every caller: it answers like a name that does not exist. */
    HIDDEN;

    /** The word written in the file and in messages: {@code direct}, {@code via}, {@code shared}, {@code hidden}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
