package dev.tabletalk.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.audit.AuditStoreConfig;
import dev.tabletalk.audit.JdbcAuditLog;
import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.launcher.TableTalk;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PUB-109 on PostgreSQL, MariaDB, SQLite and H2: columns and tables whose names say they hold
 * secrets are hidden, those that hold personal data are masked, and look-alikes ({@code passenger},
 * {@code passage}) stay visible; the hidden names appear neither in the schema view a caller gets
 * ({@code GET /schema}) nor in the planner's context nor in any reply, and a hidden table or column
 * answers exactly like one that does not exist. The real stack (launcher, catalog, engine, jOOQ
 * executor, JDBC audit log) with a scripted planner; G2-G7 are checked after the case (G1 and G6 by
 * a checksum of every table: the probes of {@link SecureShop} exist on PostgreSQL only).
 */
@Tag("invariant-6")
class SecretNamesIT {

    static final List<String> HIDDEN_COLUMNS = List.of(
            "pw",
            "pass",
            "passcode",
            "mfa_seed",
            "recovery_codes",
            "reset_code",
            "verification_code",
            "session_id",
            "cookie",
            "bearer",
            "stripe_key",
            "cvv2");
    static final List<String> MASKED_COLUMNS = List.of("passport", "salary", "birthday", "driver_license");
    static final List<String> VISIBLE_COLUMNS = List.of("id", "company_id", "name", "passenger", "passage");
    static final List<String> HIDDEN_TABLES = List.of("access_keys", "ssh_keys");
    static final String SECRET = "PUB109-SECRET";
    static final String PERSONAL = "PUB109-PERSONAL";
    static final String OTHER_TENANT = "PUB109-OTHER-TENANT";

    private static final UserContext EDITOR = UserContext.of("u-1001", "editor", "101");
    private static final String PG_URL = DatabaseServers.postgres().adminUrl();
    /** The MariaDB server's URL (testkit's DatabaseServers; skips the test without one). */
    private static String mariaDbUrl() {
        return DatabaseServers.mariaDb().adminUrl();
    }

