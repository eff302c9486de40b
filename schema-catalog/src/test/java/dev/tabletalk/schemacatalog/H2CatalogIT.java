package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.testkit.contract.SchemaCatalogContract;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2CatalogIT extends SchemaCatalogContract {

    private String url;
    private PooledDataSource dataSource;
    private SchemaCatalog catalog;

    @BeforeAll
    void createFixture() throws SQLException {
        url = "jdbc:h2:mem:" + TestDatabases.uniqueName("h2") + ";DB_CLOSE_DELAY=-1";
        dataSource = ConnectionSpec.parse(url).dataSource(2);
        try (Connection connection = dataSource.getConnection()) {
            TestDatabases.execute(
                    connection,
                    "create schema sales",
                    """
                    create table customers (id int generated always as identity primary key,
                      full_name varchar(100) not null, email varchar(200), password_hash varchar(100),
                      company_id int not null, created_at timestamp with time zone default current_timestamp not null,
                      status enum('new', 'vip') default 'new' not null)""",
                    "comment on table customers is 'People who buy'",
                    "comment on column customers.full_name is 'Given and family name'",
                    """
                    create table orders (order_id int auto_increment primary key,
                      customer_id int not null references customers(id), amount numeric(10,2) not null,
                      total numeric(12,2) generated always as (amount * 1.2), tiny tinyint)""",
                    "create index orders_amount on orders(amount)",
                    "create table plain_pk (code int primary key, label varchar(10))",
                    "create table event_log (at timestamp, message varchar(100))",
                    "create view order_totals as select customer_id, sum(amount) as total from orders "
                            + "group by customer_id",
                    "create table databasechangelog (id varchar(255) primary key)",
                    "create table \"MixedCase\" (\"Id\" int primary key, \"DisplayName\" varchar(20) unique)",
                    "create table sales.orders (id int primary key, region varchar(20))");
        }
        catalog = JdbcSchemaCatalog.create(dataSource, CatalogOptions.defaults());
    }

    @AfterAll
    void dropFixture() throws SQLException {
        dataSource.close();
        try (Connection connection = DriverManager.getConnection(url)) {
            TestDatabases.execute(connection, "shutdown");
        }
    }

    @Override
    protected SchemaCatalog catalog() {
        return catalog;
    }

    @Override
    protected String exposedEntity() {
        return "CUSTOMERS";
    }

    @Override
    protected String hiddenColumn() {
        return "PASSWORD_HASH";
    }

    @Override
    protected String hiddenEntity() {
        return "DATABASECHANGELOG";
    }

    @Override
    protected void createTable(String name) {
        try (Connection connection = dataSource.getConnection()) {
            TestDatabases.execute(connection, "create table " + name + " (id int primary key)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entity entity(String reference) {
        return catalog.current().find(reference).orElseThrow(() -> new AssertionError("no entity " + reference));
    }

    @Test
    void readsIdentityGeneratedEnumsCommentsAndKeys() {
        Entity customers = entity("customers");
        assertThat(customers.schema()).isEqualTo("PUBLIC");
        assertThat(customers.comment()).contains("People who buy");
        assertThat(customers.column("FULL_NAME").orElseThrow().comment()).contains("Given and family name");
        assertThat(customers.column("ID").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
        assertThat(customers.column("STATUS").orElseThrow().enumValues()).containsExactly("new", "vip");
        assertThat(customers.column("CREATED_AT").orElseThrow().type()).isEqualTo(ValueType.TIMESTAMP_TZ);
        assertThat(customers.form().createRequiredNames()).containsExactly("FULL_NAME");

        Entity orders = entity("orders");
        assertThat(orders.column("ORDER_ID").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
        assertThat(orders.column("TOTAL").orElseThrow().generation()).isEqualTo(Generation.COMPUTED);
        assertThat(orders.column("AMOUNT").orElseThrow().precision()).hasValue(10);
        assertThat(orders.column("TINY").orElseThrow().range()).contains(Types.TINYINT);
        assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.targetEntity()).isEqualTo("CUSTOMERS");
            assertThat(fk.targetColumns()).containsExactly("ID");
        });
        assertThat(orders.indexes()).anySatisfy(i -> assertThat(i.columns()).containsExactly("AMOUNT"));
        assertThat(orders.form().createRequiredNames()).containsExactly("CUSTOMER_ID", "AMOUNT");
        assertThat(entity("plain_pk").form().createRequiredNames()).containsExactly("CODE");
        assertThat(entity("MixedCase").uniqueKeys()).containsExactly(List.of("DisplayName"));
    }

    @Test
    void aFailedRefreshKeepsThePreviousCatalogAndNamesNoDriverText() throws SQLException {
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("FATAL: password authentication failed, password=hunter2", "08006");
                    }
                    return method.invoke(dataSource, args);
                });
        SchemaCatalog catalog = JdbcSchemaCatalog.create(flaky, CatalogOptions.defaults());
        EntityCatalog before = catalog.current();
        down.set(true);
        assertThatThrownBy(catalog::refresh)
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("08006")
                .satisfies(e -> assertThat(((DependencyUnavailableException) e).dependency())
                        .isEqualTo(Dependency.TARGET_DATABASE));
        assertThat(catalog.current()).isSameAs(before);
    }

    @Test
    void viewsKeylessTablesAndSchemas() {
        assertThat(entity("order_totals").kind()).isEqualTo(EntityKind.VIEW);
        assertThat(entity("order_totals").exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(entity("event_log").exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(catalog.current().find("orders")).map(Entity::schema).contains("PUBLIC");
        EntityCatalog both = JdbcSchemaCatalog.create(
                        dataSource,
                        CatalogOptions.builder().schemas("PUBLIC", "SALES").build())
                .current();
        assertThat(both.find("orders")).isEmpty();
        assertThat(both.find("SALES.ORDERS")).isPresent();
    }
}
