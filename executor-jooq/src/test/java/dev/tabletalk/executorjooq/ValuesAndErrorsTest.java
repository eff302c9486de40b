package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.error.DatabaseFault;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.jdbcsupport.SqlErrorKind;
import java.math.BigDecimal;
import java.sql.SQLException;
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
    void refusalsForDatabaseErrorsSayWhatToDoWithoutDetails() {
        for (SqlErrorKind kind : SqlErrorKind.values()) {
            DatabaseErrors.refusal(kind)
                    .map(Refusal::message)
                    .ifPresent(message -> assertThat(message)
                            .doesNotContainIgnoringCase("sql")
                            .doesNotContainIgnoringCase("constraint")
                            .doesNotContainIgnoringCase("exception"));
        }
        assertThat(DatabaseErrors.refusal(SqlErrorKind.CONNECTION)).isEmpty();
        assertThat(DatabaseErrors.refusal(SqlErrorKind.LOCK_TIMEOUT))
                .map(Refusal::code)
                .contains(RefusalCode.LOCK_TIMEOUT);
    }

    @Test
    void errorsOfADatabaseThatAnsweredAreFaultsNotOutages() {
        // which SQLState or vendor code is which kind: SqlErrorsTest in jdbc-support
        assertThat(DatabaseErrors.fault(SqlErrorKind.NOT_POPULATED)).contains(DatabaseFault.NOT_POPULATED);
        assertThat(DatabaseErrors.fault(SqlErrorKind.PERMISSION_DENIED)).contains(DatabaseFault.PERMISSION_DENIED);
        assertThat(DatabaseErrors.fault(SqlErrorKind.OTHER)).contains(DatabaseFault.UNEXPECTED);
        assertThat(DatabaseErrors.fault(SqlErrorKind.CONNECTION))
                .as("only an outage is unavailable")
                .isEmpty();
        assertThat(DatabaseErrors.fault(SqlErrorKind.UNIQUE)).isEmpty();
        assertThat(DatabaseErrors.errorClass(
                        SqlErrorKind.OTHER,
                        new SQLException(
                                "ERROR: operator does not exist: mpaa_rating = character varying", "42883", 0)))
                .isEqualTo("database error other: SQLState 42883, vendor code 0 (SQLException)");
    }

    @Test
    void everyKindIsARefusalAFaultOrAnOutage() {
        for (SqlErrorKind kind : SqlErrorKind.values()) {
            boolean refused = DatabaseErrors.refusal(kind).isPresent();
            boolean fault = DatabaseErrors.fault(kind).isPresent();
            assertThat(refused && fault).as(kind + " is not both").isFalse();
            assertThat(refused || fault)
                    .as(kind + " is a refusal or a fault unless an outage")
                    .isEqualTo(kind != SqlErrorKind.CONNECTION);
        }
    }
}
