package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.testkit.contract.ExecutorRoleContract;
import dev.tabletalk.testkit.contract.ShopRows;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.executor.ShopSeed;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The port-level executor contract held against {@link InMemoryExecutor}, the fake behind the engine
 * and adapter tests, so that it keeps the real executor's protocol. The fake has every
 * {@code ExecutorCapability}: only the JDBC-only cases (the cost gate) skip.
 */
class InMemoryExecutorContractTest extends ExecutorRoleContract {

    private final InMemoryExecutor store = new InMemoryExecutor(catalog(), Limits.defaults());

    @Override
    protected ShopRows shop() {
        return new ShopRows() {
            @Override
            public void seed() {
                store.clear();
                ShopSeed.rows().forEach((table, rows) -> rows.forEach(row -> store.insert(table, row)));
            }

            @Override
            public List<Map<String, Object>> rows(String table) {
                return store.storedRows(table);
            }

            @Override
            public void change(String table, long id, String column, Object value) {
                store.changeBehindTheBack(table, id, column, value);
            }

            @Override
            public void insert(String table, Map<String, Object> row) {
                store.insert(table, row);
            }
        };
    }

    @Override
    protected EntityCatalog catalog() {
        return ShopFixture.catalog("", FixtureDatabase.H2);
    }

    @Override
    protected GuardedExecutor executorUnderTest(
            SchemaCatalog catalog,
            Limits limits,
            RolePolicy roles,
            ReadOnlyMode readOnlyMode,
            OptionalDouble maxQueryCost) {
        return store.sharingRows(catalog.current(), limits, roles, readOnlyMode);
    }
}
