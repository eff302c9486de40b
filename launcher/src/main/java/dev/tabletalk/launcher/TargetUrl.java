package dev.tabletalk.launcher;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.jdbcsupport.Dialect;
import dev.tabletalk.schemacatalog.ConnectionSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A database URL that {@code connect} may open: PostgreSQL or MariaDB/MySQL on one named host, read with
 * {@link ConnectionSpec} (the same reading the pool uses), with only harmless driver options. Driver
 * options that load classes, write files or name other hosts ({@code socketFactory}, {@code loggerFile},
 * {@code PGHOST}, ...) make the URL unsupported.
 *
 * @param spec the connection, credentials taken out of the URL
 * @param host the host, lower case (an IPv6 address without brackets); empty for a file or in-memory database
 * @param description the database without credentials and options, e.g. {@code postgresql 10.0.0.5:5432/shop}
 * @param target {@code host:port} as the allowlist names it (the dialect's default port when the URL names
 *     none); empty without a host
 * @param loopback whether the host is a loopback address or {@code localhost} (names are never resolved)
 * @param tls whether the URL asks for TLS ({@code sslmode=require|verify-ca|verify-full} or {@code ssl=true} for
 *     PostgreSQL, {@code sslMode=trust|verify-ca|verify-full} or {@code useSsl=true} for MariaDB)
 */
record TargetUrl(
        ConnectionSpec spec,
        Optional<String> host,
        String description,
        Optional<String> target,
        boolean loopback,
        boolean tls) {

    /** A URL without a host (a file, an in-memory database, the driver's default host). */
    TargetUrl(ConnectionSpec spec, Optional<String> host, String description) {
        this(spec, host, description, Optional.empty(), false, false);
    }

    /** Option names (lower case) a connect URL may carry besides the credentials. */
    private static final Set<String> SAFE_OPTIONS = Set.of(
            "ssl",
            "sslmode",
            "connecttimeout",
            "sockettimeout",
            "logintimeout",
            "applicationname",
            "currentschema",
            "tcpkeepalive",
            "usessl");

    /** The options (lower case {@code name=value}) that ask for TLS. */
    private static final Set<String> TLS_VALUES = Set.of(
            "ssl=true", "sslmode=require", "sslmode=verify-ca", "sslmode=verify-full", "sslmode=trust", "usessl=true");

    TargetUrl {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Reads a URL.
     *
     * @throws ConfigurationException when it is malformed, of an unsupported kind or carries an option
     *     other than the safe ones; the message never holds the URL
     */
    static TargetUrl parse(String url) {
        ConnectionSpec spec = ConnectionSpec.parse(url);
        String jdbc = spec.jdbcUrl();
        Dialect dialect = spec.dialect();
        if (!dialect.isServer()) {
            return new TargetUrl(spec, Optional.empty(), dialect.name().toLowerCase(Locale.ROOT) + " (local)");
        }
        String prefix = dialect == Dialect.POSTGRESQL ? "jdbc:postgresql:" : "jdbc:mariadb:";
        if (!jdbc.startsWith(prefix + "//")) {
            if (jdbc.contains("//")) {
                throw new ConfigurationException(
                        "unsupported database URL: name one host, e.g. " + "jdbc:postgresql://host:5432/db");
            }
            // jdbc:postgresql:db: the driver's default host, which is not named
            return new TargetUrl(spec, Optional.empty(), dialect.name().toLowerCase(Locale.ROOT) + " (default host)");
        }
        String rest = jdbc.substring(prefix.length() + 2);
        int query = rest.indexOf('?');
        String options = query < 0 ? "" : rest.substring(query + 1);
        String path = query < 0 ? rest : rest.substring(0, query);
        int slash = path.indexOf('/');
        String hostPort = slash < 0 ? path : path.substring(0, slash);
        String database = slash < 0 ? "" : path.substring(slash + 1);
        if (hostPort.isEmpty()
                || hostPort.contains(",")
                || hostPort.contains("@")
                || hostPort.contains("\\")
                || database.contains("/")
                || database.contains(";")) {
            throw new ConfigurationException(
                    "unsupported database URL: name one host, e.g. " + "jdbc:postgresql://host:5432/db");
        }
        boolean tls = false;
        for (String option : options.split("&")) {
            if (option.isEmpty()) {
                continue;
            }
            int equals = option.indexOf('=');
            String key = (equals < 0 ? option : option.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = (equals < 0 ? "" : option.substring(equals + 1)).toLowerCase(Locale.ROOT);
            tls |= TLS_VALUES.contains(key + "=" + value);
            if (!SAFE_OPTIONS.contains(key)) {
                throw new ConfigurationException("unsupported database URL option: only user, password, ssl, "
                        + "sslmode, connectTimeout, socketTimeout, loginTimeout, ApplicationName, currentSchema "
                        + "and tcpKeepAlive are accepted");
            }
        }
        String host = hostOnly(hostPort).toLowerCase(Locale.ROOT);
        String port = hostPort.substring(Math.min(hostPort.length(), hostPort.lastIndexOf(']') + 1));
        port = port.contains(":") ? port.substring(port.lastIndexOf(':') + 1) : "";
        if (host.isEmpty() || !host.matches("[a-z0-9.:_-]+") || !port.matches("[0-9]{0,5}")) {
            throw new ConfigurationException("unsupported database URL: name one host");
        }
        int portNumber = port.isEmpty() ? dialect.defaultPort().orElseThrow() : Integer.parseInt(port);
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + portNumber;
        return new TargetUrl(
                spec,
                Optional.of(host),
                dialect.name().toLowerCase(Locale.ROOT) + " " + hostPort + "/" + database,
                Optional.of(target),
                isLoopback(host),
                tls);
    }

    /** Loopback by its literal form only: {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}. */
    static boolean isLoopback(String host) {
        if ("localhost".equals(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostOnly(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("unsupported database URL: a bracketed IPv6 host is not closed");
            }
            return hostPort.substring(1, close);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
