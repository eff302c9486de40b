package dev.tabletalk.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.ReadPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastReadTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ReadPlan CUSTOMERS = ReadPlan.of("customers", List.of());
    private static final LastRead PAGE_TWO =
            new LastRead(CUSTOMERS, 2, 100, 100, Optional.of(new Keyset(List.of("id"), List.of(200L))), true);

    @Test
    void isKeptFromTheFirstRowOnly() {
        assertThatThrownBy(() -> new LastRead(CUSTOMERS.withOffset(100), 2, 100, 100, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new LastRead(CUSTOMERS.withAfter(PAGE_TWO.position()), 2, 100, 100, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LastRead(CUSTOMERS, 0, 0, 0, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PAGE_TWO.nextRow()).isEqualTo(201);
    }

    @Test
    void survivesEveryStageAndIsDroppedOnlyOnPurpose() {
        ConversationState reading =
                ConversationState.start("s", "u", Optional.empty(), NOW).withLastRead(PAGE_TWO);
        Draft draft = Draft.start(Intent.CREATE, "products");

        assertThat(reading.collecting(draft, NOW).lastRead()).contains(PAGE_TWO);
        assertThat(reading.collecting(draft, NOW).idle(NOW).lastRead()).contains(PAGE_TWO);
        assertThat(reading.withVersion(4).lastRead()).contains(PAGE_TWO);
        assertThat(reading.withoutLastRead().lastRead()).isEmpty();
        assertThat(ConversationState.start("s", "u", Optional.empty(), NOW).lastRead())
                .isEmpty();
    }
}
