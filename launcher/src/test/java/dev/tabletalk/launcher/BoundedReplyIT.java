package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.rows.TruncatedText;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import dev.tabletalk.schemacatalog.PooledDataSource;
import dev.tabletalk.testkit.db.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PUB-106 on every supported database: a read of 100 rows with 1 MiB of text each answers within the
 * reply limit, every value cut to the cell limit with its full length, and nothing left out silently.
 */
class BoundedReplyIT {

    private static final int ONE_MIB = 1_048_576;
    private static final String PG = DatabaseServers.postgres().adminUrl();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    enum Target {
        POSTGRES,
        MARIADB,
        SQLITE,
        H2
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    @Tag("PUB-106")
    void aHundredRowsOfOneMebibyteEachAnswerWithinTheReplyLimitWithEveryCutMarked(Target target) throws Exception {
        String name =
                "tt_bounded_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Database database = create(target, name);
        try {
            try (Connection connection = database.connect()) {
                seed(connection, target);
            }
            ConnectionSpec spec = database.user().isEmpty()
                    ? ConnectionSpec.parse(database.url())
                    : ConnectionSpec.parse(database.url()).withUser(database.user());
            try (PooledDataSource pool = spec.dataSource(2);
                    TableTalk tableTalk = TableTalk.builder()
                            .targetDatabase(pool)
                            .auditStore("jdbc:h2:mem:audit_bounded_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                            .build()) {
                UserContext admin = new UserContext("u-1", "admin", Optional.empty(), Map.of());
                Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(admin, "show documents"));

                ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply));
                assertThat(rows.rows().size() + rows.rowsOmitted())
                        .as(reply.text())
                        .isEqualTo(100);
                assertThat(rows.rowsOmitted())
                        .as("1 MiB holds 100 cut cells of 4 KiB")
                        .isZero();
                assertThat(rows.cellsTruncated()).isEqualTo(100);
                // H2 folds unquoted names to upper case
                String column = rows.rows().columns().stream()
                        .filter(c -> c.equalsIgnoreCase("body"))
                        .findFirst()
                        .orElseThrow();
                Object body = rows.rows().rows().get(0).get(column);
                assertThat(body).isInstanceOf(TruncatedText.class);
                assertThat(((TruncatedText) body).length()).isEqualTo(ONE_MIB);
                assertThat(((TruncatedText) body).text()).hasSize(ReplyLimits.DEFAULT_MAX_CELL_CHARS);
                assertThat(reply.text().toLowerCase(Locale.ROOT))
                        .contains(
                                "100 rows of documents",
                                "longer than " + ReplyLimits.DEFAULT_MAX_CELL_CHARS + " characters");

                Map<String, Object> wire = ReplyWire.toMap(reply);
                Object firstBody = ((Map<?, ?>) ((List<?>) wire.get("rows")).get(0)).get(column);
                assertThat(firstBody)
                        .isEqualTo(Map.of(
                                "truncated",
                                true,
                                "length",
                                (long) ONE_MIB,
                                "text",
                                "x".repeat(ReplyLimits.DEFAULT_MAX_CELL_CHARS)));
                assertThat(approximateJsonChars(wire)).isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_BYTES);
            }
            try (PooledDataSource pool = spec.dataSource(2);
                    TableTalk small = TableTalk.builder()
                            .targetDatabase(pool)
                            .auditStore("jdbc:h2:mem:audit_bounded_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                            .replyLimits(new ReplyLimits(20_000, 128 * 1024))
                            .build()) {
                UserContext admin = new UserContext("u-1", "admin", Optional.empty(), Map.of());
                Reply reply = small.conversations().handle(ChatRequest.newSession(admin, "show documents"));

                ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply));
                assertThat(rows.rowsOmitted())
                        .as("20,000-character cells: a few fit in 128 KiB")
                        .isPositive();
                assertThat(rows.rows().size() + rows.rowsOmitted()).isEqualTo(100);
                assertThat(reply.text().toLowerCase(Locale.ROOT))
                        .contains(
                                "showing " + rows.rows().size() + " of the 100 rows of documents",
                                "larger than 128 kib");
                assertThat(ReplyWire.toMap(reply))
                        .containsEntry("more", true)
                        .containsEntry(
                                "trimmed",
                                Map.of(
                                        "rowsOmitted",
                                        rows.rowsOmitted(),
                                        "cellsTruncated",
                                        rows.rows().size()));
                assertThat(approximateJsonChars(ReplyWire.toMap(reply))).isLessThanOrEqualTo(128 * 1024);
            }
        } finally {
            database.drop();
        }
    }

    private static void seed(Connection connection, Target target) throws SQLException {
        String text = switch (target) {
            case MARIADB -> "longtext";
            case H2 -> "character varying(" + ONE_MIB + ")";
            default -> "text";
        };
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table documents (id integer primary key, title varchar(100) not null, body "
                    + text + " not null)");
        }
        String body = "x".repeat(ONE_MIB);
        try (PreparedStatement insert =
                connection.prepareStatement("insert into documents (id, title, body) values (?, ?, ?)")) {
            for (int i = 1; i <= 100; i++) {
                insert.setInt(1, i);
                insert.setString(2, "document " + i);
                insert.setString(3, body);
                insert.executeUpdate();
            }
        }
    }

    /** The JSON size of plain wire values, counted in characters (the values here are ASCII). */
    private static long approximateJsonChars(Object value) {
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += String.valueOf(entry.getKey()).length() + 4 + approximateJsonChars(entry.getValue());
            }
            return size;
        }
        if (value instanceof List<?> list) {
            long size = 2;
            for (Object item : list) {
                size += approximateJsonChars(item) + 1;
            }
            return size;
        }
        return String.valueOf(value).length() + 2;
    }

    /** One database of its own for a test, dropped afterwards. */
    private record Database(String url, String user, Runnable dropper) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        void drop() {
            dropper.run();
        }
    }

    private static Database create(Target target, String name) throws Exception {
        switch (target) {
            case POSTGRES -> {
                admin(PG, "postgres", "create database " + name);
                return new Database(
                        PG.substring(0, PG.lastIndexOf('/') + 1) + name,
                        "postgres",
                        () -> admin(PG, "postgres", "drop database if exists " + name + " with (force)"));
            }
            case MARIADB -> {
                admin(mariaDbUrl(), "root", "create database " + name);
                return new Database(
                        mariaDbUrl().substring(0, mariaDbUrl().lastIndexOf('/') + 1) + name,
                        "root",
                        () -> admin(mariaDbUrl(), "root", "drop database if exists " + name));
            }
            case SQLITE -> {
                Path file = Files.createTempFile(name, ".db");
                return new Database(
                        "jdbc:sqlite:" + file, "", () -> file.toFile().delete());
            }
            default -> {
                // a named in-memory database kept open by the test's own connection until the pool opens
                String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                return new Database(url, "sa", () -> admin(url, "sa", "shutdown"));
            }
        }
    }

    private static void admin(String url, String user, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + sql, e);
        }
    }
}
