package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionCheckTest {

    @Test
    void unsupportedSchemeIsAOneLineProblemWithAHint() {
        ConnectionCheck.Result result = ConnectionCheck.run("oracle://scott:tiger@h/db");
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains(ConnectionCheck.Problem.UNSUPPORTED_SCHEME);
        assertThat(result.message()).isEqualTo("unsupported database URL scheme 'oracle'");
        assertThat(result.hint()).contains("postgresql://");
        assertThat(result.oneLine()).doesNotContain("tiger").doesNotContain("\n");
    }

    @Test
    void missingDriverIsReported() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://u:tiger@h/db");
        ConnectionCheck.Result result = ConnectionCheck.run(spec, Duration.ofSeconds(1), "org.example.NoSuchDriver");
        assertThat(result.problem()).contains(ConnectionCheck.Problem.MISSING_DRIVER);
        assertThat(result.hint()).contains("org.example.NoSuchDriver");
        assertThat(result.oneLine()).doesNotContain("tiger");
    }

    @Test
    void missingSqliteFileIsAMissingDatabaseNotANewEmptyFile(@TempDir Path directory) {
        Path file = directory.resolve("absent.db");
        ConnectionCheck.Result result = ConnectionCheck.run("sqlite:///" + file);
        assertThat(result.problem()).contains(ConnectionCheck.Problem.MISSING_DATABASE);
        assertThat(file).doesNotExist();
    }

    @Test
    void localDatabasesReportTlsAsNotApplicable() {
        ConnectionCheck.Result result = ConnectionCheck.run("jdbc:h2:mem:check_" + System.nanoTime());
        assertThat(result.ok()).isTrue();
        assertThat(result.tls()).isEqualTo(ConnectionCheck.Tls.NOT_APPLICABLE);
        assertThat(result.serverVersion()).isPresent();
    }
}
