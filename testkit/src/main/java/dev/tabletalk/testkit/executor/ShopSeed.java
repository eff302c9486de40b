package dev.tabletalk.testkit.executor;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed rows of the reference shop ({@link ShopFixture} describes them), once, as plain values:
 * a JDBC database gets them through {@link #reset(Connection)}, an in-memory executor through
 * {@link #rows()}. Integers are {@code Long}, decimals {@code BigDecimal}, a missing value {@code null}.
 */
public final class ShopSeed {

    private ShopSeed() {}

    /** Every table's seed rows, tables in insertion order (parents before children). */
    public static Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= ShopFixture.CUSTOMERS; i++) {
            customers.add(row(
                    "id",
                    (long) i,
                    "company_id",
                    ShopFixture.TENANT,
                    "name",
                    ShopFixture.customerName(i),
                    "email",
                    "customer" + i + "@example.com",
                    "phone",
                    String.format("+1 555 01%03d", i),
                    "status",
                    i % 50 == 0 ? "blocked" : i % 3 == 0 ? "inactive" : "active",
                    "credit_limit",
                    BigDecimal.valueOf(i * 10L).setScale(2),
                    "notes",
                    i % 2 == 1 ? "note " + i : null,
                    "password_hash",
                    ShopFixture.HIDDEN_MARKER + "-" + i,
                    "version",
                    1L));
        }
        customers.add(row(
                "id",
                ShopFixture.OTHER_TENANT_CUSTOMER,
                "company_id",
                ShopFixture.OTHER_TENANT,
                "name",
                "Other Tenant Co",
                "email",
                "boss@other.example",
                "phone",
                "+49 30 1234567",
                "status",
                "active",
                "credit_limit",
                new BigDecimal("50.00"),
                "notes",
                "other tenant",
                "password_hash",
                ShopFixture.HIDDEN_MARKER + "-other",
                "version",
                1L));
        tables.put("customers", customers);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            orders.add(order(i, ShopFixture.TENANT, i, new BigDecimal("100.50").multiply(BigDecimal.valueOf(i))));
        }
        orders.add(order(900, ShopFixture.OTHER_TENANT, ShopFixture.OTHER_TENANT_CUSTOMER, new BigDecimal("999.00")));
        tables.put("orders", orders);
        List<Map<String, Object>> products = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            products.add(product(i, ShopFixture.TENANT, "SKU-00" + i, "Product " + i));
        }
        products.add(product(99, ShopFixture.OTHER_TENANT, "SKU-001", "Other tenant product"));
        tables.put("products", products);
        tables.put(
                "users_auth", List.of(row("user_id", "u-1001", "password_hash", ShopFixture.HIDDEN_MARKER + "-auth")));
        tables.put("api_tokens", List.of(row("id", 1L, "token", ShopFixture.HIDDEN_MARKER + "-token")));
        tables.put(
                "order_lines",
                List.of(
                        line(1, 1L, 1, 1),
                        line(2, 1L, 2, 2),
                        line(3, 1L, 3, 3),
                        line(4, 900L, 99, 4),
                        line(5, null, 1, 5),
                        line(6, 2L, 99, 6)));
        tables.put(
                "line_notes",
                List.of(row("id", 1L, "line_id", 1L, "note", "mine"), row("id", 2L, "line_id", 4L, "note", "theirs")));
        tables.put("countries", List.of(row("code", "DE", "name", "Germany"), row("code", "FR", "name", "France")));
        return tables;
    }

    /** Deletes every row and inserts the seed rows again, in one transaction. */
    public static void reset(Connection connection) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = rows();
        List<String> children = new ArrayList<>(tables.keySet());
        Collections.reverse(children);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String table : children) {
                statement.executeUpdate("delete from " + table);
            }
            for (Map.Entry<String, List<Map<String, Object>>> table : tables.entrySet()) {
                insert(connection, table.getKey(), table.getValue());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Inserts {@code rows} (all with the same columns) into {@code table} in one batch. */
    public static void insert(Connection connection, String table, List<Map<String, Object>> rows) throws SQLException {
        List<String> columns = List.copyOf(rows.get(0).keySet());
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, row.get(columns.get(i)));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<String, Object> order(long id, long company, long customer, BigDecimal total) {
        return row(
                "id", id, "company_id", company, "customer_id", customer, "total", total.setScale(2), "status", "new");
    }

    private static Map<String, Object> product(long id, long company, String sku, String name) {
        return row(
                "id",
                id,
                "company_id",
                company,
                "sku",
                sku,
                "name",
                name,
                "price",
                new BigDecimal("9.99"),
                "stock",
                10L);
    }

    private static Map<String, Object> line(long id, Long order, long product, long quantity) {
        return row("id", id, "order_id", order, "product_id", product, "quantity", quantity);
    }

    /** A row from alternating column names and values (values may be null), in that order. */
    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(row);
    }
}
