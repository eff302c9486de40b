package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every guarded executor must do with a date alone on a timestamp column (#13): it means the whole day
 * ({@link dev.tabletalk.core.plan.Days}), so the last second of a day is in it and the next day's midnight is not,
 * for every operator. The orders' {@code created_at} is a timestamp with a time zone on PostgreSQL, H2 and the
 * in-memory executor and one without on MariaDB and SQLite, so both kinds are covered; the orders 601-606 are
 * stored around March 5 and March 31, 2024 (UTC), the seeded orders were created today and are left out by
 * {@code id >= 600}.
 */
public abstract class ExecutorDayContract extends ExecutorSoftDeleteContract {

    private static final LocalDate MARCH_5 = LocalDate.of(2024, 3, 5);

    /**
     * The value this implementation stores for an instant in a timestamp column of {@code type}: an
     * {@code OffsetDateTime} at UTC with a time zone, a {@code LocalDateTime} without; SQLite overrides this with
     * its text form.
     */
    protected Object storedTimestamp(LocalDateTime utc, ValueType type) {
        return type == ValueType.TIMESTAMP_TZ ? utc.atOffset(ZoneOffset.UTC) : utc;
    }

    private ValueType createdAtType() {
        return catalog()
                .find("orders")
                .flatMap(orders -> orders.column("created_at"))
                .orElseThrow()
                .type();
    }

    private void storeOrders() {
        ValueType type = createdAtType();
        Map<Long, LocalDateTime> created = new LinkedHashMap<>();
        created.put(601L, LocalDateTime.of(2024, 3, 4, 23, 59, 59));
        created.put(602L, LocalDateTime.of(2024, 3, 5, 0, 0));
        created.put(603L, LocalDateTime.of(2024, 3, 5, 23, 59, 59));
        created.put(604L, LocalDateTime.of(2024, 3, 6, 0, 0));
        created.put(605L, LocalDateTime.of(2024, 3, 31, 23, 59, 59));
        created.put(606L, LocalDateTime.of(2024, 4, 1, 0, 0));
        created.forEach((id, at) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("company_id", ShopFixture.TENANT);
            row.put("customer_id", 1L);
            row.put("total", new BigDecimal("10.00"));
            row.put("status", "new");
            row.put("created_at", storedTimestamp(at, type));
            shop().insert("orders", row);
        });
    }

    private List<Object> orders(Condition condition) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Filter.of("id", Op.GE, 600L));
        conditions.add(condition);
        return ids(rows(executor.read(ReadPlan.of("orders", conditions), Users.editor())));
    }

    private static Filter created(Op op, Object value) {
        return Filter.of("created_at", op, value);
    }

    @Test
    void aDayOnATimestampColumnIsTheWholeDayAndNotTheNextMidnight() {
        storeOrders();

        assertThat(orders(created(Op.EQ, MARCH_5))).containsExactly(602L, 603L);
        assertThat(orders(created(Op.NE, MARCH_5))).containsExactly(601L, 604L, 605L, 606L);
        assertThat(orders(Not.of(created(Op.EQ, MARCH_5)))).containsExactly(601L, 604L, 605L, 606L);
    }

    @Test
    void comparisonsWithADayCountWholeDays() {
        storeOrders();

        assertThat(orders(created(Op.LT, MARCH_5))).containsExactly(601L);
        assertThat(orders(created(Op.LE, MARCH_5))).containsExactly(601L, 602L, 603L);
        assertThat(orders(created(Op.GT, MARCH_5))).containsExactly(604L, 605L, 606L);
        assertThat(orders(created(Op.GE, MARCH_5))).containsExactly(602L, 603L, 604L, 605L, 606L);
    }

    @Test
    void aRangeOfDaysIncludesItsLastDayAndListsOfDaysMatchByDay() {
        storeOrders();

        assertThat(orders(created(Op.BETWEEN, List.of(MARCH_5, LocalDate.of(2024, 3, 31)))))
                .containsExactly(602L, 603L, 604L, 605L);
        assertThat(orders(created(Op.BETWEEN, List.of(LocalDate.of(2024, 3, 6), LocalDate.of(2024, 3, 6)))))
                .containsExactly(604L);
        assertThat(orders(created(Op.IN, List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 4, 1)))))
                .containsExactly(601L, 606L);
        assertThat(orders(created(Op.NOT_IN, List.of(MARCH_5, LocalDate.of(2024, 3, 31)))))
                .containsExactly(601L, 604L, 606L);
    }

    @Test
    void aDateWithATimeKeepsItsExactMeaning() {
        storeOrders();
        ValueType type = createdAtType();
        Object lastSecond = type == ValueType.TIMESTAMP_TZ
                ? LocalDateTime.of(2024, 3, 5, 23, 59, 59).atOffset(ZoneOffset.UTC)
                : LocalDateTime.of(2024, 3, 5, 23, 59, 59);

        assertThat(orders(created(Op.EQ, lastSecond))).containsExactly(603L);
        assertThat(orders(created(Op.LT, lastSecond))).containsExactly(601L, 602L);
    }

    @Test
    void anUpdateByDayPreviewsExactlyThatDaysRows() {
        storeOrders();

        PreviewOutcome.Ready ready = ready(executor.previewUpdate(
                new UpdatePlan("orders", Map.of("status", "late"), List.of(created(Op.EQ, MARCH_5))), Users.editor()));

        assertThat(ready.preview().changes())
                .extracting(RowChange::key)
                .extracting(key -> key.orElseThrow().values().get("id"))
                .containsExactly(602L, 603L);
    }
}
