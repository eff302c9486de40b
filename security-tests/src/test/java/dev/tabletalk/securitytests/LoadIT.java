package dev.tabletalk.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reduced load run through HTTP (10 sessions x 20 turns): zero errors, no lost or duplicate writes,
 * one audit entry per turn and an intact chain. The full size is {@link HttpLoadBenchmark}.
 */
class LoadIT {

    @Test
    @Tag("invariant-9")
    @Tag("invariant-4")
    void concurrentSessionsLoseNothingAndAuditEveryTurn() throws Exception {
        try (SecureShop shop = SecureShop.start("load")) {
            long auditBefore = shop.auditTurns();
            long customersBefore = shop.queryLong("select count(*) from customers");
            long started = System.nanoTime();
            LoadRun.Result result = LoadRun.run(shop, 10, 20);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertLoadInvariants(shop, result, auditBefore, customersBefore);
        }
    }

    static void assertLoadInvariants(SecureShop shop, LoadRun.Result result, long auditBefore, long customersBefore) {
        assertThat(result.errorSamples()).isEmpty();
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isEqualTo((long) result.sessions() * result.turnsPerSession());
        // no lost or duplicate writes: every confirmed create is one row, nothing else was created
        assertThat(shop.queryLong("select count(*) from customers") - customersBefore)
                .isEqualTo(result.confirmedCreates());
        assertThat(shop.queryLong("select count(*) from customers where name like 'load L-%' and company_id = 101"))
                .isEqualTo(result.confirmedCreates());
        assertThat(shop.queryLong(
                        "select count(*) from (select name from customers group by name having count(*) > 1) d"))
                .isZero();
        for (Map.Entry<Integer, String> last : result.lastNoteBySession().entrySet()) {
            long id = LoadRun.customerOf(last.getKey());
            assertThat(shop.queryString("select notes from customers where id = " + id))
                    .isEqualTo(last.getValue());
        }
        // every confirmed write was committed exactly once: one successful commit record each
        assertThat(auditLong(
                        shop,
                        "select count(*) from ai_audit_log where action = 'commit' and outcome = 'ok' "
                                + "and intent = 'update' and seq > " + auditBefore))
                .isEqualTo(result.confirmedUpdates());
        assertThat(auditLong(
                        shop,
                        "select count(*) from ai_audit_log where action = 'commit' and outcome = 'ok' "
                                + "and intent = 'create' and seq > " + auditBefore))
                .isEqualTo(result.confirmedCreates());
        assertThat(result.refusedDeletes()).isPositive();
        assertThat(shop.auditTurns() - auditBefore).isEqualTo(result.requests());
        assertThat(shop.audit.verify().isIntact()).isTrue();
        assertThat(shop.forbiddenStatements()).isEmpty();
    }

    private static long auditLong(SecureShop shop, String sql) {
        try (var c = PgServer.connect(shop.auditDb);
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
