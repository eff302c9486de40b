package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryTokenBucketsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aboveTheThresholdFullBucketsAreDroppedAtMostOnceASecondAndBusyOnesKept() {
        AtomicLong nanos = new AtomicLong(1_000);
        MemoryTokenBuckets buckets = new MemoryTokenBuckets(nanos::get);
        int count = MemoryTokenBuckets.SWEEP_ABOVE + 2;
        for (int i = 0; i < count; i++) {
            assertThat(buckets.take("user-" + i, 2, HOUR)).isEmpty(); // one of two tokens left: not full
        }
        assertThat(buckets.sweeps())
                .as("the take after the threshold swept, and found nothing full")
                .isEqualTo(1);

        for (int i = 0; i < 1_000; i++) {
            buckets.take("user-" + i, 2, HOUR);
        }
        assertThat(buckets.sweeps())
                .as("1,000 takes within the second do not each look at every bucket")
                .isEqualTo(1);

        for (int i = 1_000; i < count; i += 2) {
            buckets.giveBack("user-" + i, 2, HOUR); // full again
        }
        nanos.addAndGet(MemoryTokenBuckets.SWEEP_EVERY.toNanos());
        assertThat(buckets.take("user-0", 2, HOUR))
                .as("user-0 has taken both of its tokens")
                .isPresent();

        assertThat(buckets.sweeps()).isEqualTo(2);
        assertThat(buckets.size()).as("the full buckets dropped").isEqualTo(1_000 + (count - 1_000) / 2);
        assertThat(buckets.take("user-1001", 2, HOUR))
                .as("a bucket kept keeps its tokens")
                .isEmpty();
        assertThat(buckets.take("user-1001", 2, HOUR)).isPresent();
        assertThat(buckets.take("user-1000", 2, HOUR))
                .as("a dropped bucket comes back full")
                .isEmpty();
        assertThat(buckets.take("user-1000", 2, HOUR)).isEmpty();
    }
}
