package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditStoreConfigTest {

    @Test
    void neverPrintsThePassword() {
        AuditStoreConfig config = AuditStoreConfig.of("jdbc:postgresql://db/audit?user=a&password=s3cr3t")
                .withCredentials("audit", "t0p-s3cr3t");

        assertThat(config.toString()).doesNotContain("s3cr3t").contains("password=***", "user=audit");
    }

    @Test
    void defaultsToTheEmbeddedH2FileWithShortTimeouts() {
        AuditStoreConfig config = AuditStoreConfig.defaults();

        assertThat(config.url()).startsWith("jdbc:h2:file:./.tabletalk/audit");
        assertThat(config.connectionTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxPoolSize()).isEqualTo(10);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> AuditStoreConfig.of("postgres://db")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditStoreConfig.defaults().withMaxPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditStoreConfig.defaults().withConnectionTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommitDelayIsOneMillisecondByDefaultAndBoundedToTwentyMilliseconds() {
        assertThat(AuditStoreConfig.defaults().commitDelay()).isEqualTo(Duration.ofMillis(1));
        assertThat(AuditStoreConfig.defaults().withCommitDelay(Duration.ZERO).commitDelay())
                .isZero();
        assertThat(AuditStoreConfig.defaults()
                        .withCommitDelay(Duration.ofMillis(20))
                        .withStatementTimeout(Duration.ofSeconds(3))
                        .commitDelay())
                .isEqualTo(Duration.ofMillis(20));

        assertThatThrownBy(() -> AuditStoreConfig.defaults().withCommitDelay(Duration.ofMillis(21)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 20 ms");
        assertThatThrownBy(() -> AuditStoreConfig.defaults().withCommitDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditStoreConfig.defaults().withCommitDelay(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
