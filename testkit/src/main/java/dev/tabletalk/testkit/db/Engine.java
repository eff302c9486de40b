package dev.tabletalk.testkit.db;

/** A database engine the integration tests need a server of, with the variables that point at a service. */
public enum Engine {
    POSTGRES("PostgreSQL", "postgresql", 5432, "postgres", "TABLETALK_PG"),
    MARIADB("MariaDB", "mariadb", 3306, "root", "TABLETALK_MARIADB");

    private final String displayName;
    private final String scheme;
    private final int defaultPort;
    private final String defaultUser;
    private final String variablePrefix;

    Engine(String displayName, String scheme, int defaultPort, String defaultUser, String variablePrefix) {
        this.displayName = displayName;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.defaultUser = defaultUser;
        this.variablePrefix = variablePrefix;
    }

    /** The name people use, e.g. {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** The JDBC sub-protocol, e.g. {@code postgresql}. */
    public String scheme() {
        return scheme;
    }

    /** The port a local service listens on by default. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The administrator the tests use on a service unless told otherwise. */
    public String defaultUser() {
        return defaultUser;
    }

    /** The variable naming a service, e.g. {@code TABLETALK_PG_URL}. */
    public String urlVariable() {
        return variablePrefix + "_URL";
    }

    /** The variable naming the service's administrator, e.g. {@code TABLETALK_PG_USER}. */
    public String userVariable() {
        return variablePrefix + "_USER";
    }

    /** The variable holding that administrator's password, e.g. {@code TABLETALK_PG_PASSWORD}. */
    public String passwordVariable() {
        return variablePrefix + "_PASSWORD";
    }

    /** The URL of the service tried when {@link #urlVariable()} is not set: the {@code test} database locally. */
    public String defaultUrl() {
        return "jdbc:" + scheme + "://127.0.0.1:" + defaultPort + "/test";
    }
}
