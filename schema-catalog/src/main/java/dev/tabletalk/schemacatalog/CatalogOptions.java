package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * What to read and how to expose it. Start from {@link #defaults()} or {@link #builder()}.
 *
 * <p>Name patterns (all lists below) are matched case-insensitively against the whole name: an
 * exact name, a glob with {@code *} and {@code ?}, or a regular expression written {@code /…/}
 * or {@code re:…}. Table patterns are tried on {@code table} and {@code schema.table}; column
 * patterns on {@code column}, {@code table.column} and {@code schema.table.column}. A deny
 * always wins over an allow, and both win over the built-in rules.
 *
 * @param schemas the schemas to read; empty means the dialect's default (PostgreSQL: the schemas
 *     on the search path; MySQL/MariaDB: the connection's database; H2: the current schema;
 *     SQLite: main)
 * @param tenantColumn the column that scopes rows to a tenant: never in a create or update form,
 *     never a filter (it is forced from the caller's identity)
 * @param allowTables tables to expose even though a built-in rule would hide them
 * @param denyTables tables to hide
 * @param readOnlyTables tables to expose read-only
 * @param allowColumns columns to show even though a built-in rule would hide them
 * @param denyColumns columns to hide
 * @param maskedColumns columns whose values are shown masked (never filtered by); by default
 *     {@link #DEFAULT_MASKED_COLUMNS}
 * @param maxReadFields the most fields a form shows by default when reading (at least 1)
 * @param progress told how a load advances
 * @param overrides per-entity and per-column exposure, soft-delete and tenancy settings applied on top of every
 *     rule above ({@code entities:} and {@code tenancy.entities:} of {@code tabletalk.yaml}); a load whose
 *     overrides do not apply fails with a {@link ConfigurationException} listing each problem
 */
public record CatalogOptions(
        List<String> schemas,
        String tenantColumn,
        List<String> allowTables,
        List<String> denyTables,
        List<String> readOnlyTables,
        List<String> allowColumns,
        List<String> denyColumns,
        List<String> maskedColumns,
        int maxReadFields,
        CatalogProgress progress,
        CatalogOverrides overrides) {

    /**
     * The columns masked by default: national identity, tax and payment numbers. E-mail addresses
     * and phone numbers stay visible unless configured, because people look rows up by them.
     */
    public static final List<String> DEFAULT_MASKED_COLUMNS = List.of(
            "ssn",
            "*social_security*",
            "national_id*",
            "*passport_n*",
            "tax_id",
            "taxpayer_id",
            "vat_id",
            "iban",
            "*card_number*",
            "credit_card*",
            "cc_number",
            "card_no",
            "pan",
            "*account_number*",
            "bank_account*",
            "date_of_birth",
            "dob",
            "birth_date",
            "birthdate");

    public CatalogOptions {
        schemas = List.copyOf(schemas);
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        allowTables = List.copyOf(allowTables);
        denyTables = List.copyOf(denyTables);
        readOnlyTables = List.copyOf(readOnlyTables);
        allowColumns = List.copyOf(allowColumns);
        denyColumns = List.copyOf(denyColumns);
        maskedColumns = List.copyOf(maskedColumns);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(overrides, "overrides");
        if (tenantColumn.isBlank()) {
            throw new ConfigurationException("the tenant column needs a name");
        }
        if (maxReadFields < 1) {
            throw new ConfigurationException("forms need at least one read field, not " + maxReadFields);
        }
        // fail at start, not at the first load, on a broken pattern
        for (List<String> patterns :
                List.of(allowTables, denyTables, readOnlyTables, allowColumns, denyColumns, maskedColumns)) {
            NamePattern.all(patterns);
        }
    }

    /**
     * Options without overrides (name patterns and everything else kept): what {@link CatalogOverrides#check}
     * compares the overrides with.
     */
    public CatalogOptions withoutOverrides() {
        return overrides.isEmpty()
                ? this
                : toBuilder().overrides(CatalogOverrides.none()).build();
    }

    /** Default schemas, tenant column {@code company_id}, default masks, 8 read fields, no progress. */
    public static CatalogOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from these options. */
    public Builder toBuilder() {
        return new Builder()
                .schemas(schemas)
                .tenantColumn(tenantColumn)
                .allowTables(allowTables)
                .denyTables(denyTables)
                .readOnlyTables(readOnlyTables)
                .allowColumns(allowColumns)
                .denyColumns(denyColumns)
                .maskedColumns(maskedColumns)
                .maxReadFields(maxReadFields)
                .progress(progress)
                .overrides(overrides);
    }

    /** Builds {@link CatalogOptions}. */
    public static final class Builder {
        private List<String> schemas = List.of();
        private String tenantColumn = "company_id";
        private List<String> allowTables = List.of();
        private List<String> denyTables = List.of();
        private List<String> readOnlyTables = List.of();
        private List<String> allowColumns = List.of();
        private List<String> denyColumns = List.of();
        private List<String> maskedColumns = DEFAULT_MASKED_COLUMNS;
        private int maxReadFields = 8;
        private CatalogProgress progress = CatalogProgress.NONE;
        private CatalogOverrides overrides = CatalogOverrides.none();

        private Builder() {}

        public Builder schemas(List<String> value) {
            this.schemas = List.copyOf(value);
            return this;
        }

        public Builder schemas(String... value) {
            return schemas(List.of(value));
        }

        public Builder tenantColumn(String value) {
            this.tenantColumn = value;
            return this;
        }

        public Builder allowTables(List<String> value) {
            this.allowTables = List.copyOf(value);
            return this;
        }

        public Builder denyTables(List<String> value) {
            this.denyTables = List.copyOf(value);
            return this;
        }

        public Builder readOnlyTables(List<String> value) {
            this.readOnlyTables = List.copyOf(value);
            return this;
        }

        public Builder allowColumns(List<String> value) {
            this.allowColumns = List.copyOf(value);
            return this;
        }

        public Builder denyColumns(List<String> value) {
            this.denyColumns = List.copyOf(value);
            return this;
        }

        /** Replaces the masked-column patterns (the defaults included). */
        public Builder maskedColumns(List<String> value) {
            this.maskedColumns = List.copyOf(value);
            return this;
        }

        public Builder maxReadFields(int value) {
            this.maxReadFields = value;
            return this;
        }

        public Builder progress(CatalogProgress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** The operator's per-entity settings (none by default). */
        public Builder overrides(CatalogOverrides value) {
            this.overrides = Objects.requireNonNull(value, "overrides");
            return this;
        }

        public CatalogOptions build() {
            return new CatalogOptions(
                    schemas,
                    tenantColumn,
                    allowTables,
                    denyTables,
                    readOnlyTables,
                    allowColumns,
                    denyColumns,
                    maskedColumns,
                    maxReadFields,
                    progress,
                    overrides);
        }
    }
}
