package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.JdbcSchemaCatalog;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tabletalk init}'s draft (#14) on PostgreSQL and MariaDB: it parses as YAML, states every entity's
 * exposure, masked and hidden columns and tenancy with reasons, writes the password only as a placeholder, and,
 * read back as overrides, gives the same catalog as none.
 */
class ConfigDraftIT {

    private static final String SECRET = "s3cret-never-written";

    @Test
    @Tag("invariant-6")
    @Tag("invariant-7")
    void postgresDraftParsesStatesEveryDecisionAndRoundTrips() throws SQLException {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_init");
        try {
            try (Connection connection = server.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("create schema sales");
                statement.execute("alter database " + database + " set search_path = public, sales");
                statement.execute("create table companies (company_id integer primary key, name text not null)");
                statement.execute("create table customers (id serial primary key, company_id integer not null "
                        + "references companies(company_id), name text not null, phone text, ssn text, "
                        + "password_hash text, deleted_at timestamptz)");
                statement.execute("create table orders (id serial primary key, customer_id integer not null "
                        + "references customers(id), status text not null)");
                statement.execute("create table sales.orders (id integer primary key, region text)");
                statement.execute("create table countries (code text primary key, name text not null)");
                statement.execute("create table api_tokens (id serial primary key, label text)");
                statement.execute("create table event_log (at timestamptz, message text)");
                statement.execute("create table \"on\" (id integer primary key, \"Größe # x\" text)");
                statement.execute("create view customer_names as select id, name from customers");
            }
            String url = server.urlWithUser(database) + "&password=" + SECRET;

            ConfigDraft draft = ConfigDraft.fromDatabase(url, Optional.empty(), "company_id");

            String yaml = draft.yaml();
            assertThat(yaml).doesNotContain(SECRET).contains("password: \"${env:TABLETALK_DB_PASSWORD}\"");
            assertThat(yaml)
                    .contains("# an authentication or secret table")
                    .contains("# the name says it holds a secret (password)")
                    .contains("# direct: rows are scoped by company_id")
                    .contains("# customer_names is hidden from tenants by TableTalk")
                    .contains("soft delete by deleted_at");
            Map<String, Object> file = YamlOverrides.parse(yaml);
            assertThat(YamlOverrides.map(file.get("database")))
                    .containsEntry("password", "${env:TABLETALK_DB_PASSWORD}")
                    .containsEntry("user", server.user());
            Map<String, Object> entities = YamlOverrides.map(file.get("entities"));
            assertThat(YamlOverrides.map(entities.get("api_tokens"))).containsEntry("exposure", "hidden");
            assertThat(YamlOverrides.map(entities.get("event_log"))).containsEntry("exposure", "read_only");
            assertThat(YamlOverrides.map(entities.get("public.orders"))).containsEntry("exposure", "read_write");
            assertThat(YamlOverrides.map(entities.get("sales.orders"))).containsEntry("exposure", "read_write");
            assertThat(YamlOverrides.map(entities.get("on"))).containsEntry("exposure", "read_write");
            Map<String, Object> columns = YamlOverrides.map(
                    YamlOverrides.map(entities.get("customers")).get("columns"));
            assertThat(columns).containsOnlyKeys("ssn", "password_hash");
            assertThat(YamlOverrides.map(columns.get("password_hash"))).containsEntry("exposure", "hidden");
            assertThat(YamlOverrides.map(columns.get("ssn"))).containsEntry("exposure", "masked");
            Map<String, Object> tenancy = YamlOverrides.map(file.get("tenancy"));
            assertThat(tenancy).containsEntry("column", "company_id");
            assertThat(YamlOverrides.map(tenancy.get("entities")))
                    .containsEntry("customers", "direct")
                    .containsEntry("public.orders", "via")
                    .containsEntry("countries", "shared")
                    .doesNotContainKey("customer_names");
            assertThat(YamlOverrides.map(file.get("roles"))).containsOnlyKeys("viewer", "editor", "admin");
            assertThat(draft.hiddenEntities()).isEqualTo(1);

            assertRoundTrip(server, database, file);
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    @Tag("invariant-6")
    void mariaDbDraftRoundTrips() throws SQLException {
        DatabaseServer server = DatabaseServers.mariaDb();
        String database = server.createDatabase("tt_init");
        try {
            try (Connection connection = server.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("create table companies (company_id int primary key, name varchar(50) not null)");
                statement.execute("create table customers (id int auto_increment primary key, company_id int not "
                        + "null, name varchar(50) not null, password_hash varchar(100), date_of_birth date, "
                        + "foreign key (company_id) references companies(company_id))");
                statement.execute("create table flyway_schema_history (installed_rank int primary key)");
                statement.execute("create view customer_names as select id, name from customers");
            }

            ConfigDraft draft = ConfigDraft.fromDatabase(server.urlWithUser(database), Optional.empty(), "company_id");

            Map<String, Object> file = YamlOverrides.parse(draft.yaml());
            assertThat(YamlOverrides.map(YamlOverrides.map(file.get("entities")).get("flyway_schema_history")))
                    .containsEntry("exposure", "hidden");
            assertRoundTrip(server, database, file);
        } finally {
            server.dropDatabase(database);
        }
    }

    /** The file's overrides, applied, give the catalog TableTalk decides without them. */
    @Test
    void aDraftWithoutAPasswordLoadsAsItIsAndKeepsTheBuiltInRoles(@TempDir Path folder)
            throws SQLException, IOException {
        DatabaseServer server = DatabaseServers.postgres();
        String database = server.createDatabase("tt_init_nopw");
        try {
            try (Connection connection = server.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("create table customers (id serial primary key, company_id integer not null, "
                        + "name text not null)");
            }

            String yaml = ConfigDraft.fromDatabase(server.urlWithUser(database), Optional.empty(), "company_id")
                    .yaml();

            assertThat(yaml).contains("  # password: \"${env:TABLETALK_DB_PASSWORD}\"");
            Path file = Files.writeString(folder.resolve("tabletalk.yaml"), yaml);
            TableTalkConfig config =
                    ConfigLoader.readFile(file, Map.of()).orThrow().config();
            assertThat(config.database().password()).isEmpty();
            assertThat(ConfiguredParts.roles(config).orElseThrow().grants())
                    .as("loaded unchanged, the roles are the built-in ones, the admin's own cap included")
                    .isEqualTo(RolePolicy.defaults().grants());
        } finally {
            server.dropDatabase(database);
        }
    }

    private static void assertRoundTrip(DatabaseServer server, String database, Map<String, Object> file) {
        CatalogOverrides overrides = YamlOverrides.overrides(file);
        assertThat(overrides.entities()).isNotEmpty();
        try (PooledDataSource pool =
                ConnectionSpec.parse(server.urlWithUser(database)).dataSource(1)) {
            EntityCatalog plain =
                    JdbcSchemaCatalog.create(pool, CatalogOptions.defaults()).current();
            EntityCatalog configured = JdbcSchemaCatalog.create(
                            pool, CatalogOptions.builder().overrides(overrides).build())
                    .current();
            assertSameDecisions(plain, configured);
            assertSameDecisions(plain.forCaller(true, "company_id"), configured.forCaller(true, "company_id"));
            assertSameDecisions(plain.forCaller(false, "company_id"), configured.forCaller(false, "company_id"));
        }
    }

    private static void assertSameDecisions(EntityCatalog expected, EntityCatalog actual) {
        assertThat(actual.entities()).hasSameSizeAs(expected.entities());
        for (int i = 0; i < expected.entities().size(); i++) {
            Entity want = expected.entities().get(i);
            Entity got = actual.entities().get(i);
            assertThat(got.qualifiedName()).isEqualTo(want.qualifiedName());
            assertThat(got.exposure()).as(want.qualifiedName()).isEqualTo(want.exposure());
            assertThat(got.form()).as(want.qualifiedName()).isEqualTo(want.form());
            assertThat(got.softDelete().map(SoftDelete::column))
                    .as(want.qualifiedName())
                    .isEqualTo(want.softDelete().map(SoftDelete::column));
            List<String> wantColumns = want.columns().stream()
                    .map(c -> c.name() + "=" + c.exposure())
                    .toList();
            assertThat(got.columns().stream().map(ConfigDraftIT::describe).toList())
                    .as(want.qualifiedName())
                    .isEqualTo(wantColumns);
        }
    }

    private static String describe(Column column) {
        return column.name() + "=" + column.exposure();
    }
}
