package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.reply.RefusalCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCoercionTest {

    private static final Column TOTAL =
            Column.builder("total", ValueType.DECIMAL).precision(12).scale(2).build();
    private static final Column STOCK = Column.builder("stock", ValueType.INTEGER)
            .range(NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE))
            .build();
    private static final Column STATUS = Column.builder("status", ValueType.TEXT)
            .enumValues(List.of("active", "inactive", "blocked"))
            .build();
    private static final Column SKU =
            Column.builder("sku", ValueType.TEXT).maxLength(5).build();
    private static final Column BORN = Column.builder("born", ValueType.DATE).build();
    private static final Column AT =
            Column.builder("at", ValueType.TIMESTAMP_TZ).build();
    private static final Column ACTIVE =
            Column.builder("active", ValueType.BOOLEAN).build();

    private static RefusalCode code(Coerced coerced) {
        return ((Coerced.Rejected) coerced).problem().code();
    }

    private static Object value(Coerced coerced) {
        return ((Coerced.Value) coerced).value();
    }

    @Test
    void textForANumberIsRefusedWithAClearMessage() {
        Coerced result = ValueCoercion.fromPlan(TOTAL, "abc");

        assertThat(((Coerced.Rejected) result).problem().message()).isEqualTo("'abc' is not a number for total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "nan"})
    void nonFiniteWordsAreRefused(String word) {
        assertThat(code(ValueCoercion.fromPlan(TOTAL, word))).isEqualTo(RefusalCode.NOT_FINITE);
    }

    @Test
    void nonFiniteDoublesAreRefused() {
        assertThat(code(ValueCoercion.fromPlan(TOTAL, Double.POSITIVE_INFINITY)))
                .isEqualTo(RefusalCode.NOT_FINITE);
        assertThat(code(ValueCoercion.fromPlan(TOTAL, Double.NaN))).isEqualTo(RefusalCode.NOT_FINITE);
    }

    @Test
    void decimalsBeyondPrecisionOrScaleAreOutOfRange() {
        assertThat(code(ValueCoercion.fromPlan(TOTAL, new BigDecimal("12345678901.99"))))
                .isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(code(ValueCoercion.fromPlan(TOTAL, new BigDecimal("1.234")))).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(value(ValueCoercion.fromPlan(TOTAL, new BigDecimal("9999999999.99"))))
                .isEqualTo(new BigDecimal("9999999999.99"));
    }

    @Test
    void integersOutsideTheColumnRangeAreRefused() {
        assertThat(code(ValueCoercion.fromPlan(STOCK, 2147483648L))).isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(code(ValueCoercion.fromPlan(STOCK, new BigInteger("99999999999999999999999"))))
                .isEqualTo(RefusalCode.OUT_OF_RANGE);
        assertThat(value(ValueCoercion.fromPlan(STOCK, 2147483647L))).isEqualTo(2147483647L);
    }

    @Test
    void integersAreOnlyJsonIntegersInPlans() {
        assertThat(code(ValueCoercion.fromPlan(STOCK, "05"))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(code(ValueCoercion.fromPlan(STOCK, "5"))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(code(ValueCoercion.fromPlan(STOCK, 5.0))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(code(ValueCoercion.fromPlan(STOCK, 3.7))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(code(ValueCoercion.fromPlan(STOCK, true))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(value(ValueCoercion.fromPlan(STOCK, 5))).isEqualTo(5L);
    }

    @Test
    void typedTextAcceptsCanonicalNumbersOnly() {
        assertThat(value(ValueCoercion.fromText(STOCK, "42"))).isEqualTo(42L);
        assertThat(code(ValueCoercion.fromText(STOCK, "05"))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(code(ValueCoercion.fromText(STOCK, "4.2"))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(value(ValueCoercion.fromText(TOTAL, "12.50"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(value(ValueCoercion.fromText(ACTIVE, "yes"))).isEqualTo(true);
        assertThat(value(ValueCoercion.fromText(ACTIVE, "1"))).isEqualTo(true);
        assertThat(value(ValueCoercion.fromText(ACTIVE, "0"))).isEqualTo(false);
        assertThat(value(ValueCoercion.fromText(ACTIVE, "No"))).isEqualTo(false);
        assertThat(code(ValueCoercion.fromText(ACTIVE, "2"))).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(value(ValueCoercion.fromText(SKU, "'AB'"))).isEqualTo("AB");
    }

    @Test
    void enumValuesMustBeOneOfTheAllowedOnes() {
        Coerced refused = ValueCoercion.fromPlan(STATUS, "deleted");

        assertThat(code(refused)).isEqualTo(RefusalCode.INVALID_ENUM_VALUE);
        assertThat(((Coerced.Rejected) refused).problem().message()).contains("active, inactive, blocked");
        assertThat(value(ValueCoercion.fromPlan(STATUS, "Blocked"))).isEqualTo("blocked");
    }

    @Test
    void textLongerThanTheColumnIsRefusedCountingCodePoints() {
        assertThat(code(ValueCoercion.fromPlan(SKU, "ABCDEF"))).isEqualTo(RefusalCode.VALUE_TOO_LONG);
        assertThat(value(ValueCoercion.fromPlan(SKU, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "yesterday", "now", "infinity", "epoch", "2024-13-01", "01/02/2024"})
    void onlyRealIsoDatesAreAccepted(String text) {
        assertThat(code(ValueCoercion.fromPlan(BORN, text))).isEqualTo(RefusalCode.INVALID_DATE);
    }

    @Test
    void isoDatesAndTimestampsAreParsed() {
        assertThat(value(ValueCoercion.fromPlan(BORN, "2024-02-29"))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(value(ValueCoercion.fromPlan(AT, "2024-02-29T10:00:00+02:00")))
                .isEqualTo(OffsetDateTime.parse("2024-02-29T10:00:00+02:00"));
        assertThat(value(ValueCoercion.fromPlan(AT, "2024-02-29T10:00:00")))
                .isEqualTo(OffsetDateTime.parse("2024-02-29T10:00:00Z"));
    }

    @Test
    void coercedValuesCoerceToThemselves() {
        Object date = value(ValueCoercion.fromPlan(BORN, "2024-02-29"));
        assertThat(value(ValueCoercion.fromPlan(BORN, date))).isEqualTo(date);
        Object total = value(ValueCoercion.fromPlan(TOTAL, new BigDecimal("1.50")));
        assertThat(value(ValueCoercion.fromPlan(TOTAL, total))).isEqualTo(total);
    }

    @Test
    void aHugeValueIsQuotedShortInMessages() {
        String huge = "x".repeat(10_000);
        String message = ((Coerced.Rejected) ValueCoercion.fromPlan(TOTAL, huge))
                .problem()
                .message();
        assertThat(message.length()).isLessThan(100);
    }
}
