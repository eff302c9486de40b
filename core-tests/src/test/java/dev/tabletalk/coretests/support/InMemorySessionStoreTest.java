package dev.tabletalk.coretests.support;

import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.testkit.contract.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }
}
