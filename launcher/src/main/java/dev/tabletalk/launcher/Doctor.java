package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.Diagnosis;
import dev.tabletalk.core.port.in.Diagnostics;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.StorePool;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.ConnectionCheck;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.schemacatalog.PooledDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks a target database before TableTalk is pointed at it: can it connect, which server, is
 * the connection encrypted, and may the connected user do more than TableTalk needs (DELETE,
 * TRUNCATE, DDL on exposed tables), and whether the catalog overrides expose a secret on purpose
 * ({@code allowSecret}). It suggests the GRANT statements of a least-privilege role,
 * column by column where columns are hidden ({@link GrantSuggestions}).
 *
 * <p>Only metadata is read (catalog queries with bound values, {@code SHOW GRANTS}); nothing is
 * changed and no row of a table is read.
 */
public final class Doctor {

    /** The role name used in the suggested GRANT statements. */
    static final String ROLE = "tabletalk";

    private Doctor() {}

    /**
     * The {@link Diagnostics} inbound port: {@link #check(String, Optional, CatalogOptions)} with the default
     * catalog options.
     *
     * @param passwordVariable the environment variable holding the password, if any
     */
    public static Diagnostics diagnostics(Optional<String> passwordVariable) {
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        return url -> check(url, passwordVariable, CatalogOptions.defaults());
    }

    /**
     * The {@link Diagnostics} inbound port with these catalog options (the configuration's tenant column, deny
     * patterns and overrides: each {@code allowSecret} override is reported as a warning).
     *
     * @param passwordVariable the environment variable holding the password, if any
     * @param options the catalog options TableTalk runs with
     */
    public static Diagnostics diagnostics(Optional<String> passwordVariable, CatalogOptions options) {
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        Objects.requireNonNull(options, "options");
        return url -> check(url, passwordVariable, options);
    }

    /** Checks the database at this URL with the default catalog options (tenant column {@code company_id}). */
    public static Diagnosis check(String url) {
        return check(url, Optional.empty(), CatalogOptions.defaults());
    }

    /**
     * Checks the database at this URL, the password read from this environment variable, with the
     * default catalog options.
     */
    public static Diagnosis check(String url, String passwordVariable) {
        return check(url, Optional.of(passwordVariable), CatalogOptions.defaults());
    }

    /**
     * Checks the database at this URL.
     *
     * @param url the target database URL, as for {@code TableTalk.builder().targetDatabase(url)}
     * @param passwordVariable the environment variable holding the password, if any
     * @param options the catalog options that decide what is exposed (tenant column, deny patterns)
     */
    public static Diagnosis check(String url, Optional<String> passwordVariable, CatalogOptions options) {
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        return check(
                url, spec -> passwordVariable.map(spec::withPasswordFromEnv).orElse(spec), options);
    }

