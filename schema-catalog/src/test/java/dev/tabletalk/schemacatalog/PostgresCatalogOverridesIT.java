package dev.tabletalk.schemacatalog;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The catalog overrides on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCatalogOverridesIT extends CatalogOverridesContract {

    private String database;
    private PooledDataSource dataSource;

    @BeforeAll
    void createFixture() throws SQLException {
        database = TestDatabases.createPgDatabase("overrides");
        try (Connection connection = TestDatabases.pg(database)) {
            TestDatabases.execute(
                    connection,
                    "create table companies (company_id integer primary key, name text not null)",
                    """
                    create table customers (id serial primary key,
                      company_id integer not null references companies(company_id), name text not null,
                      phone text, notes text, password_hash text, ssn text, archived boolean,
                      removed_on timestamptz)""",
                    "create table orders (id serial primary key, customer_id integer not null references "
                            + "customers(id), status text not null)",
                    "create table countries (code text primary key, name text not null)",
                    "create table api_tokens (id serial primary key, label text)",
                    "create table event_log (at timestamptz, message text)",
                    "create view customer_names as select id, name from customers");
        }
        dataSource = TestDatabases.pgDataSource(database);
    }

    @AfterAll
    void dropFixture() {
        if (dataSource != null) {
            dataSource.close();
        }
        TestDatabases.dropPgDatabase(database);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
