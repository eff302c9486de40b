package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.jdbcsupport.LoginFailure;
import dev.tabletalk.jdbcsupport.SqlErrors;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries to connect and answers in one line: what is wrong and what to do, or the server
 * version and whether the connection is encrypted.
 *
 * <p>Messages and hints are written here, never copied from driver text, so they never contain
 * a password, SQL or a stack trace. Thread-safe (stateless).
 */
public final class ConnectionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private ConnectionCheck() {}

    /** What went wrong, as far as a person needs to know to fix it. */
    public enum Problem {
        UNSUPPORTED_SCHEME,
        MALFORMED_URL,
        MISSING_DRIVER,
        UNKNOWN_HOST,
        CONNECTION_REFUSED,
        TIMEOUT,
        BAD_CREDENTIALS,
        MISSING_DATABASE,
        OTHER
    }

    /** Whether the connection is encrypted. */
    public enum Tls {
        ENCRYPTED,
        NOT_ENCRYPTED,
        /** A file or in-memory database: there is no network connection to encrypt. */
        NOT_APPLICABLE,
        UNKNOWN
    }

    /**
     * The outcome of a check.
     *
     * @param ok whether a connection was opened
     * @param problem what went wrong, when not ok
     * @param message one line for a person (no password, no driver text)
     * @param hint what to do about it (empty when ok)
     * @param serverVersion the server's product version, when connected
     * @param tls whether the connection is encrypted
     */
    public record Result(
            boolean ok,
            Optional<Problem> problem,
            String message,
            String hint,
            Optional<String> serverVersion,
            Tls tls) {

        public Result {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(serverVersion, "serverVersion");
            Objects.requireNonNull(tls, "tls");
        }

        static Result failed(Problem problem, String message, String hint) {
            return new Result(false, Optional.of(problem), message, hint, Optional.empty(), Tls.UNKNOWN);
        }

        /** The message and hint in one line. */
        public String oneLine() {
            return hint.isEmpty() ? message : message + " — " + hint;
        }
    }

    /** Parses the URL and checks it; a bad URL is a failed result, not an exception. */
    public static Result run(String url) {
        try {
            return run(ConnectionSpec.parse(url));
        } catch (ConfigurationException e) {
            boolean unsupported = e.getMessage().startsWith("unsupported");
            String message = e.getMessage();
            int hintAt = message.indexOf(": ");
            String first = hintAt < 0 ? message : message.substring(0, hintAt);
            String hint = hintAt < 0 ? "" : message.substring(hintAt + 2);
            return Result.failed(unsupported ? Problem.UNSUPPORTED_SCHEME : Problem.MALFORMED_URL, first, hint);
        }
    }

    /** Checks with a 5 second timeout. */
    public static Result run(ConnectionSpec spec) {
        return run(spec, DEFAULT_TIMEOUT);
    }

    /** Opens one connection (not pooled), reads the version and TLS status, closes it. */
    public static Result run(ConnectionSpec spec, Duration timeout) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(timeout, "timeout");
        return run(spec, timeout, spec.dialect().driverClassName());
    }

    static Result run(ConnectionSpec spec, Duration timeout, String driverClassName) {
        Driver driver;
        try {
            driver = (Driver)
                    Class.forName(driverClassName).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Result.failed(
                    Problem.MISSING_DRIVER,
                    "the " + spec.dialect() + " JDBC driver is not available",
                    "put " + driverClassName + " on the class path (the TableTalk distribution bundles it)");
        }
        Optional<Path> sqliteFile = spec.sqliteFile();
        if (sqliteFile.isPresent() && !Files.isRegularFile(sqliteFile.get())) {
            return Result.failed(
                    Problem.MISSING_DATABASE,
                    "the SQLite file " + sqliteFile.get() + " does not exist",
                    "check the path: sqlite:///relative.db is relative to the working directory, "
                            + "sqlite:////absolute.db is absolute");
        }
        Properties properties = spec.driverProperties();
        addTimeouts(spec.dialect(), timeout, properties);
        long started = System.nanoTime();
        try (Connection connection = driver.connect(spec.jdbcUrl(), properties)) {
            if (connection == null) {
                return Result.failed(
                        Problem.MALFORMED_URL,
                        "the driver does not accept this URL",
                        "check the URL's form, e.g. postgresql://user@host:5432/db");
            }
            String version = connection.getMetaData().getDatabaseProductVersion();
            Tls tls = tlsOf(connection, spec.dialect());
            return new Result(
                    true,
                    Optional.empty(),
                    "connected to " + spec.dialect() + " " + version,
                    "",
                    Optional.ofNullable(version),
                    tls);
        } catch (SQLException | RuntimeException e) {
            boolean slow = Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) >= 0;
            Result result = classify(spec, e, slow);
            // log the classification only: driver text may echo connection details
            LOG.debug(
                    "connection check failed: {} ({})",
                    result.problem().orElse(Problem.OTHER),
                    e.getClass().getSimpleName());
            return result;
        }
    }

    static boolean driverPresent(String driverClassName) {
        try {
            Class.forName(driverClassName);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether this open connection is encrypted, where the database can tell. */
    static Tls tlsOf(Connection connection, Dialect dialect) {
        String query = switch (dialect) {
            case POSTGRESQL -> "select ssl from pg_stat_ssl where pid = pg_backend_pid()";
            case MARIADB, MYSQL -> "show status like 'Ssl_cipher'";
            case SQLITE, H2 -> null;
        };
        if (query == null) {
            return dialect == Dialect.H2 && isH2Remote(connection) ? Tls.UNKNOWN : Tls.NOT_APPLICABLE;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            if (!rows.next()) {
                return Tls.UNKNOWN;
            }
            if (dialect == Dialect.POSTGRESQL) {
                return rows.getBoolean(1) ? Tls.ENCRYPTED : Tls.NOT_ENCRYPTED;
            }
            String cipher = rows.getString(2);
            return cipher == null || cipher.isBlank() ? Tls.NOT_ENCRYPTED : Tls.ENCRYPTED;
        } catch (SQLException e) {
            return Tls.UNKNOWN;
        }
    }

    private static boolean isH2Remote(Connection connection) {
        try {
            return connection.getMetaData().getURL().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:tcp:");
        } catch (SQLException e) {
            return false;
        }
    }

    private static void addTimeouts(Dialect dialect, Duration timeout, Properties properties) {
        long seconds = Math.max(1, timeout.toSeconds());
        switch (dialect) {
            case POSTGRESQL -> {
                properties.setProperty("connectTimeout", Long.toString(seconds));
                properties.setProperty("loginTimeout", Long.toString(seconds));
                properties.setProperty("socketTimeout", Long.toString(seconds * 2));
            }
            case MARIADB, MYSQL -> {
                properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
                properties.setProperty("socketTimeout", Long.toString(timeout.toMillis() * 2));
            }
            case SQLITE, H2 -> {
                // local: nothing to time out
            }
        }
    }

    static Result classify(ConnectionSpec spec, Throwable error, boolean slow) {
        String where = spec.dialect().isServer() ? hostOf(spec.jdbcUrl()) : spec.jdbcUrl();
        String database = spec.dialect().isServer() ? databaseOf(spec.jdbcUrl()) : where;
        String user = spec.user().orElse("(no user)");
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Result.failed(
                        Problem.UNKNOWN_HOST,
                        "unknown host " + hostOnly(where),
                        "check the host name in the URL, and DNS or /etc/hosts on this machine");
            }
            if (cause instanceof ConnectException && !(cause instanceof NoRouteToHostException)) {
                return Result.failed(
                        Problem.CONNECTION_REFUSED,
                        "connection refused by " + where,
                        "is the database running and listening on that port? Check the port and firewall");
            }
            if (cause instanceof NoRouteToHostException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof SQLTimeoutException) {
                return timeout(where);
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                Optional<LoginFailure> login = SqlErrors.loginFailure(spec.dialect(), sql);
                if (login.isPresent()) {
                    return loginFailed(login.get(), user, where, database);
                }
                String text = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                if (text.contains("timed out") || text.contains("timeout")) {
                    return timeout(where);
                }
                if (text.contains("unknownhost") || text.contains("unknown host")) {
                    return Result.failed(
                            Problem.UNKNOWN_HOST,
                            "unknown host " + hostOnly(where),
                            "check the host name in the URL, and DNS or /etc/hosts on this machine");
                }
                if (text.contains("connection refused")) {
                    return Result.failed(
                            Problem.CONNECTION_REFUSED,
                            "connection refused by " + where,
                            "is the database running and listening on that port? Check the port and firewall");
                }
            }
        }
        if (slow) {
            return timeout(where);
        }
        return Result.failed(
                Problem.OTHER,
                "could not connect to " + spec.dialect() + " at " + where,
                "check the URL, the credentials and the server's log");
    }

    private static Result loginFailed(LoginFailure failure, String user, String where, String database) {
        return switch (failure) {
            case BAD_CREDENTIALS ->
                Result.failed(
                        Problem.BAD_CREDENTIALS,
                        "login refused for user " + user + " at " + where,
                        "check the user and the password (given in the URL, an environment variable or a file)");
            case DATABASE_DENIED ->
                Result.failed(
                        Problem.BAD_CREDENTIALS,
                        "user " + user + " may not use database " + database,
                        "grant the user access to it, or connect to another database");
            case UNKNOWN_DATABASE ->
                Result.failed(
                        Problem.MISSING_DATABASE,
                        "database " + database + " does not exist at " + where,
                        "check the database name at the end of the URL (names can be case-sensitive)");
        };
    }

    private static Result timeout(String where) {
        return Result.failed(
                Problem.TIMEOUT,
                "no answer from " + where + " in time",
                "check the host and port, VPN and firewall rules; the server may be unreachable from here");
    }

    /** {@code host:port} of a server URL (credentials were already taken out of it). */
    static String hostOf(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return "the server";
        }
        String rest = jdbcUrl.substring(start + 2);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String hostOnly(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(0, close + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String databaseOf(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//");
        String rest = start < 0 ? jdbcUrl : jdbcUrl.substring(start + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "(none)";
        }
        String database = rest.substring(slash + 1);
        int query = database.indexOf('?');
        return query < 0 ? database : database.substring(0, query);
    }
}
