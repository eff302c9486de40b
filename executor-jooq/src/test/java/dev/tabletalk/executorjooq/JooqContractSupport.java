package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.contract.GuardedExecutorContract;
import dev.tabletalk.testkit.executor.ForbiddenAttempt;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract wired to {@link JooqGuardedExecutor}; subclasses supply one database each. The
 * contract's tests prove these invariants on every database (each test method carries its own tags
 * in {@code GuardedExecutorContract} and the port-level links it extends; the class-level tags make
 * them visible to the reactor's invariant coverage check, which reads test sources only).
 */
@Tag("invariant-1")
@Tag("invariant-2")
@Tag("invariant-3")
@Tag("invariant-4")
@Tag("invariant-5")
@Tag("invariant-6")
@Tag("invariant-7")
@Tag("invariant-10")
abstract class JooqContractSupport extends GuardedExecutorContract {

    /** A unique name for this test class's database or schema. */
    static String uniqueName() {
        return "tt_executorjooq_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void aBooleanSoftDeleteMarkerKeepsNullAndFalseRowsAndARestoreReachesTrueOnes() throws SQLException {
        String name = "soft_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        BooleanMarker table = BooleanMarker.create(dataSource(), schema(), name);
        UserContext user = Users.editorWithoutTenant();

        assertThat(table.ids(name, DeletedRows.EXCLUDED, user)).containsExactly(1L, 2L);
        assertThat(table.ids(name, DeletedRows.ONLY, user)).containsExactly(3L);
        assertThat(table.ids(name, DeletedRows.INCLUDED, user)).containsExactly(1L, 2L, 3L);
        assertThat(table.previewed(name, false, user)).as("a restore").containsExactly(3L);
        assertThat(table.previewed(name, true, user)).as("a soft delete").containsExactly(1L, 2L);
    }

    @Test
    void daysMatchWholeDaysOnDateAndTimestampColumnsWithAndWithoutATimeZone() throws SQLException {
        String name = "days_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        DayColumns table = DayColumns.create(dataSource(), database(), schema(), name);
        UserContext user = Users.editorWithoutTenant();
        LocalDate march5 = LocalDate.of(2024, 3, 5);

        assertThat(table.columns()).contains("on_day", "at_local");
        for (String column : table.columns()) {
            assertThat(table.ids(Filter.eq(column, march5), user)).as(column).containsExactly(2L, 3L);
            assertThat(table.ids(Filter.of(column, Op.BETWEEN, List.of(LocalDate.of(2024, 3, 4), march5)), user))
                    .as(column)
                    .containsExactly(1L, 2L, 3L);
            assertThat(table.ids(Filter.of(column, Op.LT, march5), user))
                    .as(column)
                    .containsExactly(1L);
            assertThat(table.ids(Filter.of(column, Op.GT, march5), user))
                    .as(column)
                    .containsExactly(4L);
        }
    }

    @Test
    void aFirstPageOfGroupsIsReadWithNeitherAnOffsetNorAnAlwaysTrueCondition() {
        List<String> statements = new ArrayList<>();
        GuardedExecutor recorded = recordingExecutor(statements);
        ReadPlan byStatus = ReadPlan.of("customers", List.of()).withAggregate(Aggregate.count("status"));

        List<Map<String, Object>> firstPage =
                rows(recorded.read(byStatus, Users.editor())).rows();
        String first = lastSelect(statements);
        List<Map<String, Object>> secondPage =
                rows(recorded.read(byStatus.withOffset(1), Users.editor())).rows();
        String second = lastSelect(statements);

        assertThat(firstPage).hasSizeGreaterThan(1);
        assertThat(secondPage).isEqualTo(firstPage.subList(1, firstPage.size()));
        assertThat(first)
                .as("the first page of groups: the tenant's condition alone, no OFFSET")
                .doesNotContainPattern("(?i)\\boffset\\b|\\btrue\\b|\\b1 = 1\\b");
        assertThat(second).as("the next page").containsPattern("(?i)\\boffset\\b");
    }

