package dev.tabletalk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of a read turn over HTTP: Javalin 7 and a HikariCP pool, one handler that takes the caller's tenant
 * from the same {@code X-User-Context} header TableTalk's dev identity reads, runs {@code sql} with it bound and
 * answers the rows as JSON. No planner, session, policy, masking or audit: what is left is HTTP, JDBC and JSON.
 */
final class MinimalReadServer implements AutoCloseable {

    private final Javalin javalin;

    private MinimalReadServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts the server on a free loopback port; {@code sql} has one parameter, the tenant. */
    static MinimalReadServer start(HikariDataSource pool, String sql) {
        return start(pool, sql, null);
    }

    /**
     * The same, and when {@code log} is not null each request also inserts one row into its {@code minimal_log} table
     * (tenant, message, rows answered) in a committed transaction of its own before it answers: the least a handler
     * that keeps a durable record of every request does, without a chain, a group commit or a redaction.
     */
    static MinimalReadServer start(HikariDataSource pool, String sql, HikariDataSource log) {
        ObjectMapper mapper = new ObjectMapper();
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/chat", ctx -> read(ctx, pool, sql, mapper, log));
        });
        javalin.start("127.0.0.1", 0);
        return new MinimalReadServer(javalin);
    }

    private static void read(Context ctx, HikariDataSource pool, String sql, ObjectMapper mapper, HikariDataSource log)
            throws Exception {
        JsonNode identity = mapper.readTree(Base64.getDecoder().decode(ctx.header("X-User-Context")));
        // the request's message, read as any handler of a chat would: a body left unread makes Jetty close the
        // connection after the answer, and the client's next request on it failed
        JsonNode body = mapper.readTree(ctx.bodyAsBytes());
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, identity.path("company_id").asLong());
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    rows.add(row(result, columns));
                }
            }
        }
        if (log != null) {
            try (Connection connection = log.getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into minimal_log (company_id, message, row_count) values (?, ?, ?)")) {
                insert.setLong(1, identity.path("company_id").asLong());
                insert.setString(2, body.path("message").asText());
                insert.setInt(3, rows.size());
                insert.executeUpdate();
            }
        }
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(Map.of("rows", rows)));
    }

    /** Creates the table a logging handler inserts into ({@link #start(HikariDataSource, String, HikariDataSource)}). */
    static void createLog(HikariDataSource log) throws SQLException {
        try (Connection connection = log.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table minimal_log (id bigserial primary key, company_id bigint not null,"
                    + " message text not null, row_count int not null, at timestamptz not null default now())");
        }
    }

    private static Map<String, Object> row(ResultSet result, ResultSetMetaData columns) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            Object value = result.getObject(i);
            row.put(columns.getColumnLabel(i), value == null || value instanceof Number ? value : value.toString());
        }
        return row;
    }

    int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
