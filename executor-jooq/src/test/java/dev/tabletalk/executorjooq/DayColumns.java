package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * A table with a date, a timestamp without a time zone and (where the database has one) a timestamp with a time
 * zone, each holding the same four moments around March 5, 2024 (#13): 1 at 2024-03-04 23:59:59, 2 at 00:00:00
 * and 3 at 23:59:59 on March 5, 4 at 2024-03-06 00:00:00 (UTC; the date column holds each row's day). Read
 * through the guarded executor with days as values, so each column type is proven on each database.
 */
final class DayColumns {

    private final GuardedExecutor executor;
    private final String name;
    private final List<String> columns;

    private DayColumns(GuardedExecutor executor, String name, List<String> columns) {
        this.executor = executor;
        this.name = name;
        this.columns = columns;
    }

    static DayColumns create(DataSource dataSource, FixtureDatabase db, String schema, String name)
            throws SQLException {
        String zoned = switch (db) {
            case POSTGRES -> "timestamptz";
            case H2 -> "timestamp with time zone";
            case MARIADB, SQLITE -> null;
        };
        String local = db == FixtureDatabase.MARIADB ? "datetime" : "timestamp";
        String[] moments = {"2024-03-04 23:59:59", "2024-03-05 00:00:00", "2024-03-05 23:59:59", "2024-03-06 00:00:00"};
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table " + name + " (id bigint primary key, on_day date, at_local " + local
                    + (zoned == null ? "" : ", at_zone " + zoned) + ")");
            for (int i = 0; i < moments.length; i++) {
                String moment = moments[i];
                statement.execute("insert into " + name + " values (" + (i + 1) + ", '" + moment.substring(0, 10)
                        + "', '" + moment + "'" + (zoned == null ? "" : ", '" + moment + "+00:00'") + ")");
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.builder("id", ValueType.INTEGER).nullable(false).build());
        columns.add(Column.builder("on_day", ValueType.DATE).build());
        columns.add(Column.builder("at_local", ValueType.TIMESTAMP).build());
        if (zoned != null) {
            columns.add(Column.builder("at_zone", ValueType.TIMESTAMP_TZ).build());
        }
        List<FormField> fields =
                columns.stream().map(c -> new FormField(c.name(), "test")).toList();
        Entity entity = new Entity(
                schema,
                name,
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_ONLY,
                "test",
                new Form(List.of(), List.of(), fields, fields, List.of()));
        GuardedExecutor executor = JooqGuardedExecutor.create(
                dataSource,
                new StaticSchemaCatalog(EntityCatalog.of(List.of(entity))),
                new ExecutorConfig(
                        Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off(), OptionalDouble.empty()));
        return new DayColumns(
                executor, name, columns.stream().skip(1).map(Column::name).toList());
    }

    /** The date and timestamp columns of this database's table. */
    List<String> columns() {
        return columns;
    }

    List<Long> ids(Filter filter, UserContext user) {
        ReadOutcome outcome = executor.read(ReadPlan.of(name, List.of(filter)), user);
        if (outcome instanceof ReadOutcome.Refused refused) {
            throw new AssertionError("read refused: " + refused.refusal());
        }
        return ((ReadOutcome.Rows) outcome)
                .rows().rows().stream()
                        .map(row -> ((Number) row.get("id")).longValue())
                        .toList();
    }
}
