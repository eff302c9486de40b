package dev.tabletalk.schemacatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The catalog overrides on SQLite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteCatalogOverridesIT extends CatalogOverridesContract {

    private Path directory;
    private Path file;
    private PooledDataSource dataSource;

    @BeforeAll
    void createFixture() throws SQLException, IOException {
        directory = Files.createTempDirectory(TestDatabases.uniqueName("sqlite_overrides"));
        file = directory.resolve("fixture.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            TestDatabases.execute(
                    connection,
                    "create table companies (company_id integer primary key, name text not null)",
                    """
                    create table customers (id integer primary key autoincrement,
                      company_id integer not null references companies(company_id), name text not null,
                      phone text, notes text, password_hash text, ssn text, archived boolean,
                      removed_on timestamp)""",
                    "create table orders (id integer primary key, customer_id integer not null references "
                            + "customers(id), status text not null)",
                    "create table countries (code text primary key, name text not null)",
                    "create table api_tokens (id integer primary key, label text)",
                    "create table event_log (at timestamp, message text)",
                    "create view customer_names as select id, name from customers");
        }
        dataSource = ConnectionSpec.parse("sqlite:///" + file).dataSource(1);
    }

    @AfterAll
    void dropFixture() throws IOException {
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
    protected DataSource dataSource() {
        return dataSource;
    }
}
