package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.reply.RefusalCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Dates without a time in filters (#13): on date and timestamp columns alike a date alone is accepted; on a
 * timestamp column it stays a day (the executors compare whole days), while a value written to the column keeps
 * meaning that day's midnight, and a value with a time keeps its meaning.
 */
class DayFilterCoercionTest {

    private static final Column PLACED =
            Column.builder("placed_at", ValueType.TIMESTAMP).build();
    private static final Column PLACED_TZ =
            Column.builder("placed_at", ValueType.TIMESTAMP_TZ).build();
    private static final Column BORN = Column.builder("born_on", ValueType.DATE).build();

    private static Object value(Coerced coerced) {
        assertThat(coerced).isInstanceOf(Coerced.Value.class);
        return ((Coerced.Value) coerced).value();
    }

    @Test
    void aDateAloneInAFilterStaysADayOnEveryDateOrTimestampColumn() {
        LocalDate day = LocalDate.of(2024, 3, 5);

        assertThat(value(ValueCoercion.forFilter(PLACED, "2024-03-05"))).isEqualTo(day);
        assertThat(value(ValueCoercion.forFilter(PLACED_TZ, " 2024-03-05 "))).isEqualTo(day);
        assertThat(value(ValueCoercion.forFilter(BORN, "2024-03-05"))).isEqualTo(day);
        // a validated plan validated again keeps its day
        assertThat(value(ValueCoercion.forFilter(PLACED, day))).isEqualTo(day);
    }

    @Test
    void aValueWithATimeKeepsItsMeaning() {
        assertThat(value(ValueCoercion.forFilter(PLACED, "2024-03-05T10:15:00")))
                .isEqualTo(LocalDateTime.of(2024, 3, 5, 10, 15));
        assertThat(value(ValueCoercion.forFilter(PLACED_TZ, "2024-03-05T10:15:00+01:00")))
                .isEqualTo(OffsetDateTime.of(2024, 3, 5, 10, 15, 0, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    void aValueWrittenToATimestampColumnIsStillThatDaysMidnight() {
        assertThat(value(ValueCoercion.fromPlan(PLACED, "2024-03-05"))).isEqualTo(LocalDateTime.of(2024, 3, 5, 0, 0));
    }

    @Test
    void aDayThatDoesNotExistIsRefusedSayingSo() {
        Coerced coerced = ValueCoercion.forFilter(PLACED, "2024-02-30");

        assertThat(coerced).isInstanceOf(Coerced.Rejected.class);
        Problem problem = ((Coerced.Rejected) coerced).problem();
        assertThat(problem.code()).isEqualTo(RefusalCode.INVALID_DATE);
        assertThat(problem.message()).contains("'2024-02-30' is not a valid date for placed_at");
    }
}
