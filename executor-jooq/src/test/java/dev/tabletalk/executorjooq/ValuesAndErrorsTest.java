package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesAndErrorsTest {

    @Test
    void maskingKeepsOnlyAHint() {
        assertThat(Masker.mask("john@example.com")).isEqualTo("j***@example.com");
        assertThat(Masker.mask("+1 555 0142")).isEqualTo("+***42");
        assertThat(Masker.mask("12345")).isEqualTo("***");
        assertThat(Masker.mask(42L)).isEqualTo("***");
        assertThat(Masker.mask(null)).isNull();
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterBecomeLiteral() {
        assertThat(Sql.escapeLike("100%_off!")).isEqualTo("100!%!_off!!");
        assertThat(Sql.escapeLike("plain")).isEqualTo("plain");
    }

    @Test
    void theValuesHashIsStableAcrossDecimalScalesButSeesEveryChange() {
        String a = RowValues.hash(List.of(Map.of("id", 1L, "credit", new BigDecimal("10.50"))));
        String b = RowValues.hash(List.of(Map.of("id", 1L, "credit", new BigDecimal("10.5"))));
        String c = RowValues.hash(List.of(Map.of("id", 1L, "credit", new BigDecimal("10.51"))));

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void databaseErrorsAreClassifiedPerDialect() {
        assertThat(kind(Dialect.POSTGRES, "23505", 0)).isEqualTo(DatabaseErrors.Kind.UNIQUE);
        assertThat(kind(Dialect.POSTGRES, "55P03", 0)).isEqualTo(DatabaseErrors.Kind.LOCK_TIMEOUT);
        assertThat(kind(Dialect.POSTGRES, "57014", 0)).isEqualTo(DatabaseErrors.Kind.STATEMENT_TIMEOUT);
        assertThat(kind(Dialect.POSTGRES, "40P01", 0)).isEqualTo(DatabaseErrors.Kind.RETRYABLE);
        assertThat(kind(Dialect.MARIADB, "23000", 1452)).isEqualTo(DatabaseErrors.Kind.FOREIGN_KEY);
        assertThat(kind(Dialect.MARIADB, "HY000", 1205)).isEqualTo(DatabaseErrors.Kind.LOCK_TIMEOUT);
        assertThat(kind(Dialect.MARIADB, "40001", 1213)).isEqualTo(DatabaseErrors.Kind.RETRYABLE);
        assertThat(kind(Dialect.H2, "HYT00", 50200)).isEqualTo(DatabaseErrors.Kind.LOCK_TIMEOUT);
        assertThat(kind(Dialect.H2, "23513", 23513)).isEqualTo(DatabaseErrors.Kind.CHECK);
        assertThat(DatabaseErrors.classify(Dialect.SQLITE, new SQLException(
                "[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed (CHECK constraint failed: stock >= 0)", null, 275)))
                .isEqualTo(DatabaseErrors.Kind.CHECK);
        assertThat(DatabaseErrors.classify(Dialect.SQLITE, new SQLException("[SQLITE_BUSY] The database file is locked",
                null, 5))).isEqualTo(DatabaseErrors.Kind.LOCK_TIMEOUT);
        assertThat(DatabaseErrors.classify(Dialect.POSTGRES, new SQLTransientConnectionException("refused", "08001")))
                .isEqualTo(DatabaseErrors.Kind.CONNECTION);
    }

    @Test
    void refusalsForDatabaseErrorsSayWhatToDoWithoutDetails() {
        for (DatabaseErrors.Kind kind : DatabaseErrors.Kind.values()) {
            DatabaseErrors.refusal(kind).map(Refusal::message).ifPresent(message -> assertThat(message)
                    .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("constraint")
                    .doesNotContainIgnoringCase("exception"));
        }
        assertThat(DatabaseErrors.refusal(DatabaseErrors.Kind.CONNECTION)).isEmpty();
        assertThat(DatabaseErrors.refusal(DatabaseErrors.Kind.LOCK_TIMEOUT)).map(Refusal::code)
                .contains(RefusalCode.LOCK_TIMEOUT);
    }

    @Test
    void errorsOfADatabaseThatAnsweredAreFaultsNotOutages() {
        assertThat(DatabaseErrors.classify(Dialect.POSTGRES, new SQLException(
                "ERROR: materialized view \"x\" has not been populated", "55000", 0)))
                .isEqualTo(DatabaseErrors.Kind.NOT_POPULATED);
        assertThat(kind(Dialect.POSTGRES, "55000", 0)).as("another 55000").isEqualTo(DatabaseErrors.Kind.OTHER);
        assertThat(kind(Dialect.POSTGRES, "42501", 0)).isEqualTo(DatabaseErrors.Kind.PERMISSION_DENIED);
        assertThat(kind(Dialect.MARIADB, "42000", 1142)).isEqualTo(DatabaseErrors.Kind.PERMISSION_DENIED);
        assertThat(kind(Dialect.MARIADB, "42000", 1143)).isEqualTo(DatabaseErrors.Kind.PERMISSION_DENIED);
        assertThat(kind(Dialect.H2, "90096", 90096)).isEqualTo(DatabaseErrors.Kind.PERMISSION_DENIED);
        assertThat(kind(Dialect.SQLITE, null, 8)).isEqualTo(DatabaseErrors.Kind.PERMISSION_DENIED);
        assertThat(kind(Dialect.POSTGRES, "42883", 0)).isEqualTo(DatabaseErrors.Kind.OTHER);

        assertThat(DatabaseErrors.fault(DatabaseErrors.Kind.NOT_POPULATED)).contains(DatabaseFault.NOT_POPULATED);
        assertThat(DatabaseErrors.fault(DatabaseErrors.Kind.PERMISSION_DENIED)).contains(DatabaseFault.PERMISSION_DENIED);
        assertThat(DatabaseErrors.fault(DatabaseErrors.Kind.OTHER)).contains(DatabaseFault.UNEXPECTED);
        assertThat(DatabaseErrors.fault(DatabaseErrors.Kind.CONNECTION)).as("only an outage is unavailable").isEmpty();
        assertThat(DatabaseErrors.fault(DatabaseErrors.Kind.UNIQUE)).isEmpty();
        assertThat(DatabaseErrors.errorClass(DatabaseErrors.Kind.OTHER,
                new SQLException("ERROR: operator does not exist: mpaa_rating = character varying", "42883", 0)))
                .isEqualTo("database error other: SQLState 42883, vendor code 0 (SQLException)");
    }

    private static DatabaseErrors.Kind kind(Dialect dialect, String state, int code) {
        return DatabaseErrors.classify(dialect, new SQLException("detail", state, code));
    }
}
