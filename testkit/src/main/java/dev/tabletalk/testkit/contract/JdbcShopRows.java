package dev.tabletalk.testkit.contract;

import dev.tabletalk.testkit.executor.ShopSeed;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** The shop's rows in a JDBC database, each call on a fresh connection (autocommit). */
final class JdbcShopRows implements ShopRows {

    private final DataSource dataSource;

    JdbcShopRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void seed() {
        try (Connection connection = dataSource.getConnection()) {
            ShopSeed.reset(connection);
        } catch (SQLException e) {
            throw new AssertionError("seeding the shop failed", e);
        }
    }

    @Override
    public List<Map<String, Object>> rows(String table) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select * from " + table + " order by 1");
                ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
                        value = ((Number) value).longValue();
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("reading " + table + " failed", e);
        }
    }

    @Override
    public void change(String table, long id, String column, Object value) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("update " + table + " set " + column + " = ? where id = ?")) {
            statement.setObject(1, value);
            statement.setLong(2, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError("changing " + table + " failed", e);
        }
    }

    @Override
    public void insert(String table, Map<String, Object> row) {
        try (Connection connection = dataSource.getConnection()) {
            ShopSeed.insert(connection, table, List.of(row));
        } catch (SQLException e) {
            throw new AssertionError("inserting into " + table + " failed", e);
        }
    }
}
