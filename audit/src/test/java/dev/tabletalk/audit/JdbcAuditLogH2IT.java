package dev.tabletalk.audit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC audit log on H2 (behind a TCP server the tests can stop). */
class JdbcAuditLogH2IT extends AbstractJdbcAuditLogIT {

    @TempDir
    Path directory;

    @Override
    TestStore newStore() {
        return TestStore.h2(directory);
    }
}
