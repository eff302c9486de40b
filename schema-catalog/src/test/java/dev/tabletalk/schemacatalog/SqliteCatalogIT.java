package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.testkit.contract.SchemaCatalogContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteCatalogIT extends SchemaCatalogContract {

    private Path directory;
    private Path file;
    private PooledDataSource dataSource;
    private SchemaCatalog catalog;

    @BeforeAll
    void createFixture() throws SQLException, IOException {
        directory = Files.createTempDirectory(TestDatabases.uniqueName("sqlite"));
        file = directory.resolve("fixture.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            TestDatabases.execute(
                    connection,
                    """
                    create table customers (id integer primary key autoincrement, full_name text not null,
                      email varchar(200), password_hash text, company_id integer not null,
                      created_at timestamp not null default current_timestamp, is_vip boolean not null default 0,
                      credit decimal(10,2))""",
                    """
                    create table orders (order_id integer primary key, customer_id integer not null
                      references customers(id), amount numeric(10,2) not null,
                      total real generated always as (amount * 1.2) stored, placed_on date)""",
                    "create index orders_placed on orders(placed_on)",
                    "create table plain_pk (code int primary key, label text)",
                    "create table checked (id integer primary key, state text check (state in ('on', 'off')), "
                            + "stock integer, constraint stock_ok check (stock >= 0))",
                    "create table order_lines (order_id integer, line_no integer, product text not null, "
                            + "primary key (order_id, line_no))",
                    "create table event_log (at text, message text)",
                    "create view order_totals as select customer_id, sum(amount) as total from orders "
                            + "group by customer_id",
                    "create table schema_migrations (version text primary key)",
                    "create table \"MixedCase\" (\"Id\" integer primary key, \"DisplayName\" text unique, \"Größe\" int)",
                    "create table \"Ünïcødé_表\" (id integer primary key, \"名前\" text)",
                    "create table refs_by_pk (id integer primary key, order_ref integer references orders)",
                    "insert into customers (full_name, company_id) values ('Ada', 1)");
        }
        dataSource = ConnectionSpec.parse("sqlite:///" + file).dataSource(1);
        catalog = JdbcSchemaCatalog.create(dataSource, CatalogOptions.defaults());
    }

    @AfterAll
    void removeFixture() throws IOException {
        if (dataSource != null) {
            dataSource.close();
        }
        try (var files = Files.list(directory)) {
            for (Path path : files.toList()) {
                Files.delete(path);
            }
        }
        Files.delete(directory);
    }

    @Override
    protected SchemaCatalog catalog() {
        return catalog;
    }

    @Override
    protected String exposedEntity() {
        return "customers";
    }

    @Override
    protected String hiddenColumn() {
        return "password_hash";
    }

    @Override
    protected String hiddenEntity() {
        return "schema_migrations";
    }

    @Override
    protected void createTable(String name) {
        try (Connection connection = dataSource.getConnection()) {
            TestDatabases.execute(connection, "create table " + name + " (id integer primary key)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entity entity(String reference) {
        return catalog.current().find(reference).orElseThrow(() -> new AssertionError("no entity " + reference));
    }

    @Test
    void readsAllowedValuesAndBoundsFromCheckConstraintsInTheCreateStatement() {
        Entity checked = catalog.current().find("checked").orElseThrow();

        assertThat(checked.column("state").orElseThrow().enumValues()).containsExactly("on", "off");
        assertThat(checked.column("stock").orElseThrow().range())
                .hasValueSatisfying(range -> assertThat(range.min()).isEqualByComparingTo("0"));
    }

    @Test
    void readsAffinitiesRowidAliasesGeneratedColumnsAndKeys() {
        Entity customers = entity("customers");
        assertThat(customers.schema()).isEmpty();
        assertThat(customers.column("id").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
        assertThat(customers.column("email").orElseThrow().maxLength()).hasValue(200);
        assertThat(customers.column("is_vip").orElseThrow().type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(customers.column("created_at").orElseThrow().type()).isEqualTo(ValueType.TIMESTAMP);
        assertThat(customers.column("credit").orElseThrow().scale()).hasValue(2);
        assertThat(customers.column("password_hash").orElseThrow().exposure()).isEqualTo(ColumnExposure.HIDDEN);
        assertThat(customers.form().createRequiredNames()).containsExactly("full_name");

        Entity orders = entity("orders");
        assertThat(orders.column("order_id").orElseThrow().generation())
                .as("INTEGER PRIMARY KEY is the rowid")
                .isEqualTo(Generation.IDENTITY);
        assertThat(orders.column("total").orElseThrow().generation()).isEqualTo(Generation.COMPUTED);
        assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.targetEntity()).isEqualTo("customers");
            assertThat(fk.targetColumns()).containsExactly("id");
        });
        assertThat(orders.form().createRequiredNames()).containsExactly("customer_id", "amount");
        assertThat(orders.form().filterNames()).contains("placed_on", "amount");

        assertThat(entity("plain_pk").form().createRequiredNames())
                .as("INT PRIMARY KEY is no rowid alias")
                .containsExactly("code");
        assertThat(entity("order_lines").primaryKey()).containsExactly("order_id", "line_no");
        assertThat(entity("refs_by_pk").foreignKeys())
                .containsExactly(
                        new ForeignKey("fk_refs_by_pk_0", List.of("order_ref"), "", "orders", List.of("order_id")));
    }

    @Test
    void viewsKeylessInternalAndNamedTables() {
        assertThat(entity("order_totals").kind()).isEqualTo(EntityKind.VIEW);
        assertThat(entity("order_totals").exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(entity("event_log").exposure()).isEqualTo(Exposure.READ_ONLY);
        EntityCatalog current = catalog.current();
        assertThat(current.find("sqlite_sequence")).isEmpty();
        assertThat(current.entities()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("sqlite_sequence");
            assertThat(e.reason()).contains("internal SQLite");
        });
        assertThat(entity("mixedcase").uniqueKeys()).containsExactly(List.of("DisplayName"));
        assertThat(entity("Ünïcødé_表").column("名前")).isPresent();
    }

    /** Splits a SQLite script at semicolons that end a statement, keeping trigger bodies whole. */
    static List<String> sqliteStatements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.replaceAll("(?s)/\\*.*?\\*/", "").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (current.length() == 0 && trimmed.isEmpty())) {
                continue;
            }
            current.append(line).append('\n');
            String text = current.toString().strip();
            String upper = text.toUpperCase(Locale.ROOT);
            boolean trigger = upper.startsWith("CREATE TRIGGER");
            if (text.endsWith(";") && (!trigger || upper.matches("(?s).*\\bEND\\s*;"))) {
                String statement = text.substring(0, text.length() - 1).strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
            }
        }
        return statements;
    }

    @Test
    void sakilaForSqliteLoads() throws SQLException {
        Path sakila = directory.resolve("sakila.db");
        String schema = TestDatabases.dataset("sakila/sqlite/sqlite-sakila-schema.sql");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sakila)) {
            for (String statement : sqliteStatements(schema)) {
                TestDatabases.execute(connection, statement);
            }
        }
        try (PooledDataSource source =
                ConnectionSpec.parse("jdbc:sqlite:" + sakila).dataSource(1)) {
            EntityCatalog loaded =
                    JdbcSchemaCatalog.create(source, CatalogOptions.defaults()).current();
            Entity actor = loaded.find("actor").orElseThrow();
            assertThat(actor.column("actor_id").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
            assertThat(actor.form().updateNames()).containsExactly("first_name", "last_name");
            assertThat(actor.indexes()).anySatisfy(i -> assertThat(i.columns()).containsExactly("last_name"));
            assertThat(loaded.find("staff").orElseThrow().visibleColumn("password"))
                    .isEmpty();
            assertThat(loaded.find("film_actor").orElseThrow().primaryKey()).containsExactly("actor_id", "film_id");
            assertThat(loaded.find("film_list").orElseThrow().kind()).isEqualTo(EntityKind.VIEW);
        }
    }
}
