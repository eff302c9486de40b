package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.jdbcsupport.Dialect;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JooqDialectTest {

    @ParameterizedTest(name = "{0} is jOOQ's {1}")
    @CsvSource({
        "POSTGRESQL, POSTGRES",
        "MARIADB, MARIADB",
        "MYSQL, MYSQL",
        "SQLITE, SQLITE",
        "H2, H2",
    })
    void everyDatabaseHasItsJooqDialect(Dialect dialect, SQLDialect jooq) {
        assertThat(JooqDialect.of(dialect)).isEqualTo(jooq);
    }
}
