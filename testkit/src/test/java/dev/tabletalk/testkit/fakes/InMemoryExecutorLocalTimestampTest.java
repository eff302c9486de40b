package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;

/**
 * The in-memory executor's contract again with the shop's timestamps without a time zone (as MariaDB and SQLite
 * describe them), so that whole days (#13) are proven on both kinds of timestamp columns in the fake too.
 */
class InMemoryExecutorLocalTimestampTest extends InMemoryExecutorContractTest {

    @Override
    protected EntityCatalog catalog() {
        return ShopFixture.catalog("", FixtureDatabase.MARIADB);
    }
}
