package dev.tabletalk.securitytests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The G5 probe for the database's port finds the port, never the same digits inside an id or a time. */
class DatabasePortTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:5432", "localhost:5432/test", "at \"db\", port 5432 failed", "5432"})
    void findsThePort(String text) {
        assertThat(CaseRun.DATABASE_PORT.matcher(text).find()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"expiresAt=2026-12-04T17:45:49.453005432Z", "pv_5b4f5432ab", "15432", "54321"})
    void leavesTheSameDigitsInsideLongerRuns(String text) {
        assertThat(CaseRun.DATABASE_PORT.matcher(text).find()).isFalse();
    }
}
