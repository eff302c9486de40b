package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.jdbcsupport.Dialect;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreSqlTest {

    @ParameterizedTest(name = "{0} {1}/{2}: another try {3}")
    @CsvSource({
        // a racing writer took the same sequence number, or the chain head row was locked
        "H2, 23505, 23505, true",
        "H2, HYT00, 50200, true",
        "H2, 40001, 40001, true",
        "POSTGRESQL, 23505, 0, true",
        "POSTGRESQL, 55P03, 0, true",
        "POSTGRESQL, 40001, 0, true",
        "POSTGRESQL, 40P01, 0, true",
        "MARIADB, 23000, 1062, true",
        "MARIADB, 40001, 1213, true",
        "MARIADB, HY000, 1205, true",
        "MYSQL, 23000, 1062, true",
        // nothing another try can fix
        "H2, 42S02, 42102, false",
        "POSTGRESQL, 42501, 0, false",
        "POSTGRESQL, 08006, 0, false",
        "MARIADB, 42000, 1142, false",
    })
    void retriesRacesAndLockWaitsOnly(Dialect dialect, String state, int code, boolean transientFailure) {
        assertThat(new StoreSql(dialect).isTransient(new SQLException("detail", state, code)))
                .isEqualTo(transientFailure);
    }

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource({
        "H2, CHARACTER LARGE OBJECT, TIMESTAMP(6) WITH TIME ZONE",
        "POSTGRESQL, TEXT, TIMESTAMP(6) WITH TIME ZONE",
        "MARIADB, LONGTEXT, DATETIME(6)",
        "MYSQL, LONGTEXT, DATETIME(6)",
    })
    void eachStoreHasItsColumnTypes(Dialect dialect, String text, String timestamp) {
        StoreSql store = new StoreSql(dialect);
        assertThat(store.textType()).isEqualTo(text);
        assertThat(store.timestampType()).isEqualTo(timestamp);
        assertThat(store.tableOptions())
                .isEqualTo(dialect.isMySqlFamily() ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"H2", "POSTGRESQL", "MARIADB"})
    void aLostConnectionIsNoRace(Dialect dialect) {
        assertThat(new StoreSql(dialect).isTransient(new SQLNonTransientConnectionException("gone", "08000")))
                .isFalse();
    }
}
