package dev.tabletalk.testkit.db;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Which server the tests of one engine use, and why (the reason is logged once per JVM).
 *
 * <p>The order (issue #12): {@code TABLETALK_TEST_DB=embedded} forces the embedded server and nothing is probed;
 * otherwise the service named by the URL variable when it is set, else a service reachable at the default address,
 * else Testcontainers when Docker is available, else the embedded server. {@code TABLETALK_TEST_DB=service} and
 * {@code =testcontainers} force those; {@code auto} or nothing is the order above.
 *
 * @param engine the engine
 * @param source where the server comes from
 * @param serviceUrl the JDBC URL of the service ({@link Source#SERVICE} only, else null)
 * @param reason one line for the log, e.g. {@code service at 127.0.0.1:5432}
 */
public record DatabaseChoice(Engine engine, Source source, String serviceUrl, String reason) {

    /** The variable that chooses the kind of test databases for every module's integration tests. */
    public static final String MODE_VARIABLE = "TABLETALK_TEST_DB";

    /** Chooses, looking at {@code env} and asking {@code probes} only as far as the order needs. */
    public static DatabaseChoice choose(Engine engine, Map<String, String> env, Probes probes) {
        String mode = value(env, MODE_VARIABLE);
        String url = value(env, engine.urlVariable());
        switch (mode == null ? "auto" : mode.toLowerCase(Locale.ROOT)) {
            case "embedded":
                return new DatabaseChoice(engine, Source.EMBEDDED, null, "embedded (" + MODE_VARIABLE + "=embedded)");
            case "testcontainers":
                return new DatabaseChoice(
                        engine, Source.TESTCONTAINERS, null, "Testcontainers (" + MODE_VARIABLE + "=testcontainers)");
            case "service":
                return service(engine, url == null ? engine.defaultUrl() : url, " (" + MODE_VARIABLE + "=service)");
            case "auto":
                return automatic(engine, url, probes);
            default:
                throw new IllegalArgumentException(MODE_VARIABLE + "=" + mode
                        + " is not understood: use embedded, testcontainers, service or auto");
        }
    }

    private static DatabaseChoice automatic(Engine engine, String url, Probes probes) {
        if (url != null) {
            return service(engine, url, " (" + engine.urlVariable() + ")");
        }
        if (probes.reachable().reachable("127.0.0.1", engine.defaultPort())) {
            return service(engine, engine.defaultUrl(), "");
        }
        String none = "no service at 127.0.0.1:" + engine.defaultPort();
        if (probes.docker().getAsBoolean()) {
            return new DatabaseChoice(engine, Source.TESTCONTAINERS, null, "Testcontainers (" + none + ")");
        }
        return new DatabaseChoice(engine, Source.EMBEDDED, null, "embedded (" + none + ", no Docker)");
    }

    private static DatabaseChoice service(Engine engine, String url, String why) {
        return new DatabaseChoice(engine, Source.SERVICE, url, "service at " + hostAndPort(engine, url) + why);
    }

    static String hostAndPort(Engine engine, String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return uri.getHost() + ":" + (uri.getPort() < 0 ? engine.defaultPort() : uri.getPort());
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
