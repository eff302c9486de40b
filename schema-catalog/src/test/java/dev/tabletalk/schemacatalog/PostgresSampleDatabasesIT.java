package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Northwind, Sakila and Pagila loaded into fresh PostgreSQL databases (schemas only where data is not needed). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSampleDatabasesIT {

    private final List<String> databases = new ArrayList<>();
    private EntityCatalog northwind;
    private EntityCatalog sakila;
    private EntityCatalog pagila;

    @BeforeAll
    void loadSamples() throws SQLException {
        northwind = load("northwind", "northwind/postgresql/northwind.sql");
        sakila = load("sakila", "sakila/postgresql/postgres-sakila-schema.sql");
        pagila = load("pagila", "pagila/pagila-schema.sql");
    }

    private EntityCatalog load(String purpose, String file) throws SQLException {
        String database = TestDatabases.createPgDatabase(purpose);
        databases.add(database);
        TestDatabases.pgLoad(database, TestDatabases.dataset(file));
        try (PooledDataSource dataSource = TestDatabases.pgDataSource(database)) {
            return JdbcSchemaCatalog.create(dataSource, CatalogOptions.defaults())
                    .current();
        }
    }

    @AfterAll
    void dropSamples() {
        databases.forEach(TestDatabases::dropPgDatabase);
    }

    private static Entity find(EntityCatalog catalog, String name) {
        return catalog.find(name).orElseThrow(() -> new AssertionError("no entity " + name));
    }

    @Test
    void northwindIsFullyWritableWithNaturalKeysRequiredOnCreate() {
        assertThat(northwind.exposedEntities()).hasSize(14).allMatch(Entity::isWritable);
        Entity customers = find(northwind, "customers");
        assertThat(customers.form().createRequiredNames()).containsExactly("customer_id", "company_name");
        assertThat(customers.form().readNames())
                .hasSizeLessThanOrEqualTo(8)
                .startsWith("customer_id")
                .contains("company_name", "contact_name", "city", "country", "phone");
        Entity orders = find(northwind, "orders");
        assertThat(orders.form().createRequiredNames()).containsExactly("order_id");
        assertThat(orders.foreignKeys()).anySatisfy(fk -> {
            assertThat(fk.columns()).containsExactly("customer_id");
            assertThat(fk.targetEntity()).isEqualTo("customers");
        });
        assertThat(orders.form().filterNames())
                .contains("order_id", "customer_id", "order_date", "freight", "ship_country");
        assertThat(find(northwind, "order_details").primaryKey()).containsExactly("order_id", "product_id");
        assertThat(find(northwind, "products").form().filterNames()).contains("unit_price", "units_in_stock");
    }

    @Test
    void sakilaHidesTheStaffPasswordAndKeepsViewsReadOnly() {
        Entity staff = find(sakila, "staff");
        assertThat(staff.column("password").orElseThrow().exposure()).isEqualTo(ColumnExposure.HIDDEN);
        assertThat(staff.isWritable()).isTrue();
        Entity actor = find(sakila, "actor");
        assertThat(actor.column("actor_id").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
        assertThat(actor.form().createRequiredNames()).containsExactly("first_name", "last_name");
        assertThat(actor.form().updateNames()).containsExactly("first_name", "last_name");
        for (String view : List.of("actor_info", "customer_list", "film_list", "sales_by_store", "staff_list")) {
            Entity entity = find(sakila, view);
            assertThat(entity.kind()).as(view).isEqualTo(EntityKind.VIEW);
            assertThat(entity.exposure()).as(view).isEqualTo(Exposure.READ_ONLY);
        }
        assertThat(find(sakila, "film").column("rating").orElseThrow().enumValues())
                .containsExactly("G", "PG", "PG-13", "R", "NC-17");
    }

    @Test
    void pagilaReadsDomainsEnumsArraysAndPartitionedTables() {
        Entity film = find(pagila, "film");
        assertThat(film.column("release_year").orElseThrow().type())
                .as("domain over integer")
                .isEqualTo(ValueType.INTEGER);
        assertThat(film.column("fulltext").orElseThrow().type()).isEqualTo(ValueType.OTHER);
        assertThat(film.column("special_features").orElseThrow().type()).isEqualTo(ValueType.OTHER);
        assertThat(film.column("rating").orElseThrow().enumValues()).contains("PG-13");
        assertThat(film.form().filterNames())
                .contains("film_id", "title", "rating", "rental_rate", "release_year")
                .doesNotContain("fulltext");
        assertThat(film.form().updateNames()).doesNotContain("last_update", "film_id");
        // a NOT NULL tsvector without a default cannot be given in a conversation: never asked for
        assertThat(film.form().createRequiredNames()).containsExactly("title", "language_id");

        assertThat(find(pagila, "payment").primaryKey()).isNotEmpty();
        assertThat(pagila.entities()).noneMatch(e -> e.name().startsWith("payment_p2022"));
        assertThat(find(pagila, "staff").visibleColumn("password")).isEmpty();
    }
}
