package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the target database is and how to log in: a JDBC URL without credentials, the dialect,
 * a user and a password.
 *
 * <p>{@link #parse(String)} accepts JDBC URLs ({@code jdbc:postgresql:}, {@code jdbc:mariadb:},
 * {@code jdbc:mysql:}, {@code jdbc:sqlite:}, {@code jdbc:h2:}) and the SQLAlchemy-style URLs that
 * people paste from other tools ({@code postgresql://user:pass@host:5432/db},
 * {@code postgresql+psycopg2://…}, {@code mysql://…}, {@code mysql+pymysql://…},
 * {@code mariadb://…}, {@code sqlite:///relative.db}, {@code sqlite:////absolute.db}). Credentials
 * found in a URL are taken out of it (URL-decoded), so the URL kept here and handed to the pool and
 * its logs never carries them. A password can also come from an environment variable or a file.
 *
 * <p>The password is never part of {@link #toString()}, of any message or of any exception text.
 * Instances are immutable and thread-safe.
 */
public final class ConnectionSpec {

    private static final int DEFAULT_POOL_SIZE = 4;

    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private ConnectionSpec(Dialect dialect, String jdbcUrl, String user, String password) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user == null || user.isEmpty() ? null : user;
        this.password = password;
    }

    /**
     * Parses a JDBC or SQLAlchemy-style URL.
     *
     * @throws ConfigurationException for an empty, malformed or unsupported URL; the message names
     *     the scheme at most, never the URL (it may hold a password)
     */
    public static ConnectionSpec parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        if (text.isEmpty()) {
            throw new ConfigurationException("the database URL is empty: give one such as "
                    + "postgresql://user@host:5432/db or jdbc:postgresql://host:5432/db");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return parseJdbc(text, lower);
        }
        return parseSqlAlchemy(text, lower);
    }

    /** A copy with this user (replacing one from the URL). */
    public ConnectionSpec withUser(String newUser) {
        return new ConnectionSpec(dialect, jdbcUrl, Objects.requireNonNull(newUser, "user"), password);
    }

    /** A copy with this password (replacing one from the URL). */
    public ConnectionSpec withPassword(String newPassword) {
        return new ConnectionSpec(dialect, jdbcUrl, user, Objects.requireNonNull(newPassword, "password"));
    }

    /**
     * A copy whose password is the value of an environment variable.
     *
     * @throws ConfigurationException when the variable is not set
     */
    public ConnectionSpec withPasswordFromEnv(String variable) {
        return withPasswordFromEnv(variable, System.getenv());
    }

    ConnectionSpec withPasswordFromEnv(String variable, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        String value = environment.get(variable);
        if (value == null) {
            throw new ConfigurationException(
                    "the environment variable " + variable + " that should hold the database password is not set");
        }
        return withPassword(value);
    }

    /**
     * A copy whose password is the content of a file (one trailing line break is ignored).
     *
     * @throws ConfigurationException when the file cannot be read
     */
    public ConnectionSpec withPasswordFromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.endsWith("\r")) {
                value = value.substring(0, value.length() - 1);
            }
            return withPassword(value);
        } catch (IOException e) {
            throw new ConfigurationException(
                    "cannot read the database password file " + file + ": check that it exists and is readable", null);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The JDBC URL, without any credentials. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /**
     * A small connection pool (HikariCP, at most {@value #DEFAULT_POOL_SIZE} connections) to this
     * database. It connects lazily: building it never fails for an unreachable database (use
     * {@link ConnectionCheck} for a clear answer). Close it when done.
     */
    public PooledDataSource dataSource() {
        return dataSource(DEFAULT_POOL_SIZE);
    }

    /** Like {@link #dataSource()} with another pool size (1 or more). */
    public PooledDataSource dataSource(int maxPoolSize) {
        if (maxPoolSize < 1) {
            throw new ConfigurationException("the pool needs at least one connection, not " + maxPoolSize);
        }
        return HikariPool.create(this, isPrivateMemory() ? 1 : maxPoolSize);
    }

    /** The connection properties for the driver: user and password, if given. */
    Properties driverProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    String passwordOrNull() {
        return password;
    }

    /** A SQLite in-memory database lives in one connection: a pool of one keeps it alive. */
    boolean isPrivateMemory() {
        return dialect == Dialect.SQLITE && jdbcUrl.contains(":memory:");
    }

    /** The SQLite database file, when this is a SQLite file database. */
    Optional<Path> sqliteFile() {
        if (dialect != Dialect.SQLITE || isPrivateMemory()) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(Path.of(rest));
    }

    /** The URL with the user, never the password: for messages and logs. */
    @Override
    public String toString() {
        return "ConnectionSpec[" + dialect + " " + jdbcUrl + (user == null ? "" : " user=" + user)
                + (password == null ? "" : " password=***") + "]";
    }

    // ---------------------------------------------------------------- parsing

    private static ConnectionSpec parseJdbc(String text, String lower) {
        Optional<Dialect> named = Dialect.fromJdbcUrl(text);
        if (named.isEmpty()) {
            int colon = lower.indexOf(':', 5);
            String scheme = colon < 0 ? lower.substring(5) : lower.substring(5, colon);
            throw unsupported("jdbc:" + scheme);
        }
        return switch (named.get()) {
            case POSTGRESQL ->
                parseServerJdbc(Dialect.POSTGRESQL, "jdbc:postgresql:", text.substring("jdbc:postgresql:".length()));
            case MARIADB -> parseServerJdbc(Dialect.MARIADB, "jdbc:mariadb:", text.substring("jdbc:mariadb:".length()));
            // MySQL proper is read through the MariaDB driver, which speaks its protocol
            case MYSQL -> parseServerJdbc(Dialect.MARIADB, "jdbc:mariadb:", text.substring("jdbc:mysql:".length()));
            case SQLITE -> new ConnectionSpec(Dialect.SQLITE, text, null, null);
            case H2 -> parseH2(text);
        };
    }

    /** {@code //[user[:password]@]host[:port]/db[?query]} after the JDBC prefix. */
    private static ConnectionSpec parseServerJdbc(Dialect dialect, String prefix, String rest) {
        if (!rest.startsWith("//")) {
            // jdbc:postgresql:database (local host, default port): only query credentials to take out
            Parts parts = Parts.split(rest, prefix);
            if (parts.user() != null
                    || parts.database().contains("/")
                    || parts.hostPort().isEmpty()) {
                throw malformed(prefix);
            }
            Map<String, String> query = new LinkedHashMap<>(parts.query());
            String user = removeIgnoringCase(query, "user");
            String password = removeIgnoringCase(query, "password");
            return new ConnectionSpec(dialect, prefix + parts.hostPort() + queryString(query), user, password);
        }
        Parts parts = Parts.split(rest.substring(2), prefix);
        Map<String, String> query = new LinkedHashMap<>(parts.query());
        String user = parts.user();
        String password = parts.password();
        String queryUser = removeIgnoringCase(query, "user");
        String queryPassword = removeIgnoringCase(query, "password");
        if (user == null) {
            user = queryUser;
        }
        if (password == null) {
            password = queryPassword;
        }
        String url = prefix + "//" + parts.hostPort() + "/" + parts.database() + queryString(query);
        return new ConnectionSpec(dialect, url, user, password);
    }

    /** H2 keeps credentials as {@code ;USER=…;PASSWORD=…} settings. */
    private static ConnectionSpec parseH2(String text) {
        String[] pieces = text.split(";");
        StringBuilder url = new StringBuilder(pieces[0]);
        String user = null;
        String password = null;
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i];
            int equals = piece.indexOf('=');
            String key = equals < 0 ? piece : piece.substring(0, equals);
            String value = equals < 0 ? "" : piece.substring(equals + 1);
            if (key.equalsIgnoreCase("USER")) {
                user = value;
            } else if (key.equalsIgnoreCase("PASSWORD")) {
                password = value;
            } else if (!piece.isEmpty()) {
                url.append(';').append(piece);
            }
        }
        return new ConnectionSpec(Dialect.H2, url.toString(), user, password);
    }

    private static ConnectionSpec parseSqlAlchemy(String text, String lower) {
        int separator = lower.indexOf("://");
        if (separator <= 0) {
            throw new ConfigurationException(
                    "the database URL needs a scheme, such as postgresql://, mysql://, " + "sqlite:/// or jdbc:...");
        }
        String scheme = lower.substring(0, separator);
        String family = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        String rest = text.substring(separator + 3);
        switch (family) {
            case "postgresql", "postgres", "pgsql" -> {
                return serverFromSqlAlchemy(Dialect.POSTGRESQL, "jdbc:postgresql:", rest, scheme);
            }
            case "mysql", "mariadb" -> {
                return serverFromSqlAlchemy(Dialect.MARIADB, "jdbc:mariadb:", rest, scheme);
            }
            case "sqlite" -> {
                return sqliteFromSqlAlchemy(rest);
            }
            case "h2" -> {
                return parseH2("jdbc:h2:" + rest);
            }
            default -> throw unsupported(scheme);
        }
    }

    private static ConnectionSpec serverFromSqlAlchemy(Dialect dialect, String prefix, String rest, String scheme) {
        Parts parts = Parts.split(rest, scheme);
        Map<String, String> query = new LinkedHashMap<>();
        String queryUser = null;
        String queryPassword = null;
        for (Map.Entry<String, String> entry : parts.query().entrySet()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            String value = entry.getValue();
            if (key.equals("user")) {
                queryUser = value;
            } else if (key.equals("password")) {
                queryPassword = value;
            } else if (dialect == Dialect.POSTGRESQL) {
                translatePostgresOption(key, entry.getKey(), value, query);
            } else {
                translateMysqlOption(key, entry.getKey(), value, query);
            }
        }
        String hostPort = parts.hostPort();
        if (hostPort.isEmpty()) {
            hostPort = "localhost";
        }
        String url = prefix + "//" + hostPort + "/" + parts.database() + queryString(query);
        return new ConnectionSpec(
                dialect,
                url,
                parts.user() != null ? parts.user() : queryUser,
                parts.password() != null ? parts.password() : queryPassword);
    }

    private static void translatePostgresOption(String key, String original, String value, Map<String, String> out) {
        switch (key) {
            case "connect_timeout" -> out.put("connectTimeout", value);
            case "application_name" -> out.put("ApplicationName", value);
            case "options" -> out.put("options", value);
            default -> out.put(original, value); // sslmode, sslrootcert, sslcert, sslkey are pgjdbc names too
        }
    }

    private static void translateMysqlOption(String key, String original, String value, Map<String, String> out) {
        switch (key) {
            case "charset", "use_unicode", "local_infile", "client_flag" -> {
                // Python driver options with no JDBC meaning: the MariaDB driver always speaks UTF-8
            }
            case "ssl_mode", "ssl-mode", "sslmode" -> out.put("sslMode", mysqlSslMode(value));
            case "ssl" -> out.put("sslMode", Boolean.parseBoolean(value) || "1".equals(value) ? "trust" : "disable");
            case "ssl_ca" -> out.put("serverSslCert", value);
            case "connect_timeout" -> out.put("connectTimeout", value + "000");
            default -> out.put(original, value);
        }
    }

    private static String mysqlSslMode(String value) {
        return switch (value.toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "DISABLED", "DISABLE" -> "disable";
            case "VERIFY_CA" -> "verify-ca";
            case "VERIFY_IDENTITY", "VERIFY_FULL" -> "verify-full";
            default -> "trust"; // PREFERRED, REQUIRED: encrypted without verifying the certificate
        };
    }

    private static ConnectionSpec sqliteFromSqlAlchemy(String rest) {
        // sqlite:///relative.db -> "/relative.db"; sqlite:////abs.db -> "//abs.db"; sqlite:// -> memory
        String path = rest;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals("/") || path.equals("/:memory:")) {
            return new ConnectionSpec(Dialect.SQLITE, "jdbc:sqlite::memory:", null, null);
        }
        if (!path.startsWith("/")) {
            throw malformed("sqlite");
        }
        String file = path.substring(1);
        return new ConnectionSpec(Dialect.SQLITE, "jdbc:sqlite:" + decode(file), null, null);
    }

    private static String removeIgnoringCase(Map<String, String> map, String key) {
        for (String candidate : new ArrayList<>(map.keySet())) {
            if (candidate.equalsIgnoreCase(key)) {
                return map.remove(candidate);
            }
        }
        return null;
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(k + "=" + v));
        return "?" + String.join("&", pairs);
    }

    static String decode(String value) {
        // '+' is a literal plus in the user-info and path of a URL, not a space
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ConfigurationException unsupported(String scheme) {
        return new ConfigurationException("unsupported database URL scheme '" + scheme
                + "': use PostgreSQL (postgresql://), MySQL/MariaDB (mysql://, mariadb://), SQLite (sqlite:///file.db) "
                + "or H2 (jdbc:h2:...)");
    }

    private static ConfigurationException malformed(String scheme) {
        return new ConfigurationException("the " + scheme + " URL is malformed: expected the form "
                + "scheme://user@host:port/database (put a password in an environment variable or a file)");
    }

    /** The pieces of {@code [user[:password]@]host[:port][/database][?query]}. */
    private record Parts(String user, String password, String hostPort, String database, Map<String, String> query) {

        static Parts split(String rest, String scheme) {
            String beforeQuery = rest;
            Map<String, String> query = new LinkedHashMap<>();
            int questionMark = rest.indexOf('?');
            if (questionMark >= 0) {
                beforeQuery = rest.substring(0, questionMark);
                for (String pair : rest.substring(questionMark + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String key = equals < 0 ? pair : pair.substring(0, equals);
                    String value = equals < 0 ? "" : pair.substring(equals + 1);
                    boolean isCredential = key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user");
                    query.put(key, isCredential ? decode(value) : value);
                }
            }
            String user = null;
            String password = null;
            String hostPart = beforeQuery;
            int at = beforeQuery.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = beforeQuery.substring(0, at);
                hostPart = beforeQuery.substring(at + 1);
                int colon = userInfo.indexOf(':');
                if (colon >= 0) {
                    user = decode(userInfo.substring(0, colon));
                    password = decode(userInfo.substring(colon + 1));
                } else {
                    user = decode(userInfo);
                }
            }
            int slash = hostPart.indexOf('/');
            String hostPort = slash < 0 ? hostPart : hostPart.substring(0, slash);
            String database = slash < 0 ? "" : decode(hostPart.substring(slash + 1));
            if (hostPort.contains(" ") || database.contains("/")) {
                throw malformed(scheme);
            }
            return new Parts(user, password, hostPort, database, query);
        }
    }
}
