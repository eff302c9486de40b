package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.catalog.Tenancy;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.schemacatalog.PooledDataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A first {@code tabletalk.yaml} for a database ({@code tabletalk init}, #14): every entity with the exposure
 * TableTalk decided and the reason as a comment, its masked and hidden columns with their reasons, the tenancy of
 * every exposed entity, and the built-in roles, ready to edit. Each entry repeats the catalog's own decision, so
 * loading the file unchanged gives the same catalog. The password is only ever a {@code ${env:...}} placeholder.
 *
 * @param yaml the file's text (UTF-8, LF line ends)
 * @param exposedEntities how many entities the catalog exposes
 * @param hiddenEntities how many it hides
 */
public record ConfigDraft(String yaml, int exposedEntities, int hiddenEntities) {

    /** The placeholder written for the target database's password. */
    public static final String PASSWORD_PLACEHOLDER = "${env:TABLETALK_DB_PASSWORD}";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** Words a YAML 1.1 reader takes for booleans or null: always quoted. */
    private static final Set<String> RESERVED =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

    public ConfigDraft {
        Objects.requireNonNull(yaml, "yaml");
    }

    /**
     * Reads the database's schema and drafts its file.
     *
     * @param url the target database URL, as for {@code TableTalk.builder().targetDatabase(url)}; credentials in
     *     it are used to connect and never written
     * @param passwordVariable the environment variable holding the password, if any
     * @param tenantColumn the tenant column's name (e.g. {@code company_id})
     * @throws dev.tabletalk.core.error.ConfigurationException for a bad URL
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be read
     */
    public static ConfigDraft fromDatabase(String url, Optional<String> passwordVariable, String tenantColumn) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        ConnectionSpec spec = ConnectionSpec.parse(url);
        if (passwordVariable.isPresent()) {
            spec = spec.withPasswordFromEnv(passwordVariable.get());
        }
        // one quick connection first: a clear reason at once, instead of a pool's timeout
        Assembly.failUnlessReachable(ConnectionCheck.run(spec));
        CatalogOptions options =
                CatalogOptions.builder().tenantColumn(tenantColumn).build();
        try (PooledDataSource pool = spec.dataSource(1)) {
            EntityCatalog catalog = JdbcSchemaCatalog.create(pool, options).current();
            return of(catalog, spec, tenantColumn);
        }
    }

    /** The draft for a catalog read from the database {@code spec} names. */
    static ConfigDraft of(EntityCatalog catalog, ConnectionSpec spec, String tenantColumn) {
        StringBuilder out = new StringBuilder();
        header(out, spec);
        Map<String, Integer> nameCounts = new HashMap<>();
        catalog.entities().forEach(e -> nameCounts.merge(e.name(), 1, Integer::sum));
        Tenancies tenancies = catalog.tenancies(tenantColumn);
        tenancy(out, catalog, tenancies, nameCounts);
        int exposed = entities(out, catalog, nameCounts);
        roles(out);
        return new ConfigDraft(out.toString(), exposed, catalog.entities().size() - exposed);
    }

    private static void header(StringBuilder out, ConnectionSpec spec) {
        out.append("# tabletalk.yaml, drafted by 'tabletalk init' from the database below.\n")
                .append("#\n")
                .append("# Every entry states what TableTalk decided on its own, with the reason as a comment:\n")
                .append("# loaded unchanged, this file gives the same catalog. Edit it to tighten: hide an entity\n")
                .append("# (exposure: hidden), make it read_only, hide or mask a column, or hide an entity from\n")
                .append("# tenants (tenancy: hidden). Showing what TableTalk hides as a secret needs\n")
                .append("# allowSecret: true on that entry, and 'tabletalk doctor' warns about each one.\n")
                .append("# Secrets never belong here: write ${env:NAME} or ${file:PATH} instead.\n\n");
        out.append("database:\n");
        out.append("  url: ").append(quoted(spec.jdbcUrl())).append('\n');
        spec.user()
                .ifPresent(user -> out.append("  user: ").append(quoted(user)).append('\n'));
        if (spec.dialect() != Dialect.SQLITE && spec.dialect() != Dialect.H2) {
            // only a database that was given a password needs one: an unset ${env:} is an error when the file loads
            out.append(spec.hasPassword() ? "  " : "  # ")
                    .append("password: ")
                    .append(quoted(PASSWORD_PLACEHOLDER))
                    .append('\n');
        }
        out.append('\n');
    }

    private static void tenancy(
            StringBuilder out, EntityCatalog catalog, Tenancies tenancies, Map<String, Integer> nameCounts) {
        out.append("tenancy:\n");
        Optional<String> misconfiguration = tenancies.misconfiguration();
        if (misconfiguration.isPresent()) {
            comment(out, "  ", misconfiguration.get());
        } else {
            comment(out, "  ", "the column that ties a row to the caller's tenant");
        }
        out.append("  column: ").append(scalar(tenancies.tenantColumn())).append('\n');
        List<Entity> exposed = catalog.exposedEntities();
        if (misconfiguration.isPresent() || exposed.isEmpty()) {
            out.append('\n');
            return;
        }
        comment(out, "  ", "direct | via | shared | hidden: only 'hidden' may replace what TableTalk decided");
        out.append("  entities:\n");
        for (Entity entity : exposed) {
            Tenancy tenancy = tenancies.of(entity);
            String key = key(entity, nameCounts);
            if (tenancy instanceof Tenancy.Hidden) {
                comment(out, "    ", key + " is hidden from tenants by TableTalk: " + tenancy.describe());
                continue;
            }
            comment(
                    out,
                    "    ",
                    tenancy.describe() + (tenancy instanceof Tenancy.Shared ? " (read-only for tenants)" : ""));
            out.append("    ").append(key).append(": ").append(tenancy.kind()).append('\n');
        }
        out.append('\n');
    }

    private static int entities(StringBuilder out, EntityCatalog catalog, Map<String, Integer> nameCounts) {
        out.append("entities:\n");
        if (catalog.entities().isEmpty()) {
            comment(out, "  ", "the database has no tables or views TableTalk could read");
            out.append("  {}\n\n");
            return 0;
        }
        int exposed = 0;
        for (Entity entity : catalog.entities()) {
            String key = key(entity, nameCounts);
            comment(out, "  ", entity.reason());
            out.append("  ").append(key).append(":\n");
            out.append("    exposure: ").append(word(entity.exposure())).append('\n');
            if (!entity.exposure().isVisible()) {
                continue;
            }
            exposed++;
            List<Column> special = new ArrayList<>();
            for (Column column : entity.columns()) {
                if (column.exposure() != ColumnExposure.VISIBLE) {
                    special.add(column);
                }
            }
            if (!special.isEmpty()) {
                out.append("    columns:\n");
                for (Column column : special) {
                    comment(out, "      ", column.reason());
                    out.append("      ")
                            .append(scalar(column.name()))
                            .append(": {exposure: ")
                            .append(column.exposure().name().toLowerCase(Locale.ROOT))
                            .append("}\n");
                }
            }
            entity.softDelete()
                    .ifPresent(marker -> comment(
                            out,
                            "    ",
                            "soft delete by " + marker.column() + " (" + marker.reason() + "); "
                                    + "softDelete: <column> chooses another marker"));
        }
        out.append('\n');
        return exposed;
    }

    private static void roles(StringBuilder out) {
        out.append("# The built-in roles. Leave this section out to keep them; a roles: section replaces them.\n")
                .append(
                        "# The built-in admin may change up to 100 rows in one update, the others limits.maxAffectedRows.\n")
                .append("roles:\n")
                .append("  viewer: {read: \"*\"}\n")
                .append("  editor: {read: \"*\", create: \"*\", update: \"*\"}\n")
                .append("  admin: {read: \"*\", create: \"*\", update: \"*\", maxAffectedRows: 100}\n");
    }

    /** The name the overrides know an entity by: the plain name when no other entity has it, else schema.name. */
    private static String key(Entity entity, Map<String, Integer> nameCounts) {
        return scalar(nameCounts.get(entity.name()) == 1 ? entity.name() : entity.qualifiedName());
    }

    private static String word(Exposure exposure) {
        return exposure.name().toLowerCase(Locale.ROOT);
    }

    private static void comment(StringBuilder out, String indent, String text) {
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        out.append(indent).append("# ").append(line.toString().strip()).append('\n');
    }

    /** A plain YAML scalar where it cannot be misread, else a double-quoted one. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return quoted(value);
    }

    /** A double-quoted YAML scalar. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
