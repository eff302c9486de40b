package dev.tabletalk.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The global checks are only as good as their probes: this shows that the database-side probes of
 * G1 record a DELETE, a TRUNCATE and DDL from any session but the harness, and that the G6 checksum
 * sees a one-cell change.
 */
class ProbeSelfTestIT {

    @Test
    @Tag("invariant-1")
    void theProbesRecordForbiddenStatementsAndTheChecksumSeesChanges() throws Exception {
        try (SecureShop shop = SecureShop.start("probe")) {
            assertThat(shop.forbiddenStatements()).isEmpty();
            String before = shop.checksum();
            Properties intruder = new Properties();
            intruder.setProperty("user", PgServer.USER);
            intruder.setProperty("ApplicationName", "intruder");
            try (Connection c = DriverManager.getConnection(PgServer.url(shop.targetDb), intruder);
                    Statement s = c.createStatement()) {
                s.executeUpdate("delete from customers where id = -1");
                s.execute("create table scratch (id int)");
                s.execute("truncate scratch");
                s.execute("drop table scratch");
            }
            assertThat(shop.forbiddenStatements())
                    .contains(
                            "DELETE on customers by intruder",
                            "DDL CREATE TABLE by intruder",
                            "DDL DROP TABLE by intruder");
            assertThat(shop.checksum()).isEqualTo(before);
            shop.harnessSql("update customers set notes = notes || '.' where id = 1");
            assertThat(shop.checksum()).isNotEqualTo(before);
            try (Connection c = DriverManager.getConnection(PgServer.url(shop.targetDb), intruder);
                    Statement s = c.createStatement()) {
                s.execute("truncate app_secrets");
            }
            assertThat(shop.forbiddenStatements()).contains("TRUNCATE on app_secrets by intruder");
        }
    }
}
