package dev.tabletalk.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the soak's replies said of each write, and the check of the target against it: a write a reply called done is
 * there exactly once, a write a reply said changed nothing is not there, and a write whose outcome a reply called
 * unknown may be either, but at most once. Creates are told apart by the number in their unique name, updates by the
 * customer they change (each customer is updated at most once a run, from its seeded city). The bookkeeping is
 * allocated up front, so that it does not grow the heap the soak measures.
 */
final class SoakLedger {

    private static final Logger LOG = LoggerFactory.getLogger(SoakLedger.class);

    /** The largest create number a run may use. */
    static final int MAX_CREATES = 2_000_000;

    static final String[] SEEDED_CITIES = {"Berlin", "Paris", "Lisbon", "Oslo"};

    /** What a confirm's reply said of its write. */
    enum Claim {
        /** No confirm of it was answered: a preview never confirmed, or a start that failed. */
        NONE,
        /** "Done": the write committed. */
        DONE,
        /** The turn failed and said nothing was changed, or a check after a lost commit found it not applied. */
        NOT_DONE,
        /** The commit's answer was lost and nobody could tell what became of it (or no reply came at all). */
        UNKNOWN
    }

    private static final Claim[] CLAIMS = Claim.values();

    private final int seededRows;
    private final BitSet createsSent = new BitSet();
    private final byte[] createClaims = new byte[MAX_CREATES + 1];
    private final byte[] updateClaims;
    private final int[] updateNumbers;

    SoakLedger(int seededRows) {
        this.seededRows = seededRows;
        this.updateClaims = new byte[seededRows + 1];
        this.updateNumbers = new int[seededRows + 1];
    }

    synchronized void createSent(int number) {
        createsSent.set(number);
    }

    synchronized void createClaimed(int number, Claim claim) {
        createClaims[number] = (byte) claim.ordinal();
    }

    synchronized void updateClaimed(int customer, int number, Claim claim) {
        updateClaims[customer] = (byte) claim.ordinal();
        updateNumbers[customer] = number;
    }

    /** The customer's city as the replies left it: the confirmed update's, or the seeded one. */
    static String seededCity(int customer) {
        return SEEDED_CITIES[customer % SEEDED_CITIES.length];
    }

    /** What the target holds against what the replies said. */
    record Writes(
            int createsDone,
            int createsFound,
            int duplicates,
            int presentThoughNotDone,
            int createsUnknown,
            int unknownPresent,
            int updatesDone,
            int updatesUnknown,
            int citiesWrong) {

        boolean passed() {
            return createsFound == createsDone && duplicates == 0 && presentThoughNotDone == 0 && citiesWrong == 0;
        }
    }

    synchronized Writes check(HikariDataSource target) throws SQLException {
        int[] claimed = new int[CLAIMS.length];
        for (int number = createsSent.nextSetBit(0); number >= 0; number = createsSent.nextSetBit(number + 1)) {
            claimed[createClaims[number]]++;
        }
        int found = 0;
        int duplicates = 0;
        int presentThoughNotDone = 0;
        int unknownPresent = 0;
        int citiesWrong = 0;
        int updatesDone = 0;
        int updatesUnknown = 0;
        try (Connection connection = target.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select name, count(*) from customers where name like 'Soak-%' group by name")) {
                while (rows.next()) {
                    int number = Integer.parseInt(rows.getString(1).substring("Soak-".length()));
                    if (rows.getLong(2) > 1) {
                        duplicates++;
                    }
                    switch (CLAIMS[createClaims[number]]) {
                        case DONE -> found++;
                        case UNKNOWN -> unknownPresent++;
                        case NONE, NOT_DONE -> {
                            presentThoughNotDone++;
                            LOG.error(
                                    "customer {} is in the target, but its confirm was {}",
                                    rows.getString(1),
                                    createsSent.get(number) ? "answered as not done or never answered" : "never sent");
                        }
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select id, city from customers where id <= " + seededRows + " order by id")) {
                while (rows.next()) {
                    int id = rows.getInt(1);
                    String city = rows.getString(2);
                    String seeded = seededCity(id);
                    String updated = SoakTraffic.city(updateNumbers[id]);
                    boolean right = switch (CLAIMS[updateClaims[id]]) {
                        case DONE -> {
                            updatesDone++;
                            yield updated.equals(city);
                        }
                        case UNKNOWN -> {
                            updatesUnknown++;
                            yield updated.equals(city) || seeded.equals(city);
                        }
                        case NONE, NOT_DONE -> seeded.equals(city);
                    };
                    if (!right) {
                        citiesWrong++;
                        LOG.error("customer {} is in {}, but its update was {}", id, city, CLAIMS[updateClaims[id]]);
                    }
                }
            }
        }
        return new Writes(
                claimed[Claim.DONE.ordinal()],
                found,
                duplicates,
                presentThoughNotDone,
                claimed[Claim.UNKNOWN.ordinal()],
                unknownPresent,
                updatesDone,
                updatesUnknown,
                citiesWrong);
    }
}
