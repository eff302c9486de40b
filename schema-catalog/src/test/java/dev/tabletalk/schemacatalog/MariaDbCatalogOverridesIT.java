package dev.tabletalk.schemacatalog;

import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The catalog overrides on MariaDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCatalogOverridesIT extends CatalogOverridesContract {

    private String database;
    private PooledDataSource dataSource;

    @BeforeAll
    void createFixture() throws SQLException {
        database = TestDatabases.createMariaDb("overrides");
        try (Connection connection = TestDatabases.mariaDb(database)) {
            TestDatabases.execute(
                    connection,
                    "create table companies (company_id int primary key, name varchar(100) not null)",
                    """
                    create table customers (id int auto_increment primary key,
                      company_id int not null, name varchar(100) not null,
                      phone varchar(40), notes text, password_hash varchar(100), ssn varchar(20), archived boolean,
                      removed_on datetime null,
                      foreign key (company_id) references companies(company_id))""",
                    "create table orders (id int auto_increment primary key, customer_id int not null, "
                            + "status varchar(20) not null, foreign key (customer_id) references customers(id))",
                    "create table countries (code varchar(2) primary key, name varchar(100) not null)",
                    "create table api_tokens (id int auto_increment primary key, label varchar(100))",
                    "create table event_log (at datetime, message text)",
                    "create view customer_names as select id, name from customers");
        }
        DatabaseServer server = DatabaseServers.mariaDb();
        dataSource = ConnectionSpec.parse(TestDatabases.mariaDbUrl(database))
                .withUser(server.user())
                .withPassword(server.password())
                .dataSource(2);
    }

    @AfterAll
    void dropFixture() {
        if (dataSource != null) {
            dataSource.close();
        }
        TestDatabases.dropMariaDb(database);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
