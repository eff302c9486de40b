package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.ValueType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Northwind and Sakila (schemas) loaded into fresh MariaDB databases through testkit's SqlScript (no mariadb client). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbSampleDatabasesIT {

    private final List<String> databases = new ArrayList<>();
    private EntityCatalog northwind;
    private EntityCatalog sakila;

    @BeforeAll
    void loadSamples() throws SQLException {
        northwind = load("northwind", "northwind/mysql/northwind.sql", "northwind");
        sakila = load("sakila", "sakila/mysql/sakila-mv-schema.sql", "sakila");
    }

    private EntityCatalog load(String purpose, String file, String dumpSchema) throws SQLException {
        String database = TestDatabases.createMariaDb(purpose);
        databases.add(database);
        TestDatabases.mariaDbLoad(database, TestDatabases.dataset(file), dumpSchema);
        try (PooledDataSource dataSource = ConnectionSpec.parse(TestDatabases.mariaDbUrl(database))
                .withUser("root")
                .dataSource(1)) {
            return JdbcSchemaCatalog.create(dataSource, CatalogOptions.defaults())
                    .current();
        }
    }

    @AfterAll
    void dropSamples() {
        databases.forEach(TestDatabases::dropMariaDb);
    }

    private static Entity find(EntityCatalog catalog, String name) {
        return catalog.find(name).orElseThrow(() -> new AssertionError("no entity " + name));
    }

    @Test
    void northwindHasAutoIncrementKeysAndForeignKeys() {
        assertThat(northwind.exposedEntities()).hasSizeGreaterThanOrEqualTo(18);
        Entity orders = find(northwind, "orders");
        assertThat(orders.column("id").orElseThrow().generation()).isEqualTo(Generation.IDENTITY);
        assertThat(orders.form().createRequiredNames()).doesNotContain("id");
        assertThat(orders.foreignKeys()).extracting(fk -> fk.targetEntity()).contains("customers", "employees");
        Entity customers = find(northwind, "customers");
        assertThat(customers.form().readNames()).hasSizeLessThanOrEqualTo(8).startsWith("id");
        assertThat(customers.form().filterNames()).contains("id", "company", "last_name", "first_name");
    }

    @Test
    void sakilaMapsUnsignedKeysEnumsSetsAndViews() {
        Entity film = find(sakila, "film");
        assertThat(film.column("film_id").orElseThrow().range()).contains(Types.SMALLINT_UNSIGNED);
        assertThat(film.column("rating").orElseThrow().enumValues()).containsExactly("G", "PG", "PG-13", "R", "NC-17");
        assertThat(film.column("special_features").orElseThrow().type()).isEqualTo(ValueType.OTHER);
        assertThat(film.form().updateNames()).doesNotContain("last_update", "film_id");
        assertThat(find(sakila, "category").column("category_id").orElseThrow().range())
                .contains(Types.TINYINT_UNSIGNED);
        assertThat(find(sakila, "staff").column("password").orElseThrow().exposure())
                .isEqualTo(ColumnExposure.HIDDEN);
        assertThat(find(sakila, "actor_info").kind()).isEqualTo(EntityKind.VIEW);
        assertThat(find(sakila, "film_actor").primaryKey()).containsExactly("actor_id", "film_id");
    }
}
