package dev.tabletalk.jdbcsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DialectTest {

    @ParameterizedTest(name = "product \"{0}\" is {1}")
    @CsvSource({
        "PostgreSQL, POSTGRESQL",
        "postgres, POSTGRESQL",
        "MariaDB, MARIADB",
        "MySQL, MYSQL",
        "SQLite, SQLITE",
        "H2, H2",
        "h2, H2",
    })
    void detectsTheDatabaseFromTheProductName(String productName, Dialect expected) {
        assertThat(Dialect.fromProductName(productName)).contains(expected);
    }

    @ParameterizedTest(name = "product \"{0}\" is not supported")
    @NullAndEmptySource
    @ValueSource(strings = {"Oracle", "Microsoft SQL Server", "Apache Derby", "HSQL Database Engine", "H2 Console"})
    void otherProductsAreNotSupported(String productName) {
        assertThat(Dialect.fromProductName(productName)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "jdbc:postgresql://h:5432/db, POSTGRESQL",
        "jdbc:postgresql:db, POSTGRESQL",
        "JDBC:PostgreSQL://h/db, POSTGRESQL",
        "jdbc:mariadb://h:3306/db, MARIADB",
        "jdbc:mysql://h:3306/db, MYSQL",
        "jdbc:sqlite::memory:, SQLITE",
        "jdbc:sqlite:/tmp/shop.db, SQLITE",
        "jdbc:h2:mem:shop, H2",
        "jdbc:h2:tcp://h/~/shop, H2",
    })
    void detectsTheDatabaseFromAJdbcUrl(String url, Dialect expected) {
        assertThat(Dialect.fromJdbcUrl(url)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" names no supported database")
    @NullAndEmptySource
    @ValueSource(strings = {"jdbc:oracle:thin:@h:1521:x", "postgresql://h/db", "jdbc:", "jdbc:h2"})
    void otherUrlsNameNoSupportedDatabase(String url) {
        assertThat(Dialect.fromJdbcUrl(url)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: driver {1}, port {2}")
    @CsvSource({
        "POSTGRESQL, org.postgresql.Driver, 5432",
        "MARIADB, org.mariadb.jdbc.Driver, 3306",
        "MYSQL, org.mariadb.jdbc.Driver, 3306",
        "SQLITE, org.sqlite.JDBC, -1",
        "H2, org.h2.Driver, -1",
    })
    void knowsEachDatabasesDriverAndDefaultPort(Dialect dialect, String driver, int port) {
        assertThat(dialect.driverClassName()).isEqualTo(driver);
        assertThat(dialect.defaultPort()).isEqualTo(port > 0 ? OptionalInt.of(port) : OptionalInt.empty());
        assertThat(dialect.isServer()).isEqualTo(port > 0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void knowsWhatEachDatabaseSupports(Dialect dialect) {
        Set<Dialect> mySqlFamily = EnumSet.of(Dialect.MARIADB, Dialect.MYSQL);
        assertThat(dialect.isMySqlFamily()).isEqualTo(mySqlFamily.contains(dialect));
        // SQLite locks the whole database and refuses setReadOnly on an open connection
        assertThat(dialect.supportsRowLocks()).isEqualTo(dialect != Dialect.SQLITE);
        assertThat(dialect.supportsReadOnlyTransactions()).isEqualTo(dialect != Dialect.SQLITE);
    }

    @Test
    void everyDatabaseIsFoundByItsOwnNameAsProduct() {
        for (Dialect dialect : Dialect.values()) {
            assertThat(Dialect.fromProductName(dialect.name()))
                    .as(dialect.name())
                    .contains(dialect);
        }
    }
}
