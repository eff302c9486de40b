package dev.tabletalk.statejdbc;

import static dev.tabletalk.testkit.fixtures.Conditions.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.fakes.FixedClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two servers ({@link JdbcSharedState}s, each with a pool of its own) on one shared store: rate limits hold across
 * both, the read-only switch reaches the other within a second, a store that cannot be read refuses writes.
 */
abstract class AbstractSharedStateIT {

    private final FixedClock clock = FixedClock.at("2026-12-02T10:00:00Z");
    private String url;
    private JdbcSharedState serverA;
    private JdbcSharedState serverB;

    /** A fresh store for one test: its JDBC URL with credentials. */
    abstract String createStore();

    /** Drops the store {@link #createStore()} made. */
    abstract void dropStore();

    /**
     * Makes a user {@code name} of the store that may only {@code SELECT}, {@code INSERT}, {@code UPDATE} and
     * {@code DELETE} the rows of its three tables (as they are now); returns the store's URL as that user.
     */
    abstract String createReadWriteUser(String name) throws SQLException;

    abstract void dropReadWriteUser(String name) throws SQLException;

    @BeforeEach
    void openTwoServers() {
        url = createStore();
        serverA = JdbcSharedState.open(url, clock);
        serverB = JdbcSharedState.open(url, clock);
    }

    @AfterEach
    void close() {
        serverA.close();
        serverB.close();
        dropStore();
    }

    @Test
    void twoServersTakingAtOnceNeverGrantMoreThanTheLimitTogether() throws Exception {
        int granted = grantedOnEightThreads(10, thread -> {
            TokenBuckets buckets = (thread % 2 == 0 ? serverA : serverB).tokenBuckets();
            return () -> buckets.take("tenant\nacme", 25, Duration.ofHours(1)).isEmpty();
        });

        assertThat(granted).as("80 takes on two servers of a 25-token bucket").isEqualTo(25);
    }