    /** The four databases, each a fresh one of its own. */
    enum Db {
        POSTGRES,
        MARIADB,
        SQLITE,
        H2
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pub109_secretNamesAreHiddenPersonalDataMaskedAndLookAlikesVisible(Db db) throws Exception {
        String name =
                "tt_sec109_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Path sqliteFile = db == Db.SQLITE ? Files.createTempFile(name, ".db") : null;
        String url = create(db, name, sqliteFile);
        ScriptedPlanner planner = new ScriptedPlanner();
        String audit = "jdbc:h2:mem:" + name + "_audit;DB_CLOSE_DELAY=-1";
        seed(url);
        try (JdbcAuditLog auditLog = JdbcAuditLog.open(AuditStoreConfig.of(audit));
                TableTalk tableTalk = TableTalk.builder()
                        .targetDatabase(url)
                        .auditLog(auditLog)
                        .planner(planner)
                        .build()) {
            String before = checksum(url);
            long auditBefore = auditLog.queries().count();

            // the operator's catalog: each column's exposure, and the secret tables hidden
            EntityCatalog catalog = tableTalk.schema();
            Entity staff = entity(catalog, "staff");
            assertThat(staff.exposure()).isEqualTo(Exposure.READ_WRITE);
            Map<String, ColumnExposure> expected = new LinkedHashMap<>();
            HIDDEN_COLUMNS.forEach(c -> expected.put(c, ColumnExposure.HIDDEN));
            MASKED_COLUMNS.forEach(c -> expected.put(c, ColumnExposure.MASKED));
            VISIBLE_COLUMNS.forEach(c -> expected.put(c, ColumnExposure.VISIBLE));
            Map<String, ColumnExposure> actual = staff.columns().stream()
                    .collect(Collectors.toMap(
                            c -> c.name().toLowerCase(Locale.ROOT), Column::exposure, (a, b) -> a, LinkedHashMap::new));
            assertThat(actual).as("%s: exposure of each column", db).isEqualTo(expected);
            for (String table : HIDDEN_TABLES) {
                assertThat(entity(catalog, table).exposure())
                        .as("%s: %s", db, table)
                        .isEqualTo(Exposure.HIDDEN);
            }

            // what a caller sees (GET /schema): no hidden table or column, not even by name
            SchemaView view = tableTalk.catalogView().schemaFor(EDITOR);
            assertThat(view.entities())
                    .extracting(e -> e.name().toLowerCase(Locale.ROOT))
                    .allMatch(n -> n.endsWith("staff"));
            assertThat(view.entities().get(0).columns())
                    .extracting(c -> c.name().toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrderElementsOf(visibleAndMasked());
            assertNoHiddenName(view.toString(), db + " schema view");

            List<Reply> replies = new ArrayList<>();
            // a read shows visible columns, masked values masked, no secret and no other tenant
            planner.on(
                    "show staff",
                    PlannerOutput.read(entity(catalog, "staff").name(), List.of(), ScriptedPlanner.TRACE));
            Reply read = turn(tableTalk, replies, "show staff");
            List<Map<String, Object>> rows = read.part(ReplyPart.Rows.class)
                    .orElseThrow(() -> new AssertionError(db + ": no rows in " + read))
                    .rows()
                    .rows();
            assertThat(rows).hasSize(2);
            for (Map<String, Object> row : rows) {
                assertThat(row.keySet())
                        .extracting(k -> k.toLowerCase(Locale.ROOT))
                        .doesNotContainAnyElementsOf(HIDDEN_COLUMNS);
                assertThat(row.keySet())
                        .extracting(k -> k.toLowerCase(Locale.ROOT))
                        .isSubsetOf(visibleAndMasked())
                        .contains("passenger");
            }
            assertThat(CaseRun.render(read))
                    .as(db + ": personal data in clear")
                    .doesNotContain(PERSONAL)
                    .contains("Ada passenger");

            // a hidden table or column answers exactly like one that does not exist
            Reply absentTable = refusedRead(tableTalk, planner, replies, "no_such_table_xyz", List.of());
            for (String table : HIDDEN_TABLES) {
                Reply hidden = refusedRead(tableTalk, planner, replies, table, List.of());
                assertThat(hidden.refusal().get().code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
                assertThat(hidden.text().replace(table, "<name>"))
                        .isEqualTo(absentTable.text().replace("no_such_table_xyz", "<name>"));
            }
            String staffName = staff.name();
            Reply absentField = refusedRead(
                    tableTalk, planner, replies, staffName, List.of(new Filter("no_such_field", Op.EQ, "x")));
            for (String column : List.of("mfa_seed", "session_id", "stripe_key")) {
                Reply hidden =
                        refusedRead(tableTalk, planner, replies, staffName, List.of(new Filter(column, Op.EQ, "x")));
                assertThat(hidden.refusal().get().code())
                        .isEqualTo(absentField.refusal().get().code());
                assertThat(hidden.text().replace(column, "<name>"))
                        .isEqualTo(absentField.text().replace("no_such_field", "<name>"));
            }

            // the planner's context never named a hidden table or column
            for (PlannerRequest request : planner.requests()) {
                assertNoHiddenName(request.schema().toString(), db + " planner context");
            }
            // G2, G3, G5, G7 over every reply
            for (Reply reply : replies) {
                String text = CaseRun.render(reply);
                assertThat(text)
                        .as("G2/G3 in %s", text)
                        .doesNotContain(OTHER_TENANT)
                        .doesNotContain(SECRET);
                for (String leak : CaseRun.LEAKS) {
                    assertThat(text).as("G5: %s in %s", leak, text).doesNotContainIgnoringCase(leak);
                }
                CaseRun.assertNoDatabasePort(text);
                reply.part(ReplyPart.Rows.class)
                        .ifPresent(r -> assertThat(r.rows().size()).isLessThanOrEqualTo(100));
            }
            // G4: one audit entry per request, the chain verifies, no personal data or secret in it
            assertThat(auditLog.queries().count() - auditBefore).as("G4").isEqualTo(replies.size());
            assertThat(auditLog.verify().isIntact()).isTrue();
            // G1 and G6: every table still there and unchanged
            assertThat(checksum(url)).as("G1/G6").isEqualTo(before);
        } finally {
            drop(db, name, sqliteFile);
        }
    }

    private static Reply turn(TableTalk tableTalk, List<Reply> replies, String message) {
        Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR, message));
        replies.add(reply);
        return reply;
    }

    private static Reply refusedRead(
            TableTalk tableTalk, ScriptedPlanner planner, List<Reply> replies, String entity, List<Filter> filters) {
        String message = "read " + entity + " " + filters;
        planner.on(message, PlannerOutput.read(entity, filters, ScriptedPlanner.TRACE));
        Reply reply = turn(tableTalk, replies, message);
        assertThat(reply.refusal()).as("refusal for %s: %s", message, reply).isPresent();
        assertThat(reply.part(ReplyPart.Rows.class)).isEmpty();
        return reply;
    }

