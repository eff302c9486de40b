package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSpecTest {

    private static final String SECRET = "s3cr3t/p@ss:w+rd?";

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "postgresql://u@h/db, POSTGRESQL",
        "jdbc:postgresql://h/db, POSTGRESQL",
        "jdbc:postgresql:db, POSTGRESQL",
        "mariadb://u@h/db, MARIADB",
        "mysql+pymysql://u@h/db, MARIADB",
        "jdbc:mysql://h:3306/db, MARIADB",
        "jdbc:mariadb://h/db, MARIADB",
        "sqlite:///shop.db, SQLITE",
        "jdbc:sqlite::memory:, SQLITE",
        "jdbc:h2:mem:shop;USER=sa, H2",
    })
    void theDialectIsTheOneItsJdbcUrlNames(String url, Dialect expected) {
        ConnectionSpec spec = ConnectionSpec.parse(url);

        assertThat(spec.dialect()).isEqualTo(expected);
        // MySQL URLs become MariaDB-driver URLs: the URL handed to the pool names the dialect that reads it
        assertThat(Dialect.fromJdbcUrl(spec.jdbcUrl())).contains(spec.dialect());
    }

    @Test
    void parsesSqlAlchemyPostgresUrlWithEncodedPassword() {
        ConnectionSpec spec =
                ConnectionSpec.parse("postgresql://ada:s3cr3t%2Fp%40ss%3Aw+rd%3F@db.example.com:5433/shop");
        assertThat(spec.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/shop");
        assertThat(spec.user()).contains("ada");
        assertThat(spec.passwordOrNull()).isEqualTo(SECRET);
    }

    @Test
    void acceptsDriverSuffixesAndPostgresAlias() {
        assertThat(ConnectionSpec.parse("postgresql+psycopg2://u@h/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/db");
        assertThat(ConnectionSpec.parse("postgres://u@h:5432/db?sslmode=require")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
        assertThat(ConnectionSpec.parse("postgresql+asyncpg://h/db").dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void mapsMysqlAndMariadbUrlsToTheMariadbDriver() {
        ConnectionSpec mysql = ConnectionSpec.parse("mysql+pymysql://root:pw@127.0.0.1:3306/app?charset=utf8mb4");
        assertThat(mysql.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/app");
        assertThat(mysql.user()).contains("root");
        assertThat(ConnectionSpec.parse("mariadb://u@h/db?ssl_mode=REQUIRED").jdbcUrl())
                .isEqualTo("jdbc:mariadb://h/db?sslMode=trust");
        assertThat(ConnectionSpec.parse("mysql://u@h/db?ssl_mode=VERIFY_IDENTITY")
                        .jdbcUrl())
                .isEqualTo("jdbc:mariadb://h/db?sslMode=verify-full");
        assertThat(ConnectionSpec.parse("jdbc:mysql://h:3306/db").jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/db");
    }

    @Test
    void parsesSqliteRelativeAbsoluteAndMemoryUrls() {
        assertThat(ConnectionSpec.parse("sqlite:///data/app.db").jdbcUrl()).isEqualTo("jdbc:sqlite:data/app.db");
        assertThat(ConnectionSpec.parse("sqlite:////var/lib/app.db").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/app.db");
        assertThat(ConnectionSpec.parse("sqlite://").jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
        assertThat(ConnectionSpec.parse("sqlite:///:memory:").isPrivateMemory()).isTrue();
        assertThat(ConnectionSpec.parse("sqlite:////var/lib/app.db").sqliteFile())
                .contains(Path.of("/var/lib/app.db"));
    }

    @Test
    void takesCredentialsOutOfJdbcUrls() {
        ConnectionSpec pg =
                ConnectionSpec.parse("jdbc:postgresql://h:5432/db?user=ada&password=p%40ss&sslmode=require");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
        assertThat(pg.user()).contains("ada");
        assertThat(pg.passwordOrNull()).isEqualTo("p@ss");

        ConnectionSpec local = ConnectionSpec.parse("jdbc:postgresql:shop?user=ada&password=x");
        assertThat(local.jdbcUrl()).isEqualTo("jdbc:postgresql:shop");
        assertThat(local.passwordOrNull()).isEqualTo("x");

        ConnectionSpec h2 = ConnectionSpec.parse("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=hush");
        assertThat(h2.dialect()).isEqualTo(Dialect.H2);
        assertThat(h2.jdbcUrl()).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
        assertThat(h2.user()).contains("sa");
        assertThat(h2.passwordOrNull()).isEqualTo("hush");
    }

    @Test
    void passwordComesFromEnvironmentOrFile(@TempDir Path directory) throws Exception {
        ConnectionSpec base = ConnectionSpec.parse("postgresql://ada@h/db");
        assertThat(base.hasPassword()).isFalse();
        assertThat(base.withPasswordFromEnv("DB_PW", Map.of("DB_PW", SECRET)).passwordOrNull())
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> base.withPasswordFromEnv("DB_PW", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DB_PW");

        Path file = directory.resolve("pw");
        Files.writeString(file, SECRET + "\n");
        assertThat(base.withPasswordFromFile(file).passwordOrNull()).isEqualTo(SECRET);
        assertThatThrownBy(() -> base.withPasswordFromFile(directory.resolve("missing")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void neverShowsThePasswordInTextOrErrors() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://ada:" + "hunter2%21@h/db");
        assertThat(spec.toString()).doesNotContain("hunter2").contains("password=***");
        assertThat(spec.jdbcUrl()).doesNotContain("hunter2");

        for (String bad : new String[] {
            "oracle://scott:hunter2@h/db",
            "mssql+pyodbc://sa:hunter2@h/db",
            "jdbc:oracle:thin:scott/hunter2@h:1521:db",
            "hunter2",
            "postgresql://u:hunter2@h/d/e/f"
        }) {
            assertThatThrownBy(() -> ConnectionSpec.parse(bad))
                    .isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        }
    }

    @Test
    void rejectsUnsupportedSchemesByName() {
        assertThatThrownBy(() -> ConnectionSpec.parse("oracle://h/db"))
                .hasMessageStartingWith("unsupported database URL scheme 'oracle'");
        assertThatThrownBy(() -> ConnectionSpec.parse("")).hasMessageContaining("empty");
    }
}
