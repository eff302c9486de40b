package dev.tabletalk.testkit.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The column defaults the fake fills as a database would, {@code current_timestamp} from its clock. */
class InMemoryExecutorDefaultsTest {

    private final FixedClock clock = FixedClock.at("2026-03-01T10:15:30Z");
    private final InMemoryExecutor executor =
            new InMemoryExecutor(ShopFixture.catalog("", FixtureDatabase.H2), Limits.defaults()).setClock(clock);

    @Test
    void testDataGetsTheConstantAndTimestampDefaultsOfTheColumnsItLeavesOut() {
        executor.insert("customers", Map.of("id", 1L, "company_id", ShopFixture.TENANT, "name", "Ada"));

        Map<String, Object> row = executor.storedRows("customers").get(0);

        assertThat(row)
                .containsEntry("status", "active")
                .containsEntry("version", 1L)
                .containsEntry("created_at", OffsetDateTime.parse("2026-03-01T10:15:30Z"));
        assertThat(row.get("notes")).isNull();
    }

    @Test
    void aConfirmedCreateIsStampedByTheClockAtCommitTime() {
        PreviewOutcome.Ready ready = (PreviewOutcome.Ready)
                executor.previewCreate(new CreatePlan("customers", Map.of("name", "Later Ltd")), Users.editor());
        clock.advance(Duration.ofHours(1));

        CommitOutcome.Committed committed =
                (CommitOutcome.Committed) executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN);

        Object id = committed.keys().get(0).values().get("id");
        assertThat(executor.storedRows("customers")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("id", id).containsEntry("status", "active");
            assertThat(row.get("created_at")).isEqualTo(OffsetDateTime.parse("2026-03-01T11:15:30Z"));
        });
    }
}
