package dev.tabletalk.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Notes every query that code runs through a data source, with the values it binds, so that a benchmark can run
 * exactly those queries again over raw JDBC as its floor, without knowing (or opening up) the code's SQL.
 * Not thread-safe: one recording, then replays.
 */
final class QueryRecorder {

    /** One query as it was run: prepared (with its setter calls) or a plain statement's text. */
    private record Query(String sql, boolean prepared, List<Call> setters) {}

    /** A {@code set...} call on a prepared statement, to make again on the replay's statement. */
    private record Call(Method method, Object[] args) {}

    /** What a proxy does with the real call's result. */
    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    private final List<Query> queries = new ArrayList<>();

    /** {@code target}, noting every query run over its connections (replacing what an earlier recording noted). */
    DataSource record(DataSource target) {
        queries.clear();
        return proxy(
                DataSource.class,
                target,
                (method, args, result) -> result instanceof Connection connection ? connection(connection) : result);
    }

    /**
     * Forgets the noted queries whose text does not start with {@code select} or {@code with} (ignoring case), or
     * reads no table: the session and transaction statements around a read and one-time probes of the server (how
     * it folds case), which a floor of the read itself leaves out.
     */
    void keepReads() {
        queries.removeIf(query -> {
            String sql = query.sql().stripLeading().toLowerCase(Locale.ROOT);
            return !sql.startsWith("select") && !sql.startsWith("with") || !sql.contains(" from ");
        });
    }

    /** The texts of the queries noted, in order. */
    List<String> texts() {
        return queries.stream().map(Query::sql).toList();
    }

    /** The number of queries noted. */
    int size() {
        return queries.size();
    }

    /** Runs the noted queries again on {@code connection}, reading every row; returns the non-null cells read. */
    long replay(Connection connection) throws SQLException {
        long cells = 0;
        for (Query query : queries) {
            if (query.prepared()) {
                try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                    for (Call call : query.setters()) {
                        invoke(call, statement);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        cells += drain(rows);
                    }
                }
            } else {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery(query.sql())) {
                    cells += drain(rows);
                }
            }
        }
        return cells;
    }

    private Connection connection(Connection real) {
        return proxy(Connection.class, real, (method, args, result) -> {
            if (result instanceof PreparedStatement statement
                    && method.getName().equals("prepareStatement")) {
                Query query = new Query((String) args[0], true, new ArrayList<>());
                queries.add(query);
                return proxy(PreparedStatement.class, statement, (m, a, r) -> {
                    if (m.getName().startsWith("set") && a != null) {
                        query.setters().add(new Call(m, a.clone()));
                    }
                    return r;
                });
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return proxy(Statement.class, statement, (m, a, r) -> {
                    if (m.getName().equals("executeQuery")) {
                        queries.add(new Query((String) a[0], false, List.of()));
                    }
                    return r;
                });
            }
            return result;
        });
    }

    private static void invoke(Call call, PreparedStatement statement) throws SQLException {
        try {
            call.method().invoke(statement, call.args());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long drain(ResultSet rows) throws SQLException {
        long cells = 0;
        int width = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            for (int i = 1; i <= width; i++) {
                if (rows.getObject(i) != null) {
                    cells++;
                }
            }
        }
        return cells;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        }));
    }
}
