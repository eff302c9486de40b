package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.out.AuditEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JDBC audit log on MariaDB, each test in a fresh database. */
class JdbcAuditLogMariaDbIT extends AbstractJdbcAuditLogIT {

    @Override
    TestStore newStore() {
        return TestStore.mariadb();
    }

    /** The full 10 x 1,000 run is done on H2 and PostgreSQL; here 10 x 300 keeps the module's build short. */
    @Override
    int appendsPerThread() {
        return 300;
    }

    /**
     * After the store's connections are killed (a restart, an operator's {@code KILL}), the writer's connection is
     * gone: the next append is written on another connection, once, by the transaction that looks under the chain
     * head's lock for an attempt that may have landed.
     */
    @Test
    @Tag("invariant-9")
    void anAppendRightAfterTheStoresConnectionsWereKilledIsWrittenOnceOnAnotherConnection() throws SQLException {
        String session = newSession();
        log.append(event(session, "before", AuditEvent.Outcome.OK));

        try (Connection connection = store.connect();
                Statement statement = connection.createStatement()) {
            List<Long> others = new ArrayList<>();
            try (ResultSet ids = statement.executeQuery("SELECT id FROM information_schema.processlist "
                    + "WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
                while (ids.next()) {
                    others.add(ids.getLong(1));
                }
            }
            assertThat(others).as("the log's connections").isNotEmpty();
            for (long id : others) {
                statement.execute("KILL CONNECTION " + id);
            }
        }
        log.append(event(session, "after the store's connections were killed", AuditEvent.Outcome.OK));

        assertThat(log.queries().turns(session))
                .extracting(AuditRecord::message)
                .containsExactly("before", "after the store's connections were killed");
        assertThat(log.verify().isIntact()).isTrue();
    }
}
