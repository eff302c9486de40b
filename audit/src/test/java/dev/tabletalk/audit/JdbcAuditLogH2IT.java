package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.out.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC audit log on H2 (behind a TCP server the tests can stop), and the default embedded file store. */
class JdbcAuditLogH2IT extends AbstractJdbcAuditLogIT {

    @TempDir
    Path directory;

    @Override
    TestStore newStore() {
        return TestStore.h2(directory);
    }

    @Test
    void theDefaultKindOfStoreIsAnEmbeddedFileThatTwoLogsCanShare() throws Exception {
        Path home = directory.resolve("app");
        String url = AuditStoreConfig.DEFAULT_URL.replace("./.tabletalk", home.resolve(".tabletalk").toString());

        try (JdbcAuditLog first = JdbcAuditLog.open(url); JdbcAuditLog second = JdbcAuditLog.open(url)) {
            first.append(event(newSession(), "one", AuditEvent.Outcome.OK));
            second.append(event(newSession(), "two", AuditEvent.Outcome.OK));

            assertThat(second.verify()).isInstanceOfSatisfying(ChainVerification.Intact.class,
                    intact -> assertThat(intact.entriesChecked()).isEqualTo(2));
        }
        assertThat(Files.exists(home.resolve(".tabletalk").resolve("audit.mv.db"))).isTrue();
    }

    @Test
    void aUrlWithoutADriverIsAConfigurationError() {
        assertThatThrownBy(() -> JdbcAuditLog.open("jdbc:nosuchdb://localhost/audit"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc:nosuchdb://localhost/audit");
    }
}
