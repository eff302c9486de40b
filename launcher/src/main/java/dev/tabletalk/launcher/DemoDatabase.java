package dev.tabletalk.launcher;

import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.schemacatalog.CatalogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The embedded demo database behind {@code tabletalk demo}: a fresh in-memory H2 database with a
 * small multi-tenant shop (customers, products, orders, order_items, employees; tenant column
 * {@code company_id}, companies 1 and 2), tables that must stay hidden (users with password
 * hashes, api_tokens, flyway_schema_history) and a table without a primary key (page_views, which
 * comes out read-only).
 *
 * <p>The database lives as long as this object: {@link #close()} drops it. Changes made in the chat
 * are gone after that. This is TableTalk's own setup of a database it creates: the DDL and rows come
 * from a bundled SQL file run over plain JDBC, never through the guarded executor, and nothing here
 * touches a database the caller owns.
 */
public final class DemoDatabase implements AutoCloseable {

    /** The bundled script: DDL and rows. */
    static final String SCRIPT = "demo-shop.sql";

    private final String url;
    private final Connection keepAlive;

    private DemoDatabase(String url, Connection keepAlive) {
        this.url = url;
        this.keepAlive = keepAlive;
    }

    /**
     * Creates a new demo database in memory, under a random name so that several can live side by side.
     *
     * @throws DependencyUnavailableException when the embedded database cannot be created
     */
    public static DemoDatabase inMemory() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        // lower-case identifiers, as most databases people bring have them
        String url = "jdbc:h2:mem:tabletalk_demo_" + HexFormat.of().formatHex(random) + ";DATABASE_TO_LOWER=TRUE";
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(url);
            runScript(connection);
            return new DemoDatabase(url, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw DependencyUnavailableException.targetDatabase("the embedded demo database could not be created", e);
        }
    }

    /** The JDBC URL of the demo database (no credentials needed). */
    public String url() {
        return url;
    }

    /**
     * The catalog options the demo runs with: the defaults (tenant column {@code company_id}) plus a
     * deny pattern for the {@code users} login table, as an operator would configure it.
     */
    public CatalogOptions catalogOptions() {
        return CatalogOptions.builder().denyTables(List.of("users")).build();
    }

    /** Drops the demo database. */
    @Override
    public void close() {
        try (Statement statement = keepAlive.createStatement()) {
            // our own embedded database: closing it ends it, whatever pools still hold
            statement.execute("shutdown");
        } catch (SQLException e) {
            // already gone
        } finally {
            closeQuietly(keepAlive);
        }
    }

    private static void runScript(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(readScript())) {
                statement.execute(sql);
            }
        }
    }

    /** The script's statements: comment lines dropped, split at a semicolon that ends a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }

    private static String readScript() {
        try (InputStream in = DemoDatabase.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the demo script " + SCRIPT + " is missing from the launcher jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo script could not be read", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to do
        }
    }
}
