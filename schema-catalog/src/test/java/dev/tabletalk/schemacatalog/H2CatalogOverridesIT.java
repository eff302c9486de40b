package dev.tabletalk.schemacatalog;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The catalog overrides on H2 (unquoted names folded to lower case, as on the other engines). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2CatalogOverridesIT extends CatalogOverridesContract {

    private PooledDataSource dataSource;

    @BeforeAll
    void createFixture() throws SQLException {
        String url =
                "jdbc:h2:mem:" + TestDatabases.uniqueName("h2_overrides") + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        dataSource = ConnectionSpec.parse(url).dataSource(2);
        try (Connection connection = dataSource.getConnection()) {
            TestDatabases.execute(
                    connection,
                    "create table companies (company_id int primary key, name varchar(100) not null)",
                    """
                    create table customers (id int generated always as identity primary key,
                      company_id int not null references companies(company_id), name varchar(100) not null,
                      phone varchar(40), notes varchar(400), password_hash varchar(100), ssn varchar(20),
                      archived boolean, removed_on timestamp with time zone)""",
                    "create table orders (id int generated always as identity primary key, customer_id int not null "
                            + "references customers(id), status varchar(20) not null)",
                    "create table countries (code varchar(2) primary key, name varchar(100) not null)",
                    "create table api_tokens (id int primary key, label varchar(100))",
                    "create table event_log (at timestamp, message varchar(400))",
                    "create view customer_names as select id, name from customers");
        }
    }

    @AfterAll
    void dropFixture() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