    private static List<String> visibleAndMasked() {
        List<String> names = new ArrayList<>(VISIBLE_COLUMNS);
        names.addAll(MASKED_COLUMNS);
        return names;
    }

    /** Hidden names that are no part of a visible name (pass is part of passenger and passage). */
    private static void assertNoHiddenName(String text, String where) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(HIDDEN_TABLES);
        HIDDEN_COLUMNS.stream()
                .filter(n -> visibleAndMasked().stream().noneMatch(v -> v.contains(n)))
                .filter(n -> n.length() > 2)
                .forEach(names::add);
        for (String name : names) {
            assertThat(lower).as("%s names %s", where, name).doesNotContain(name);
        }
    }

    private static Entity entity(EntityCatalog catalog, String name) {
        return catalog.entities().stream()
                .filter(e -> e.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the catalog"));
    }

    // ------------------------------------------------------------------ the schema on each database

    private static void seed(String url) throws SQLException {
        StringBuilder columns =
                new StringBuilder("id int primary key, company_id int not null, name varchar(100) " + "not null");
        for (String column : List.of(
                "pw",
                "pass",
                "passcode",
                "mfa_seed",
                "recovery_codes",
                "reset_code",
                "verification_code",
                "session_id",
                "cookie",
                "bearer",
                "stripe_key",
                "cvv2",
                "passport",
                "salary",
                "birthday",
                "driver_license",
                "passenger",
                "passage")) {
            columns.append(", ").append(column).append(" varchar(100)");
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("create table staff (" + columns + ")");
            s.execute("create table access_keys (id int primary key, company_id int not null, "
                    + "key_value varchar(100))");
            s.execute("create table ssh_keys (id int primary key, company_id int not null, key_text varchar(100))");
            s.execute(insert(1, 101, "Ada"));
            s.execute(insert(2, 101, "Grace"));
            s.execute(insert(3, 202, OTHER_TENANT));
            s.execute("insert into access_keys values (1, 101, '" + SECRET + "-access')");
            s.execute("insert into ssh_keys values (1, 101, '" + SECRET + "-ssh')");
        }
    }

    private static String insert(int id, int company, String name) {
        StringBuilder sql = new StringBuilder("insert into staff values (" + id + ", " + company + ", '" + name + "'");
        for (int i = 0; i < HIDDEN_COLUMNS.size(); i++) {
            sql.append(", '")
                    .append(SECRET)
                    .append('-')
                    .append(id)
                    .append('-')
                    .append(i)
                    .append('\'');
        }
        for (int i = 0; i < MASKED_COLUMNS.size(); i++) {
            sql.append(", '")
                    .append(PERSONAL)
                    .append('-')
                    .append(id)
                    .append('-')
                    .append(i)
                    .append('\'');
        }
        return sql.append(", '")
                .append(name)
                .append(" passenger', '")
                .append(name)
                .append(" passage')")
                .toString();
    }

    private static String checksum(String url) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String table : List.of("staff", "access_keys", "ssh_keys")) {
                try (ResultSet rows = s.executeQuery("select * from " + table + " order by id")) {
                    int width = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= width; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static String create(Db db, String name, Path sqliteFile) throws SQLException {
        switch (db) {
            case POSTGRES:
                try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                        Statement s = c.createStatement()) {
                    s.execute("create database " + name);
                }
                return on(PG_URL, name) + (PG_URL.contains("?") ? "&" : "?") + "user=postgres";
            case MARIADB:
                try (Connection c = DriverManager.getConnection(mariaDbUrl(), "root", "");
                        Statement s = c.createStatement()) {
                    s.execute("create database " + name + " character set utf8mb4");
                }
                return on(mariaDbUrl(), name) + (mariaDbUrl().contains("?") ? "&" : "?") + "user=root";
            case SQLITE:
                return "jdbc:sqlite:" + sqliteFile;
            case H2:
                return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            default:
                throw new IllegalStateException("unhandled database: " + db);
        }
    }

    private static void drop(Db db, String name, Path sqliteFile) throws SQLException, IOException {
        switch (db) {
            case POSTGRES:
                try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                        Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + name + " with (force)");
                }
                break;
            case MARIADB:
                try (Connection c = DriverManager.getConnection(mariaDbUrl(), "root", "");
                        Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + name);
                }
                break;
            case SQLITE:
                Files.deleteIfExists(sqliteFile);
                break;
            case H2:
                try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name);
                        Statement s = c.createStatement()) {
                    s.execute("shutdown");
                }
                break;
            default:
                throw new IllegalStateException("unhandled database: " + db);
        }
    }

    private static String on(String base, String database) {
        return base.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }
}
