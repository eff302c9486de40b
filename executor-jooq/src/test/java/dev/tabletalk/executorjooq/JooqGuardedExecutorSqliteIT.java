package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The guarded-executor contract on SQLite, in a database file of its own. */
class JooqGuardedExecutorSqliteIT extends JooqContractSupport {

    private Path directory;
    private SQLiteDataSource dataSource;

    @Override
    protected FixtureDatabase database() {
        return FixtureDatabase.SQLITE;
    }

    @Override
    protected void createDatabase() throws IOException {
        directory = Files.createTempDirectory(uniqueName());
        SQLiteConfig config = new SQLiteConfig();
        // the lock timeout of the executor's limits: SQLite has no session setting for it
        config.setBusyTimeout(2000);
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("shop.db"));
    }

    @Override
    protected void dropDatabase() throws IOException {
        if (directory != null) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String schema() {
        return "";
    }

    /** SQLite keeps timestamps as text, in the form its own {@code current_timestamp} writes. */
    @Override
    protected Object storedTimestamp(LocalDateTime utc, ValueType type) {
        return utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
}
