package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.text.Identifiers;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what a conversation may see, with a reason for every decision: hidden system,
 * migration, auth/secret and TableTalk tables; hidden secret columns and masked personal-data
 * columns (word-aware rules of {@link SensitiveNames}); read-only views and tables without a
 * primary key; configured allow, deny, read-only and mask patterns on top.
 */
final class ExposureRules {

    /** A decision and the reason for it, for the operator. */
    record Decision(Exposure exposure, String reason) {}

    private static final String ORDINARY = "an ordinary column";

    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("pg_catalog", "information_schema", "pg_toast", "mysql", "performance_schema", "sys");

    /** Migration-tool and framework bookkeeping tables (compared in lower case). */
    static final Set<String> MIGRATION_TABLES = Set.of(
            "alembic_version",
            "flyway_schema_history",
            "schema_version",
            "databasechangelog",
            "databasechangeloglock",
            "schema_migrations",
            "ar_internal_metadata",
            "django_migrations",
            "django_content_type",
            "django_admin_log",
            "knex_migrations",
            "knex_migrations_lock",
            "__efmigrationshistory",
            "goose_db_version",
            "migrations",
            "migration",
            "_prisma_migrations",
            "typeorm_metadata",
            "sequelizemeta",
            "__diesel_schema_migrations",
            "_sqlx_migrations",
            "doctrine_migration_versions",
            "migration_versions",
            "south_migrationhistory",
            "refinery_schema_history",
            "atlas_schema_revisions",
            "pgmigrations",
            "mikro_orm_migrations",
            "schema_info",
            "gorp_migrations",
            "seaql_migrations",
            "__drizzle_migrations",
            "drizzle_migrations",
            "failed_jobs",
            "cache",
            "cache_locks",
            "job_batches");

    private static final Pattern MIGRATION_PATTERN =
            Pattern.compile(".*_migrations(_lock)?|.*_schema_history|.*changelog(_?lock)?|.*_db_version");

    /** Authentication and secret tables (matched on the lower-case name). */
    private static final Pattern AUTH_PATTERN = Pattern.compile(String.join(
            "|",
            "(.*_)?sessions?",
            "spring_session.*",
            "(.*_)?tokens?",
            "(.*_)?api_?keys?",
            "(.*_)?oauth.*",
            "(.*_)?credentials?",
            ".*password_?resets?.*",
            ".*password_histor(y|ies)",
            "(.*_)?secrets?",
            "(.*_)?auths?",
            "(.*_)?(mfa|otp|totp|two_factor|2fa)(_.*)?",
            ".*webauthn.*",
            "(.*_)?jwts?(_.*)?",
            "persistent_logins",
            "(.*_)?signing_keys?",
            "(.*_)?(access|ssh|private|secret|encryption|hmac|gpg|pgp|deploy|master|recovery)_?keys?",
            "(.*_)?passwords?",
            "(.*_)?(recovery|backup)_?codes?"));

    private final NamePattern.Group allowTables;
    private final NamePattern.Group denyTables;
    private final NamePattern.Group readOnlyTables;
    private final NamePattern.Group allowColumns;
    private final NamePattern.Group denyColumns;
    private final NamePattern.Group maskedColumns;

    private final Names.Cache names;

    ExposureRules(CatalogOptions options) {
        this(options, new Names.Cache());
    }

    ExposureRules(CatalogOptions options, Names.Cache names) {
        this.names = names;
        this.allowTables = NamePattern.Group.of(options.allowTables());
        this.denyTables = NamePattern.Group.of(options.denyTables());
        this.readOnlyTables = NamePattern.Group.of(options.readOnlyTables());
        this.allowColumns = NamePattern.Group.of(options.allowColumns());
        this.denyColumns = NamePattern.Group.of(options.denyColumns());
        this.maskedColumns = NamePattern.Group.of(options.maskedColumns());
    }

    /** The configured deny pattern that hides this table, or null. */
    String deniedTable(String schema, String name) {
        return denyTables.firstMatch(name, schema.isEmpty() ? name : schema + "." + name);
    }

    /** The configured deny pattern that hides this column, or null. */
    String deniedColumn(String schema, String table, String column) {
        String qualifiedTable = schema.isEmpty() ? table : schema + "." + table;
        return denyColumns.firstMatch(column, table + "." + column, qualifiedTable + "." + column);
    }

