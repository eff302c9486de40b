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
        ObjectMapper mapper = new ObjectMapper();
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/chat", ctx -> read(ctx, pool, sql, mapper));
        });
        javalin.start("127.0.0.1", 0);
        return new MinimalReadServer(javalin);
    }

    private static void read(Context ctx, HikariDataSource pool, String sql, ObjectMapper mapper) throws Exception {
        JsonNode identity = mapper.readTree(Base64.getDecoder().decode(ctx.header("X-User-Context")));
        // the request's message, read as any handler of a chat would: a body left unread makes Jetty close the
        // connection after the answer, and the client's next request on it failed
        mapper.readTree(ctx.bodyAsBytes());
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
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(Map.of("rows", rows)));
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