    /**
     * How many of {@code perThread} takes on each of eight threads at once were granted; {@code takes} gives each
     * thread (by its number) its take, which answers whether it was granted.
     */
    private static int grantedOnEightThreads(int perThread, IntFunction<BooleanSupplier> takes) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                BooleanSupplier take = takes.apply(thread);
                granted.add(threads.submit(() -> {
                    int count = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (take.getAsBoolean()) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            int total = 0;
            for (Future<Integer> each : granted) {
                total += each.get();
            }
            return total;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anEmptyBucketSaysHowLongToWaitAndRefillsWithTime() {
        var buckets = serverA.tokenBuckets();
        assertThat(buckets.take("user\nada", 2, Duration.ofMinutes(1))).isEmpty();
        assertThat(serverB.tokenBuckets().take("user\nada", 2, Duration.ofMinutes(1)))
                .isEmpty();

        Optional<Duration> wait = buckets.take("user\nada", 2, Duration.ofMinutes(1));

        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isEqualTo(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(30));
        assertThat(serverB.tokenBuckets().take("user\nada", 2, Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(buckets.take("user\nada", 2, Duration.ofMinutes(1))).isPresent();
        assertThat(buckets.take("user\nbob", 2, Duration.ofMinutes(1)))
                .as("another bucket")
                .isEmpty();
    }

    @Test
    void aTakeFromABucketWithTokensIsOneStatementAndARefusalSaysHowLongToWait() {
        List<String> statements = new ArrayList<>();
        JdbcSharedState counted = JdbcSharedState.create(countingDataSource(statements), clock);
        assertThat(counted.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .isEmpty();
        statements.clear();

        assertThat(counted.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(statements).as("a token taken").containsExactly("UPDATE");
        statements.clear();
        clock.advance(Duration.ofSeconds(10)); // half a token back: 1.5
        assertThat(counted.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(serverB.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .as("0.5 left on the other server")
                .hasValue(Duration.ofSeconds(10));
        statements.clear();
        clock.advance(Duration.ofSeconds(10));

        assertThat(counted.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .as("exactly one token after 10 s more")
                .isEmpty();
        assertThat(statements).containsExactly("UPDATE");
        assertThat(counted.tokenBuckets().take("user\nada", 3, Duration.ofMinutes(1)))
                .hasValue(Duration.ofSeconds(20));
    }

    /** A data source on the store that records the first word of every statement prepared and every commit. */
    private DataSource countingDataSource(List<String> statements) {
        return countingDataSource(url, statements);
    }

    /** {@link #countingDataSource(List)} at another URL of the store. */
    private static DataSource countingDataSource(String url, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection real = DriverManager.getConnection(url);
                    return Proxy.newProxyInstance(
                            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement")) {
                                    statements.add(((String) a[0]).split(" ", 2)[0]);
                                } else if (m.getName().equals("commit")) {
                                    statements.add("COMMIT");
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    /** Whether this store takes a request's limits in one batch (one statement prepared, one round trip). */
    boolean takesLimitsInOneBatch() {
        return false;
    }

    @Test
    void aRequestsLimitsAreTakenTogetherOrNotAtAll() {
        TokenBuckets.Limit ada = new TokenBuckets.Limit("user\nacme\nada", 1, Duration.ofHours(1));
        TokenBuckets.Limit bob = new TokenBuckets.Limit("user\nacme\nbob", 5, Duration.ofHours(1));
        TokenBuckets.Limit acme = new TokenBuckets.Limit("tenant\nacme", 3, Duration.ofHours(1));
        TokenBuckets buckets = serverA.tokenBuckets();
        assertThat(buckets.takeAll(List.of(ada, acme))).as("new buckets").isEmpty();

        assertThat(serverB.tokenBuckets().takeAll(List.of(ada, acme)))
                .as("ada's bucket is empty: the wait is hers")
                .hasValue(Duration.ofHours(1));
        assertThat(buckets.takeAll(List.of(bob, acme))).isEmpty();
        assertThat(buckets.takeAll(List.of(bob, acme)))
                .as("the tenant's last token: ada's refusal took none of them")
                .isEmpty();
        assertThat(serverB.tokenBuckets().takeAll(List.of(bob, acme)))
                .as("the tenant is empty: the wait is the tenant's")
                .hasValue(Duration.ofMinutes(20));

        // bob took 2 of his 5: the refused request gave his third back
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(bob.key(), bob.capacity(), bob.period())).isEmpty();
        }
        assertThat(buckets.take(bob.key(), bob.capacity(), bob.period())).isPresent();
    }

    @Test
    void takingARequestsLimitsFromBucketsWithTokensIsOneUpdateEach() {
        List<String> statements = new ArrayList<>();
        JdbcSharedState counted = JdbcSharedState.create(countingDataSource(statements), clock);
        List<TokenBuckets.Limit> limits = List.of(
                new TokenBuckets.Limit("user\nacme\nada", 10, Duration.ofMinutes(1)),
                new TokenBuckets.Limit("tenant\nacme", 10, Duration.ofMinutes(1)));
        assertThat(counted.tokenBuckets().takeAll(limits)).isEmpty();
        statements.clear();

        assertThat(counted.tokenBuckets().takeAll(limits)).isEmpty();

        assertThat(statements)
                .as("no transaction of its own: one batch on PostgreSQL, else a conditional UPDATE each")
                .isEqualTo(takesLimitsInOneBatch() ? List.of("UPDATE") : List.of("UPDATE", "UPDATE"));
    }

    /** The store's URL parameter that makes its driver answer a batch's counts as "no info", where it has one. */
    Optional<String> batchCountsUnknownParameter() {
        return Optional.empty();
    }

    @Test
    void aDriverThatCannotSayWhichTakeOfABatchMatchedTakesEachLimitOnItsOwn() {
        assumeTrue(batchCountsUnknownParameter().isPresent(), "this store's driver always counts a batch");
        List<String> statements = new ArrayList<>();
        String bulk = url
                + (url.contains("?") ? "&" : "?")
                + batchCountsUnknownParameter().orElseThrow();
        JdbcSharedState counted = JdbcSharedState.create(countingDataSource(bulk, statements), clock);
        List<TokenBuckets.Limit> limits = List.of(
                new TokenBuckets.Limit("user\nacme\nada", 2, Duration.ofMinutes(1)),
                new TokenBuckets.Limit("tenant\nacme", 10, Duration.ofMinutes(1)));
        assertThat(counted.tokenBuckets().takeAll(limits)).isEmpty();
        statements.clear();

        assertThat(counted.tokenBuckets().takeAll(limits)).isEmpty();
        assertThat(statements).as("a conditional UPDATE each").isEqualTo(List.of("UPDATE", "UPDATE"));
        assertThat(counted.tokenBuckets().takeAll(limits))
                .as("ada's two tokens are gone")
                .hasValue(Duration.ofSeconds(30));
    }

    /**
     * Requests naming the same two buckets in either order on two servers never wait on each other in a circle
     * (the store would end one as a deadlock, a 503), and together take no more than the tenant's limit.
     */
    @Test
    void requestsTakingTheSameLimitsInEitherOrderNeverDeadlockNorGrantMoreThanTheLimit() throws Exception {
        TokenBuckets.Limit ada = new TokenBuckets.Limit("user\nacme\nada", 1_000, Duration.ofHours(1));
        TokenBuckets.Limit acme = new TokenBuckets.Limit("tenant\nacme", 90, Duration.ofHours(1));

        int granted = grantedOnEightThreads(30, thread -> {
            TokenBuckets buckets = (thread % 2 == 0 ? serverA : serverB).tokenBuckets();
            List<TokenBuckets.Limit> limits = thread % 4 < 2 ? List.of(ada, acme) : List.of(acme, ada);
            return () -> buckets.takeAll(limits).isEmpty();
        });

        assertThat(granted)
                .as("240 requests on two servers under a 90-request tenant limit")
                .isEqualTo(90);
        // ada's tokens: one per granted request, the refused ones given back
        for (int i = 0; i < 1_000 - 90; i++) {
            assertThat(serverA.tokenBuckets().take(ada.key(), ada.capacity(), ada.period()))
                    .isEmpty();
        }
        assertThat(serverA.tokenBuckets().take(ada.key(), ada.capacity(), ada.period()))
                .isPresent();
    }

    @Test
    void aBucketLeftFullForAWholePeriodIsSweptAfterTheNextTakeOnceASweepIsDue() throws InterruptedException {
        TokenBuckets buckets = serverA.tokenBuckets();
        assertThat(buckets.take("user\nidle", 2, Duration.ofMinutes(1))).isEmpty(); // the first sweep is due in 60 s
        assertThat(buckets.take("user\nbusy", 2, Duration.ofMinutes(10))).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(buckets.take("user\nbusy", 2, Duration.ofMinutes(10))).isEmpty();
        Thread.sleep(200); // time enough for a sweep that should not have started
        assertThat(bucketRows()).as("no sweep due yet").isEqualTo(2);

        clock.advance(Duration.ofSeconds(62)); // idle: full after 30 s, and a whole minute more after 90 s
        assertThat(buckets.take("user\nbusy", 2, Duration.ofMinutes(10)))
                .as("busy: 2 tokens taken, 0.4 back over 121 s")
                .hasValueSatisfying(wait -> assertThat(wait).isPositive());

        assertThat(within(Duration.ofSeconds(5), () -> bucketRows() == 1))
                .as("the idle bucket swept, the busy one kept")
                .isTrue();
        assertThat(bucketRows()).isEqualTo(1);
        assertThat(buckets.take("user\nidle", 2, Duration.ofMinutes(1))).isEmpty();
        assertThat(buckets.take("user\nidle", 2, Duration.ofMinutes(1)))
                .as("a swept bucket comes back full, as it was")
                .isEmpty();
        assertThat(buckets.take("user\nidle", 2, Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void closingAServerEndsItsSweepThread() {
        JdbcSharedState server = JdbcSharedState.open(url, clock);
        assertThat(server.tokenBuckets().take("user\nada", 2, Duration.ofMinutes(1)))
                .isEmpty();
        clock.advance(JdbcTokenBuckets.SWEEP_EVERY);
        assertThat(server.tokenBuckets().take("user\nada", 2, Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(within(Duration.ofSeconds(5), () -> sweepThreads() > 0))
                .as("the due sweep started its thread")
                .isTrue();

        server.close();

        assertThat(within(Duration.ofSeconds(5), () -> sweepThreads() == 0)).isTrue();
    }

    /** The live sweep threads of every server open in this JVM (serverA and serverB have not swept yet). */
    private static long sweepThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("tabletalk-bucket-sweep") && thread.isAlive())
                .count();
    }

    @Test
    void aBucketIsSweptOnlyOnceFullForAWholePeriodMoreAndNotIfTakenFromSinceItWasFound() throws SQLException {
        JdbcTokenBuckets buckets = (JdbcTokenBuckets) serverA.tokenBuckets();
        assertThat(buckets.take("tenant\nacme", 4, Duration.ofMinutes(2))).isEmpty(); // 3 left: full after 30 s
        long takenAt = micros(clock.now());

        assertThat(buckets.sweepable(takenAt + micros(Duration.ofSeconds(149))))
                .as("full for 119 s of a 120 s period")
                .isEmpty();
        List<String> found = buckets.sweepable(takenAt + micros(Duration.ofSeconds(151)));
        assertThat(found).hasSize(1);

        clock.advance(Duration.ofSeconds(151));
        assertThat(serverB.tokenBuckets().take("tenant\nacme", 4, Duration.ofMinutes(2)))
                .isEmpty();
        buckets.deleteIfStillFull(found, takenAt + micros(Duration.ofSeconds(151)));

        assertThat(bucketRows())
                .as("taken from on the other server since the sweep found it")
                .isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("tenant\nacme", 4, Duration.ofMinutes(2))).isEmpty();
        }
        assertThat(buckets.take("tenant\nacme", 4, Duration.ofMinutes(2)))
                .as("the other server's take kept: 3 of 4 left")
                .isPresent();
        buckets.deleteIfStillFull(found, micros(clock.now()) + micros(Duration.ofMinutes(4)));
        assertThat(bucketRows()).isZero();
    }

    @Test
    void aStoreFromBeforeBucketsKeptTheirLimitGetsItsColumnsAndSweepsItsOldRowsOnlyOnceTakenFrom() throws Exception {
        bucketTableAsAnEarlierVersionMadeIt();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + StateSchema.BUCKETS + " VALUES ('" + sha256("user\nold") + "', 0, "
                    + micros(clock.now()) + ")");
        }
        clock.advance(Duration.ofDays(1));

        try (JdbcSharedState upgraded = JdbcSharedState.open(url, clock)) {
            JdbcTokenBuckets buckets = (JdbcTokenBuckets) upgraded.tokenBuckets();
            assertThat(buckets.sweepable(micros(clock.now())))
                    .as("the old row's limit is unknown")
                    .isEmpty();
            assertThat(buckets.take("user\nnew", 1, Duration.ofMinutes(1))).isEmpty();
            assertThat(buckets.take("user\nold", 1, Duration.ofMinutes(1))).isEmpty();
            assertThat(buckets.take("user\nold", 1, Duration.ofMinutes(1))).isPresent();

            buckets.deleteIfStillFull(
                    buckets.sweepable(micros(clock.now().plus(Duration.ofMinutes(2)))),
                    micros(clock.now().plus(Duration.ofMinutes(2))));
            assertThat(bucketRows()).isZero();
        }
    }

    /**
     * A store made by an earlier version, opened by a user that may only read and write its rows: the server refuses
     * to start with the statements the tables' owner runs once (not a bare SQLState), and starts once they are run.
     * The user never needs to create a table that exists.
     */
    @Test
    void aStoreWhoseUserMayNotAddTheNewColumnsSaysWhatItsOwnerRuns() throws SQLException {
        bucketTableAsAnEarlierVersionMadeIt();
        String user = DatabaseServer.uniqueName("tt_rw");
        String asUser = createReadWriteUser(user);
        try {
            assertThatThrownBy(() -> JdbcSharedState.open(asUser, clock))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("may not add")
                    .hasMessageContaining("ALTER TABLE tabletalk_rate_bucket ADD COLUMN capacity DOUBLE PRECISION; "
                            + "ALTER TABLE tabletalk_rate_bucket ADD COLUMN period_micros DOUBLE PRECISION")
                    .hasMessageNotContaining("Rw-");

            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                for (String add : StateSchema.ADD_LIMIT_COLUMNS.split("; ")) {
                    statement.execute(add);
                }
            }
            try (JdbcSharedState upgraded = JdbcSharedState.open(asUser, clock)) {
                assertThat(upgraded.tokenBuckets().take("user\nada", 1, Duration.ofMinutes(1)))
                        .as("the owner's statements are all it takes")
                        .isEmpty();
                assertThat(upgraded.reloads()).isZero();
            }
        } finally {
            dropReadWriteUser(user);
        }
    }

    /** Replaces the bucket table by the one versions before the sweep made: without the limit's two columns. */
    private void bucketTableAsAnEarlierVersionMadeIt() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + StateSchema.BUCKETS);
            statement.execute("CREATE TABLE " + StateSchema.BUCKETS + " (bucket_key CHAR(64) NOT NULL PRIMARY KEY, "
                    + "tokens DOUBLE PRECISION NOT NULL, refilled_at BIGINT NOT NULL)");
        }
    }

    private int bucketRows() {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM " + StateSchema.BUCKETS)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    private static String sha256(String key) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenGivenBackOnOneServerCanBeTakenOnTheOther() {
        assertThat(serverA.tokenBuckets().take("user\nada", 1, Duration.ofHours(1)))
                .isEmpty();
        assertThat(serverB.tokenBuckets().take("user\nada", 1, Duration.ofHours(1)))
                .isPresent();

        serverA.tokenBuckets().giveBack("user\nada", 1, Duration.ofHours(1));
        serverA.tokenBuckets().giveBack("user\nada", 1, Duration.ofHours(1));

        assertThat(serverB.tokenBuckets().take("user\nada", 1, Duration.ofHours(1)))
                .isEmpty();
        assertThat(serverB.tokenBuckets().take("user\nada", 1, Duration.ofHours(1)))
                .as("never above the capacity")
                .isPresent();
    }

    @Test
    @Tag("invariant-10")
    void readOnlySwitchedOnOneServerRefusesWritesOnTheOtherWithinASecond() {
        ReadOnlyMode onA = ReadOnlyMode.sharedIn(serverA.readOnlySwitch());
        ReadOnlyMode onB = ReadOnlyMode.sharedIn(serverB.readOnlySwitch());
        assertThat(onB.isOn()).isFalse();

        long switched = System.nanoTime();
        onA.set(true);

        assertThat(onA.isOn()).as("at once on the server that switched").isTrue();
        assertThat(within(Duration.ofSeconds(1), onB::isOn))
                .as("on the other server within 1 s")
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - switched)).isLessThan(Duration.ofSeconds(1));

        onB.set(false);
        assertThat(within(Duration.ofSeconds(1), () -> !onA.isOn())).isTrue();
    }

    /**
     * A switch the store cannot give refuses every write that asks (invariant 10: no guess lets a write through), by
     * saying the shared store is unavailable: never that read-only mode is on, which nobody switched.
     */
    @Test
    @Tag("invariant-10")
    void aStoreThatCannotBeReadRefusesWritesAsUnavailableNotAsReadOnly() throws SQLException {
        ReadOnlyMode onA = ReadOnlyMode.sharedIn(serverA.readOnlySwitch());
        assertThat(onA.isOn()).isFalse();

        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + StateSchema.OPERATOR);
        }

        assertThat(within(Duration.ofSeconds(1), () -> {
                    try {
                        onA.isOn();
                        return false;
                    } catch (DependencyUnavailableException e) {
                        return e.dependency() == Dependency.SHARED_STATE;
                    }
                }))
                .isTrue();
    }

    @Test
    void aReloadAnnouncedOnOneServerIsCountedOnTheOther() {
        long before = serverB.reloads();

        long after = serverA.announceReload();

        assertThat(after).isEqualTo(before + 1);
        assertThat(serverB.reloads()).isEqualTo(after);
    }

    @Test
    void openingAStoreTwiceKeepsItsState() {
        serverA.readOnlySwitch().set(true);
        serverA.tokenBuckets().take("user\nada", 1, Duration.ofHours(1));

        try (JdbcSharedState again = JdbcSharedState.open(url, clock)) {
            assertThat(again.readOnlySwitch().isOn()).isTrue();
            assertThat(again.tokenBuckets().take("user\nada", 1, Duration.ofHours(1)))
                    .isPresent();
        }
    }

    @Test
    void aConnectAnnouncedByOneServerIsReadByTheOtherWithItsPasswordOnlySealed() throws SQLException {
        SharedKey key = SharedKey.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        assertThat(serverB.target()).isEqualTo(SharedTarget.none());
        String withPassword = "jdbc:postgresql://db.internal:5432/shop?sslmode=verify-full&user=ada&password=Hush-42";

        long generation = serverA.announceTarget("postgresql db.internal:5432/shop", withPassword, key);

        SharedTarget seen = serverB.target();
        assertThat(seen.generation()).isEqualTo(generation).isEqualTo(1);
        assertThat(seen.sealed()).isTrue();
        assertThat(seen.description()).isEqualTo("postgresql db.internal:5432/shop");
        assertThat(seen.url()).hasValueSatisfying(stored -> {
            assertThat(stored).doesNotContain("Hush-42").doesNotContain("db.internal");
            assertThat(key.open(stored)).isEqualTo(withPassword);
        });
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT url, description FROM tabletalk_connect_target")) {
            rows.next();
            assertThat(rows.getString(1) + rows.getString(2)).doesNotContain("Hush-42");
        }

        String withoutPassword = "jdbc:postgresql://db.internal:5432/other?sslmode=verify-full&user=ada";
        assertThat(serverB.announceTarget("postgresql db.internal:5432/other", withoutPassword))
                .isEqualTo(2);
        assertThat(serverA.target())
                .isEqualTo(
                        new SharedTarget(2, "postgresql db.internal:5432/other", Optional.of(withoutPassword), false));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serverA.announceTarget("x", withPassword))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Hush-42");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> serverA.announceTarget("x", "postgresql://ada:Hush-42@db.internal:5432/shop"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(serverB.target().generation()).isEqualTo(2);
    }
}