    Decision table(TableMeta table) {
        String qualified = table.schema.isEmpty() ? table.name : table.schema + "." + table.name;
        String denied = denyTables.firstMatch(table.name, qualified);
        if (denied != null) {
            return new Decision(Exposure.HIDDEN, "hidden by the configured deny pattern " + denied);
        }
        String allowed = allowTables.firstMatch(table.name, qualified);
        if (allowed == null) {
            String hidden = builtInHiddenReason(table);
            if (hidden != null) {
                return new Decision(Exposure.HIDDEN, hidden);
            }
        }
        String prefix = allowed == null ? "" : "shown by the configured allow pattern " + allowed + "; ";
        String readOnly = readOnlyTables.firstMatch(table.name, qualified);
        if (readOnly != null) {
            return new Decision(Exposure.READ_ONLY, prefix + "read-only by the configured pattern " + readOnly);
        }
        if (table.kind == EntityKind.VIEW) {
            return new Decision(Exposure.READ_ONLY, prefix + "a view: read-only");
        }
        if (table.primaryKey.isEmpty()) {
            return new Decision(
                    Exposure.READ_ONLY, prefix + "no primary key: rows cannot be addressed one by one, so read-only");
        }
        return new Decision(Exposure.READ_WRITE, prefix + "a table with a primary key");
    }

    /** {@code UserSessions} as {@code user_sessions}, so camelCase table names meet the same rules. */
    private static String snake(String name) {
        return String.join("_", Identifiers.words(name));
    }

    private static String builtInHiddenReason(TableMeta table) {
        String schema = table.schema.toLowerCase(Locale.ROOT);
        String name = table.name.toLowerCase(Locale.ROOT);
        if (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_temp") || schema.startsWith("pg_toast")) {
            return "in the system schema " + table.schema;
        }
        if (name.startsWith("sqlite_")) {
            return "an internal SQLite table";
        }
        if (name.startsWith("ai_")) {
            return "one of TableTalk's own tables (ai_*)";
        }
        if (MIGRATION_TABLES.contains(name) || MIGRATION_PATTERN.matcher(name).matches()) {
            return "a migration or framework bookkeeping table";
        }
        if (AUTH_PATTERN.matcher(name).matches()
                || AUTH_PATTERN.matcher(snake(table.name)).matches()) {
            return "an authentication or secret table (sessions, tokens, keys, credentials, password resets)";
        }
        return null;
    }

    Column column(TableMeta table, Column column) {
        String qualifiedTable = table.schema.isEmpty() ? table.name : table.schema + "." + table.name;
        String[] qualifiedNames = {table.name + "." + column.name(), qualifiedTable + "." + column.name()};
        String denied = denyColumns.firstMatch(column.name(), qualifiedNames);
        if (denied != null) {
            return column.withExposure(ColumnExposure.HIDDEN, "hidden by the configured deny pattern " + denied);
        }
        String allowed = allowColumns.firstMatch(column.name(), qualifiedNames);
        if (allowed == null) {
            String secret = SensitiveNames.secret(column.name(), names);
            if (secret != null) {
                return column.withExposure(ColumnExposure.HIDDEN, "the name says it holds a secret (" + secret + ")");
            }
        }
        String masked = maskedColumns.firstMatch(column.name(), qualifiedNames);
        if (masked != null) {
            return column.withExposure(
                    ColumnExposure.MASKED, "values shown masked by the pattern " + masked + "; never filtered by");
        }
        String personal = allowed == null ? SensitiveNames.personal(column.name(), names) : null;
        if (personal != null) {
            return column.withExposure(
                    ColumnExposure.MASKED,
                    "the name says it holds personal data (" + personal + "): shown masked, never filtered by");
        }
        if (allowed != null) {
            return column.withExposure(ColumnExposure.VISIBLE, "shown by the configured allow pattern " + allowed);
        }
        if (column.exposure() == ColumnExposure.VISIBLE && column.reason().equals(ORDINARY)) {
            return column; // the common case: no copy
        }
        return column.withExposure(ColumnExposure.VISIBLE, ORDINARY);
    }

    /** The secret word in a column name, or null. */
    static String secretWord(String columnName) {
        return SensitiveNames.secret(columnName, new Names.Cache());
    }
}
