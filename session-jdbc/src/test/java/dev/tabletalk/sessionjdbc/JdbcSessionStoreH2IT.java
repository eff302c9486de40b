package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC session store on an embedded H2 file. */
class JdbcSessionStoreH2IT extends AbstractJdbcSessionStoreIT {

    @TempDir
    Path directory;

    @Override
    TestStore newDatabase() {
        return TestStore.h2(directory);
    }

    @Test
    void aUrlWithoutADriverIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> JdbcSessionStore.open(SessionStoreConfig.of("jdbc:nosuchdb://localhost/sessions")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc:nosuchdb://localhost/sessions");
    }
}
