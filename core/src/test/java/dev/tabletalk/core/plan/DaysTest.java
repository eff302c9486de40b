package dev.tabletalk.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.plan.Days.All;
import dev.tabletalk.core.plan.Days.Any;
import dev.tabletalk.core.plan.Days.Compare;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a day means on a timestamp column (#13): half-open ranges from one midnight to the next. */
class DaysTest {

    private static final LocalDate D = LocalDate.of(2024, 3, 5);
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 5, 0, 0);
    private static final LocalDateTime NEXT = LocalDateTime.of(2024, 3, 6, 0, 0);

    private static Days.Bound local(Op op, Object value) {
        return Days.bounds(Filter.of("at", op, value), false);
    }

    @Test
    void aDayIsFromItsMidnightUpToTheNextOne() {
        assertThat(local(Op.EQ, D)).isEqualTo(new All(List.of(new Compare(Op.GE, START), new Compare(Op.LT, NEXT))));
        assertThat(local(Op.NE, D)).isEqualTo(new Any(List.of(new Compare(Op.LT, START), new Compare(Op.GE, NEXT))));
    }

    @Test
    void comparisonsWithADayMoveToTheRightMidnight() {
        assertThat(local(Op.LT, D)).isEqualTo(new Compare(Op.LT, START));
        assertThat(local(Op.LE, D)).isEqualTo(new Compare(Op.LT, NEXT));
        assertThat(local(Op.GT, D)).isEqualTo(new Compare(Op.GE, NEXT));
        assertThat(local(Op.GE, D)).isEqualTo(new Compare(Op.GE, START));
    }

    @Test
    void betweenDaysIncludesTheLastDayAndADateTimeBoundKeepsItsMeaning() {
        LocalDate end = LocalDate.of(2024, 3, 31);
        LocalDateTime noon = LocalDateTime.of(2024, 3, 31, 12, 0);

        assertThat(local(Op.BETWEEN, List.of(D, end)))
                .isEqualTo(new All(
                        List.of(new Compare(Op.GE, START), new Compare(Op.LT, LocalDateTime.of(2024, 4, 1, 0, 0)))));
        assertThat(local(Op.BETWEEN, List.of(D, noon)))
                .isEqualTo(new All(List.of(new Compare(Op.GE, START), new Compare(Op.LE, noon))));
    }

    @Test
    void listsOfDaysMatchOrLeaveOutWholeDays() {
        assertThat(local(Op.IN, List.of(D)))
                .isEqualTo(new Any(List.of(new All(List.of(new Compare(Op.GE, START), new Compare(Op.LT, NEXT))))));
        assertThat(local(Op.NOT_IN, List.of(D)))
                .isEqualTo(new All(List.of(new Any(List.of(new Compare(Op.LT, START), new Compare(Op.GE, NEXT))))));
    }

    @Test
    void onAColumnWithATimeZoneDaysAreUtcDays() {
        Days.Bound bound = Days.bounds(Filter.eq("at", D), true);

        assertThat(bound)
                .isEqualTo(new All(List.of(
                        new Compare(Op.GE, OffsetDateTime.of(START, ZoneOffset.UTC)),
                        new Compare(Op.LT, OffsetDateTime.of(NEXT, ZoneOffset.UTC)))));
    }

    @Test
    void onlyFiltersHoldingADayNeedLowering() {
        assertThat(Days.hasDays(Filter.eq("at", D))).isTrue();
        assertThat(Days.hasDays(Filter.of("at", Op.BETWEEN, List.of(D, START)))).isTrue();
        assertThat(Days.hasDays(Filter.eq("at", START))).isFalse();
        assertThat(Days.hasDays(Filter.of("at", Op.IS_NULL, null))).isFalse();
        assertThatThrownBy(() -> local(Op.CONTAINS, D)).isInstanceOf(IllegalArgumentException.class);
    }
}