    @Test
    void aFirstPageWithoutFiltersIsReadWithNeitherAnOffsetNorAnAlwaysTrueCondition() {
        List<String> statements = new ArrayList<>();
        GuardedExecutor recorded = recordingExecutor(statements);
        ReadPlan all = ReadPlan.of("customers", List.of());

        List<Object> firstPage = ids(rows(recorded.read(all, Users.editor())));
        String first = lastSelect(statements);
        List<Object> secondPage = ids(rows(recorded.read(all.withOffset(1), Users.editor())));
        String second = lastSelect(statements);

        assertThat(firstPage).hasSizeGreaterThan(1).doesNotContain(ShopFixture.OTHER_TENANT_CUSTOMER);
        assertThat(secondPage.subList(0, firstPage.size() - 1))
                .as("the next page, one row on")
                .isEqualTo(firstPage.subList(1, firstPage.size()));
        assertThat(first)
                .as("the first page: the tenant's condition alone, no OFFSET")
                .doesNotContainPattern("(?i)\\boffset\\b|\\btrue\\b|\\b1 = 1\\b");
        assertThat(second).as("the next page").containsPattern("(?i)\\boffset\\b");
    }

    /** An executor with the default limits and roles whose prepared statements are noted in {@code statements}. */
    private GuardedExecutor recordingExecutor(List<String> statements) {
        return newExecutor(
                recording(dataSource(), statements),
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.defaults(),
                ReadOnlyMode.off(),
                OptionalDouble.empty());
    }

