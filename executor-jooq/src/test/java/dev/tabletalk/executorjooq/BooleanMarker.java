package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * A table with a boolean soft-delete marker ({@code is_deleted}: NULL, false, true) on a real database, read and
 * updated through the guarded executor (#13): the contract's borrowed marker is compared with NULL only, this one
 * also with a bound {@code false}, which each database stores its own way.
 */
final class BooleanMarker {

    private final GuardedExecutor executor;

    private BooleanMarker(GuardedExecutor executor) {
        this.executor = executor;
    }

    /** Creates {@code name} with rows 1 (NULL), 2 (false) and 3 (true) in the data source's default schema. */
    static BooleanMarker create(DataSource dataSource, String schema, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table " + name + " (id bigint primary key, is_deleted boolean)");
            statement.execute("insert into " + name + " values (1, null), (2, false), (3, true)");
        }
        Entity entity = new Entity(
                        schema,
                        name,
                        EntityKind.TABLE,
                        List.of(
                                Column.builder("id", ValueType.INTEGER)
                                        .nullable(false)
                                        .build(),
                                Column.builder("is_deleted", ValueType.BOOLEAN).build()),
                        List.of("id"),
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        Exposure.READ_WRITE,
                        "test",
                        // the marker is in no update list: only a soft delete or a restore writes it
                        new Form(
                                List.of(),
                                List.of(),
                                List.of(new FormField("id", "test"), new FormField("is_deleted", "test")),
                                List.of(new FormField("id", "test")),
                                List.of()))
                .withSoftDelete(Optional.of(new SoftDelete("is_deleted", SoftDelete.Kind.BOOLEAN, "test")));
        GuardedExecutor executor = JooqGuardedExecutor.create(
                dataSource,
                new StaticSchemaCatalog(EntityCatalog.of(List.of(entity))),
                new ExecutorConfig(
                        Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off(), OptionalDouble.empty()));
        return new BooleanMarker(executor);
    }

    List<Long> ids(String name, DeletedRows rows, UserContext user) {
        ReadPlan plan = ReadPlan.of(name, List.of(new Filter("id", Op.IN, List.of(1L, 2L, 3L))))
                .withDeleted(rows);
        ReadOutcome outcome = executor.read(plan, user);
        if (outcome instanceof ReadOutcome.Refused refused) {
            throw new AssertionError("read refused: " + refused.refusal());
        }
        return ((ReadOutcome.Rows) outcome)
                .rows().rows().stream()
                        .map(row -> ((Number) row.get("id")).longValue())
                        .toList();
    }

    List<Long> previewed(String name, boolean value, UserContext user) {
        UpdatePlan update = new UpdatePlan(
                name, Map.of("is_deleted", value), List.of(new Filter("id", Op.IN, List.of(1L, 2L, 3L))));
        PreviewOutcome outcome = executor.previewUpdate(update, user);
        if (outcome instanceof PreviewOutcome.Refused refused) {
            throw new AssertionError("preview refused: " + refused.refusal());
        }
        return ((PreviewOutcome.Ready) outcome)
                .snapshot().keys().stream()
                        .map(RowKey::values)
                        .map(values -> ((Number) values.get("id")).longValue())
                        .toList();
    }
}
