package dev.tabletalk.testkit.db;

import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place integration tests get their PostgreSQL and MariaDB servers from (issue #12). Each engine's server
 * is chosen once per JVM ({@link DatabaseChoice}: service, Testcontainers or embedded; {@code TABLETALK_TEST_DB}),
 * started lazily on first use, stopped when the JVM exits, and the choice is logged in one line such as
 * {@code PostgreSQL for tests: service at 127.0.0.1:5432}.
 *
 * <pre>{@code
 * DatabaseServer pg = DatabaseServers.postgres();
 * String database = pg.createDatabase("tt_mine");
 * try (Connection connection = pg.connect(database)) { ... } finally { pg.dropDatabase(database); }
 * }</pre>
 */
public final class DatabaseServers {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServers.class);

    private DatabaseServers() {}

    /** This JVM's PostgreSQL server; fails (naming TABLETALK_PG_URL) when none can be had. */
    public static DatabaseServer postgres() {
        return PostgresHolder.AVAILABILITY.require();
    }

    /** This JVM's MariaDB server; skips the calling test (naming TABLETALK_MARIADB_URL) when none can be had. */
    public static DatabaseServer mariaDb() {
        return MariaDbHolder.AVAILABILITY.require();
    }

    /** This JVM's server of {@code engine}, as {@link #postgres()} or {@link #mariaDb()}. */
    public static DatabaseServer of(Engine engine) {
        return engine == Engine.POSTGRES ? postgres() : mariaDb();
    }

    /**
     * Chooses and starts a new server of {@code engine}, separate from this JVM's, that the caller closes: for
     * tests of the choice itself and for tools such as the benchmarks.
     */
    public static Availability open(Engine engine, Map<String, String> env, Probes probes) {
        return open(engine, env, probes, choice -> start(choice, env));
    }

    /** {@link #open(Engine, Map, Probes)} with the way a chosen server is started replaced (for tests). */
    static Availability open(
            Engine engine, Map<String, String> env, Probes probes, Function<DatabaseChoice, RunningServer> starter) {
        DatabaseChoice choice = DatabaseChoice.choose(engine, env, probes);
        try {
            return new Availability(choice, starter.apply(choice), null);
        } catch (ServerUnavailableException e) {
            return new Availability(choice, null, e);
        }
    }

    private static RunningServer start(DatabaseChoice choice, Map<String, String> env) {
        Engine engine = choice.engine();
        return switch (choice.source()) {
            case SERVICE ->
                RunningServer.service(DatabaseServer.of(
                        engine,
                        Source.SERVICE,
                        choice.serviceUrl(),
                        env.getOrDefault(engine.userVariable(), engine.defaultUser()),
                        env.getOrDefault(engine.passwordVariable(), "")));
            case TESTCONTAINERS -> ContainerServers.start(engine);
            case EMBEDDED -> EmbeddedServers.start(engine);
        };
    }

    private static Availability forThisJvm(Engine engine) {
        long started = System.nanoTime();
        Availability availability = open(engine, System.getenv(), Probes.real());
        if (availability.running() != null) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(availability.running()::close, "tt-stop-" + engine.scheme()));
            DatabaseServer server = availability.running().server();
            LOG.info(
                    "{} for tests: {}{} ({} ms)",
                    engine.displayName(),
                    availability.choice().reason(),
                    server.source() == Source.SERVICE ? "" : ", started at " + server.hostAndPort(),
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            LOG.warn("{} for tests: {}", engine.displayName(), availability.skipMessage());
        }
        return availability;
    }

    /** Started on first use (class initialisation is lazy and runs once). */
    private static final class PostgresHolder {
        static final Availability AVAILABILITY = forThisJvm(Engine.POSTGRES);
    }

    private static final class MariaDbHolder {
        static final Availability AVAILABILITY = forThisJvm(Engine.MARIADB);
    }
}
