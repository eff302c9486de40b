package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.testkit.contract.SchemaCatalogContract;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCatalogIT extends SchemaCatalogContract {

    private String database;
    private String other;
    private PooledDataSource dataSource;
    private SchemaCatalog catalog;

    @BeforeAll
    void createFixture() throws SQLException {
        database = TestDatabases.createMariaDb("maria");
        other = TestDatabases.createMariaDb("maria_other");
        try (Connection connection = TestDatabases.mariaDb(database)) {
            TestDatabases.execute(
                    connection,
                    """
                    create table customers (
                      id int unsigned auto_increment primary key,
                      full_name varchar(100) not null comment 'Given and family name',
                      email varchar(200),
                      password_hash char(60),
                      company_id int not null,
                      created_at timestamp not null default current_timestamp,
                      status enum('active','blocked','it''s') not null default 'active',
                      age tinyint unsigned,
                      is_vip tinyint(1) not null default 0,
                      score mediumint,
                      big bigint unsigned,
                      birth_year year
                    ) comment 'People who buy'""",
                    """
                    create table orders (
                      order_id int auto_increment primary key,
                      customer_id int unsigned not null,
                      amount decimal(10,2) not null,
                      total decimal(12,2) as (amount * 1.2) stored,
                      virtual_total decimal(12,2) as (amount * 2) virtual,
                      placed_on date,
                      foreign key (customer_id) references customers(id),
                      index orders_amount (amount))""",
                    "create table plain_pk (code int primary key, label varchar(20))",
                    "create table checked (id int primary key, state varchar(10) check (state in ('on', 'off')), "
                            + "stock int not null check (stock >= 0))",
                    "create table default_pk (id int primary key default 42, label varchar(20))",
                    "create table order_lines (order_id int, line_no int, product varchar(40) not null, "
                            + "primary key (order_id, line_no))",
                    "create table event_log (at datetime, message text)",
                    "create view order_totals as select customer_id, sum(amount) as total from orders "
                            + "group by customer_id",
                    "create table flyway_schema_history (installed_rank int primary key, version varchar(50))",
                    "create table api_keys (id int primary key, k varchar(100))",
                    "create table ai_chat (id int primary key)",
                    "create table `MixedCase` (`Id` int primary key, `DisplayName` varchar(50) unique, `Größe` int)",
                    "create table `Ünïcødé_表` (id int primary key, `名前` varchar(20))");
        }
        try (Connection connection = TestDatabases.mariaDb(other)) {
            TestDatabases.execute(connection, "create table orders (id int primary key, region varchar(20))");
        }
        dataSource = ConnectionSpec.parse(TestDatabases.mariaDbUrl(database))
                .withUser("root")
                .dataSource(2);
        catalog = JdbcSchemaCatalog.create(dataSource, CatalogOptions.defaults());
    }

    @AfterAll
    void dropFixture() {
        if (dataSource != null) {
            dataSource.close();
        }
        TestDatabases.dropMariaDb(database);
        TestDatabases.dropMariaDb(other);
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
        return "flyway_schema_history";
    }

    @Override
    protected void createTable(String name) {
        try (Connection connection = TestDatabases.mariaDb(database)) {
            TestDatabases.execute(connection, "create table " + name + " (id int primary key)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entity entity(String reference) {
        return catalog.current().find(reference).orElseThrow(() -> new AssertionError("no entity " + reference));
    }

    private static Column column(Entity entity, String name) {
        return entity.column(name).orElseThrow(() -> new AssertionError("no column " + name));
    }

    @Test
    void readsAllowedValuesAndBoundsFromCheckConstraints() {
        Entity checked = catalog.current().find("checked").orElseThrow();

        assertThat(checked.column("state").orElseThrow().enumValues()).containsExactly("on", "off");
        assertThat(checked.column("stock").orElseThrow().range())
                .hasValueSatisfying(range -> assertThat(range.min()).isEqualByComparingTo("0"));
    }

    @Test
    void readsMysqlTypesRangesEnumsAndComments() {
        Entity customers = entity("customers");
        assertThat(customers.schema()).isEqualTo(database);
        assertThat(customers.comment()).contains("People who buy");
        assertThat(column(customers, "full_name").comment()).contains("Given and family name");
        assertThat(column(customers, "email").comment()).isEmpty();
        assertThat(column(customers, "id").generation()).isEqualTo(Generation.IDENTITY);
        assertThat(column(customers, "id").range()).contains(Types.INT_UNSIGNED);
        assertThat(column(customers, "age").range()).contains(Types.TINYINT_UNSIGNED);
        assertThat(column(customers, "is_vip").type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(column(customers, "score").range()).contains(Types.MEDIUMINT);
        assertThat(column(customers, "big").range()).contains(Types.BIGINT_UNSIGNED);
        assertThat(column(customers, "birth_year").range()).contains(Types.YEAR);
        assertThat(column(customers, "status").enumValues()).containsExactly("active", "blocked", "it's");
        assertThat(column(customers, "email").maxLength()).hasValue(200);
        assertThat(column(customers, "email").defaultExpression()).isEmpty();
        assertThat(column(customers, "password_hash").exposure()).isEqualTo(ColumnExposure.HIDDEN);

        Entity orders = entity("orders");
        assertThat(column(orders, "total").generation()).isEqualTo(Generation.COMPUTED);
        assertThat(column(orders, "virtual_total").generation()).isEqualTo(Generation.COMPUTED);
        assertThat(column(orders, "amount").range())
                .contains(new NumericRange(new BigDecimal("-99999999.99"), new BigDecimal("99999999.99")));
        assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.columns()).containsExactly("customer_id");
            assertThat(fk.targetEntity()).isEqualTo("customers");
            assertThat(fk.targetColumns()).containsExactly("id");
        });
        assertThat(orders.form().createRequiredNames()).containsExactly("customer_id", "amount");
        assertThat(orders.form().filterNames()).contains("order_id", "customer_id", "amount", "placed_on");
    }

    @Test
    void keysViewsAndExposure() {
        assertThat(entity("plain_pk").form().createRequiredNames()).containsExactly("code");
        assertThat(entity("default_pk").form().createRequiredNames()).isEmpty();
        assertThat(entity("order_lines").primaryKey()).containsExactly("order_id", "line_no");
        assertThat(entity("event_log").exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(entity("order_totals").kind()).isEqualTo(EntityKind.VIEW);
        assertThat(entity("order_totals").exposure()).isEqualTo(Exposure.READ_ONLY);
        EntityCatalog current = catalog.current();
        for (String hidden : List.of("flyway_schema_history", "api_keys", "ai_chat")) {
            assertThat(current.find(hidden)).as(hidden).isEmpty();
        }
        Entity customers = entity("customers");
        assertThat(customers.form().createRequiredNames()).containsExactly("full_name");
        assertThat(customers.form().updateNames()).doesNotContain("company_id", "created_at", "id");
    }

    @Test
    @Tag("invariant-6")
    void mixedCaseUnicodeAndTwoSchemas() {
        assertThat(entity("MixedCase").uniqueKeys()).containsExactly(List.of("DisplayName"));
        assertThat(entity("mixedcase").column("Größe")).isPresent();
        assertThat(entity("Ünïcødé_表").column("名前")).isPresent();

        EntityCatalog both = JdbcSchemaCatalog.create(
                        dataSource,
                        CatalogOptions.builder().schemas(database, other).build())
                .current();
        assertThat(both.find("orders")).isEmpty();
        assertThat(both.find(database + ".orders")).isPresent();
        assertThat(both.find(other + ".orders"))
                .map(e -> e.column("region").isPresent())
                .contains(true);
    }
}