    /** The last SELECT prepared through {@link #recording}. */
    private static String lastSelect(List<String> statements) {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (statements
                    .get(i)
                    .stripLeading()
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("select")) {
                return statements.get(i);
            }
        }
        throw new AssertionError("no SELECT was prepared: " + statements);
    }

    /** {@code target}, noting the text of every statement prepared over its connections. */
    private static DataSource recording(DataSource target, List<String> statements) {
        ClassLoader loader = JooqContractSupport.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = Invocations.invoke(method, target, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("prepareStatement")) {
                    statements.add((String) a[0]);
                }
                return Invocations.invoke(m, connection, a);
            });
        });
    }

    // ============================================================== parts built once per catalog generation

    @Test
    void aReloadedCatalogIsReadAtOnceAndNothingOfTheOldOneIsUsedAgain() {
        EntityCatalog full = catalog();
        EntityCatalog withoutPhone = withHiddenColumn(full, "customers", "phone");
        SwitchingCatalog catalog = new SwitchingCatalog(full);
        GuardedExecutor reloading = executorUnderTest(
                catalog, Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off(), OptionalDouble.empty());
        ReadPlan plan = ReadPlan.of("customers", List.of(Filter.eq("id", 1L)));

        assertThat(rows(reloading.read(plan, Users.editor())).columns()).contains("phone", "name");
        catalog.current = withoutPhone;
        assertThat(rows(reloading.read(plan, Users.editor())).columns())
                .as("after the reload that hides phone")
                .contains("name")
                .doesNotContain("phone");
        assertThat(refused(reloading.read(ReadPlan.of("customers", List.of(Filter.eq("phone", "x"))), Users.editor()))
                        .code())
                .isEqualTo(RefusalCode.UNKNOWN_FIELD);
        catalog.current = full;
        assertThat(rows(reloading.read(plan, Users.editor())).columns())
                .as("after the reload that shows it again")
                .contains("phone");
    }

    @Test
    @Tag("invariant-7")
    void twoTenantsReadingInTurnNeverGetEachOthersRows() {
        for (int round = 0; round < 3; round++) {
            List<Object> own = ids(rows(executor.read(ReadPlan.of("customers", List.of()), Users.editor())));
            List<Object> other =
                    ids(rows(executor.read(ReadPlan.of("customers", List.of()), Users.otherTenantEditor())));

            assertThat(other).as("round " + round).containsExactly(ShopFixture.OTHER_TENANT_CUSTOMER);
            assertThat(own).as("round " + round).isNotEmpty().doesNotContain(ShopFixture.OTHER_TENANT_CUSTOMER);
        }
        assertThat(refused(executor.read(
                                ReadPlan.of("customers", List.of()), UserContext.of("u-7", "editor", "not-a-number")))
                        .code())
                .as("a tenant that is not a value of the tenant column, asked after valid ones")
                .isEqualTo(RefusalCode.TENANT_REQUIRED);
    }

    /** {@code catalog} with {@code column} of {@code entity} hidden, as a reload that hides it brings. */
    private static EntityCatalog withHiddenColumn(EntityCatalog catalog, String entity, String column) {
        List<Entity> entities = new ArrayList<>();
        for (Entity each : catalog.entities()) {
            if (!each.name().equals(entity)) {
                entities.add(each);
                continue;
            }
            List<Column> columns = new ArrayList<>();
            for (Column c : each.columns()) {
                columns.add(c.name().equals(column) ? c.withExposure(ColumnExposure.HIDDEN, "reloaded hidden") : c);
            }
            entities.add(each.withColumns(columns));
        }
        return EntityCatalog.of(entities);
    }

    /** A schema catalog whose current catalog a test replaces, as a reload does. */
    private static final class SwitchingCatalog implements SchemaCatalog {
        private volatile EntityCatalog current;

        SwitchingCatalog(EntityCatalog current) {
            this.current = current;
        }

        @Override
        public EntityCatalog current() {
            return current;
        }

        @Override
        public EntityCatalog refresh() {
            return current;
        }
    }

    @Override
    protected GuardedExecutor newExecutor(
            DataSource target,
            SchemaCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            OptionalDouble maxQueryCost) {
        return JooqGuardedExecutor.create(
                target, catalog, new ExecutorConfig(limits, roles, readOnlyMode, maxQueryCost));
    }

    @Override
    protected List<ForbiddenAttempt> forbiddenStatements() {
        JooqGuardedExecutor guarded = (JooqGuardedExecutor) newExecutor(
                dataSource(),
                new StaticSchemaCatalog(catalog()),
                Limits.defaults(),
                RolePolicy.defaults(),
                ReadOnlyMode.off(),
                OptionalDouble.empty());
        TargetDatabase database = guarded.database();
        String schema = schema();
        Table<?> customers =
                schema.isEmpty() ? DSL.table(DSL.name("customers")) : DSL.table(DSL.name(schema, "customers"));
        Table<?> orders = schema.isEmpty() ? DSL.table(DSL.name("orders")) : DSL.table(DSL.name(schema, "orders"));
        return List.of(
                attempt(
                        database,
                        "DELETE with a WHERE",
                        db -> db.deleteFrom(customers)
                                .where(DSL.field(DSL.name("id"), Long.class).eq(5L))
                                .execute()),
                attempt(
                        database,
                        "DELETE of every row",
                        db -> db.deleteFrom(customers).execute()),
                attempt(database, "TRUNCATE", db -> db.truncate(orders).execute()),
                attempt(database, "DROP TABLE", db -> db.dropTable(orders).execute()),
                attempt(
                        database,
                        "CREATE TABLE",
                        db -> db.createTable(DSL.name("evil"))
                                .column("x", SQLDataType.INTEGER)
                                .execute()),
                attempt(
                        database,
                        "ALTER TABLE",
                        db -> db.alterTable(customers)
                                .dropColumn(DSL.name("notes"))
                                .execute()),
                attempt(database, "plain-SQL DELETE", db -> db.execute("DeLeTe FROM customers WHERE id = 1")),
                attempt(
                        database,
                        "a SELECT smuggling a second statement",
                        db -> db.fetch("select 1; delete from customers")),
                attempt(
                        database,
                        "a SELECT hiding a DELETE in a comment-free CTE",
                        db -> db.fetch("with gone as (delete from customers returning id) select * from gone")),
                attempt(
                        database,
                        "a session setting that was not armed",
                        db -> db.execute(DSL.set(DSL.name("statement_timeout"), DSL.inline(0)))));
    }

    /** A statement tried on the executor's guarded configuration; the guard must abort it. */
    private static ForbiddenAttempt attempt(TargetDatabase database, String description, Statement statement) {
        return new ForbiddenAttempt(description, () -> {
            try (Connection connection = database.dataSource().getConnection()) {
                connection.setAutoCommit(true);
                statement.run(database.guarded(connection));
            } catch (Exception | Error e) {
                if (!stoppedByGuard(e)) {
                    throw new AssertionError(description + " failed, but not because the guard stopped it", e);
                }
                throw e;
            }
            throw new AssertionError(description + " was not stopped");
        });
    }

    private static boolean stoppedByGuard(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatementGuard.ForbiddenStatementException) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface Statement {
        void run(DSLContext db) throws Exception;
    }
}