    /**
     * The {@link Diagnostics} inbound port for settings that give the target's credentials themselves (a configured
     * user and password, {@link TableTalk.Builder#diagnostics()}).
     *
     * @param credentials adds the user and password to the URL's connection spec
     * @param options the catalog options TableTalk runs with
     */
    static Diagnostics diagnostics(UnaryOperator<ConnectionSpec> credentials, CatalogOptions options) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(options, "options");
        return url -> check(url, credentials, options);
    }

    /** {@code url} with the value of a {@code password=} parameter masked, as every store's logs show it. */
    public static String redactedUrl(String url) {
        return StorePool.redactedUrl(url);
    }

    /**
     * Whether a store that several servers share (session store, shared state) can be reached with these
     * credentials: one connection opened and closed, nothing read or written.
     *
     * @return empty when it can, else one line for a person (what went wrong and what to do; no password)
     */
    public static Optional<String> unreachableStore(String url, Optional<String> user, Optional<String> password) {
        Objects.requireNonNull(url, "url");
        ConnectionSpec spec;
        try {
            spec = ConnectionSpec.parse(url);
        } catch (ConfigurationException e) {
            return Optional.of(e.getMessage());
        }
        spec = user.map(spec::withUser).orElse(spec);
        spec = password.map(spec::withPassword).orElse(spec);
        ConnectionCheck.Result connection = ConnectionCheck.run(spec);
        return connection.ok() ? Optional.empty() : Optional.of(connection.oneLine());
    }

    private static Diagnosis check(String url, UnaryOperator<ConnectionSpec> credentials, CatalogOptions options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        ConnectionSpec spec;
        try {
            spec = credentials.apply(ConnectionSpec.parse(url));
        } catch (ConfigurationException e) {
            return Diagnosis.failed("bad_url", e.getMessage(), "");
        }
        ConnectionCheck.Result connection = ConnectionCheck.run(spec);
        if (!connection.ok()) {
            String problem = connection
                    .problem()
                    .map(p -> p.name().toLowerCase(Locale.ROOT))
                    .orElse("other");
            return Diagnosis.failed(problem, connection.message(), connection.hint());
        }
        List<String> warnings = new ArrayList<>();
        String tls = connection.tls().name().toLowerCase(Locale.ROOT);
        if (connection.tls() == ConnectionCheck.Tls.NOT_ENCRYPTED) {
            String how =
                    spec.dialect() == Dialect.POSTGRESQL ? "(add sslmode=require to the URL)" : "(add useSsl=true)";
            warnings.add("the connection is not encrypted: use TLS for anything but a local database " + how);
        }
        try (PooledDataSource pool = spec.dataSource(1)) {
            EntityCatalog catalog = JdbcSchemaCatalog.create(pool, options).current();
            List<Entity> exposed = catalog.exposedEntities();
            String user;
            List<String> grants;
            List<String> privilegeWarnings;
            try (Connection jdbc = pool.getConnection()) {
                user = jdbc.getMetaData().getUserName();
                switch (spec.dialect()) {
                    case POSTGRESQL:
                        privilegeWarnings = postgresWarnings(jdbc, exposed);
                        grants = postgresGrants(exposed, options.tenantColumn());
                        break;
                    case MARIADB, MYSQL:
                        privilegeWarnings = mariaDbWarnings(jdbc);
                        grants = mariaDbGrants(exposed, jdbc.getCatalog(), options.tenantColumn());
                        break;
                    default:
                        privilegeWarnings = List.of("an embedded " + spec.dialect() + " database has no users or "
                                + "privileges: whoever can open the file can change anything in it; "
                                + "keep it out of reach");
                        grants = List.of();
                        break;
                }
            } catch (SQLException e) {
                throw DependencyUnavailableException.targetDatabase("reading the privileges failed", e);
            }
            warnings.addAll(privilegeWarnings);
            // #14: each allowSecret entry exposes what the catalog would hide as a secret: say so every time
            warnings.addAll(options.overrides().allowSecretWarnings());
            Tenancies tenancies = catalog.tenancies(options.tenantColumn());
            tenancies.misconfiguration().ifPresent(warnings::add);
            Map<String, String> tenancy = new LinkedHashMap<>();
            for (Entity entity : exposed) {
                tenancy.put(catalog.referenceOf(entity), tenancies.of(entity).describe());
            }
            return new Diagnosis(
                    true,
                    Optional.empty(),
                    connection.message(),
                    "",
                    connection.serverVersion(),
                    tls,
                    Optional.ofNullable(user),
                    exposed.size(),
                    !privilegeWarnings.isEmpty(),
                    warnings,
                    grants,
                    tenancy);
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    private static List<String> postgresWarnings(Connection jdbc, List<Entity> exposed) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select rolsuper, rolcreaterole from pg_roles where rolname = current_user")) {
            if (rows.next() && rows.getBoolean(1)) {
                warnings.add("the user is a superuser: it may DELETE, TRUNCATE and run any DDL on every table; "
                        + "connect TableTalk as a least-privilege role instead (below)");
                return warnings;
            }
        }
        String sql = "select has_table_privilege(quote_ident(?) || '.' || quote_ident(?), 'DELETE'),"
                + " has_table_privilege(quote_ident(?) || '.' || quote_ident(?), 'TRUNCATE'),"
                + " coalesce((select c.relowner = (select oid from pg_roles where rolname = current_user)"
                + "   from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + "   where n.nspname = ? and c.relname = ?), false)";
        Set<String> deletable = new LinkedHashSet<>();
        Set<String> truncatable = new LinkedHashSet<>();
        Set<String> owned = new LinkedHashSet<>();
        try (PreparedStatement check = jdbc.prepareStatement(sql)) {
            for (Entity entity : exposed) {
                for (int i = 0; i < 3; i++) {
                    check.setString(2 * i + 1, entity.schema());
                    check.setString(2 * i + 2, entity.name());
                }
                try (ResultSet rows = check.executeQuery()) {
                    if (rows.next()) {
                        String name = entity.qualifiedName();
                        if (rows.getBoolean(1)) {
                            deletable.add(name);
                        }
                        if (rows.getBoolean(2)) {
                            truncatable.add(name);
                        }
                        if (rows.getBoolean(3)) {
                            owned.add(name);
                        }
                    }
                }
            }
        }
        if (!deletable.isEmpty()) {
            warnings.add("the user may DELETE from " + list(deletable));
        }
        if (!truncatable.isEmpty()) {
            warnings.add("the user may TRUNCATE " + list(truncatable));
        }
        if (!owned.isEmpty()) {
            warnings.add("the user owns " + list(owned) + ", so it may ALTER and DROP them");
        }
        return warnings;
    }

    private static List<String> postgresGrants(List<Entity> exposed, String tenantColumn) {
        List<String> grants = new ArrayList<>();
        grants.add("CREATE ROLE " + ROLE + " LOGIN PASSWORD '<choose a password>';");
        Set<String> schemas = new LinkedHashSet<>();
        exposed.forEach(e -> schemas.add(e.schema()));
        for (String schema : schemas) {
            grants.add("GRANT USAGE ON SCHEMA " + pgQuote(schema) + " TO " + ROLE + ";");
        }
        for (Entity entity : exposed) {
            String privileges = GrantSuggestions.privileges(entity, tenantColumn, Doctor::pgQuote, false);
            if (!privileges.isEmpty()) {
                grants.add("GRANT " + privileges + " ON " + pgQuote(entity.schema()) + "." + pgQuote(entity.name())
                        + " TO " + ROLE + ";");
            }
        }
        for (String schema : schemas) {
            grants.add("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + pgQuote(schema) + " TO " + ROLE + ";");
        }
        return grants;
    }

    private static String pgQuote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ MariaDB / MySQL

    private static List<String> mariaDbWarnings(Connection jdbc) throws SQLException {
        List<String> warnings = new ArrayList<>();
        try (Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER")) {
            while (rows.next()) {
                String grant = rows.getString(1);
                String upper = grant.toUpperCase(Locale.ROOT);
                int on = upper.indexOf(" ON ");
                String privileges = on < 0 ? upper : upper.substring(0, on);
                List<String> risky = new ArrayList<>();
                for (String word : List.of("ALL PRIVILEGES", "DELETE", "DROP", "ALTER", "CREATE", "GRANT OPTION")) {
                    boolean grantOption = word.equals("GRANT OPTION") && upper.contains("WITH GRANT OPTION");
                    if (privileges.contains(word) || grantOption) {
                        risky.add(word);
                    }
                }
                if (!risky.isEmpty()) {
                    String scope = on < 0
                            ? ""
                            : upper.substring(
                                            on + 4,
                                            upper.indexOf(" TO ", on) < 0 ? upper.length() : upper.indexOf(" TO ", on))
                                    .trim();
                    warnings.add("the user has " + String.join(", ", risky) + " on " + scope.toLowerCase(Locale.ROOT));
                }
            }
        }
        return warnings;
    }

    private static List<String> mariaDbGrants(List<Entity> exposed, String database, String tenantColumn) {
        List<String> grants = new ArrayList<>();
        grants.add("CREATE USER '" + ROLE + "'@'%' IDENTIFIED BY '<choose a password>';");
        for (Entity entity : exposed) {
            String schema = entity.schema().isEmpty() ? database : entity.schema();
            String privileges = GrantSuggestions.privileges(entity, tenantColumn, Doctor::myQuote, true);
            if (!privileges.isEmpty()) {
                grants.add("GRANT " + privileges + " ON " + myQuote(schema) + "." + myQuote(entity.name()) + " TO '"
                        + ROLE + "'@'%';");
            }
        }
        return grants;
    }

    private static String myQuote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    // ------------------------------------------------------------------

    private static String list(Set<String> names) {
        List<String> shown = names.stream().limit(5).toList();
        return String.join(", ", shown)
                + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
    }
}
