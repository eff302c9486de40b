package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.TokenBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TokenBuckets} of one process (bucket4j, in memory): the default when the servers share no store. Above
 * {@value #SWEEP_ABOVE} buckets, full ones (which hold no state worth keeping) are dropped. Thread-safe.
 */
final class MemoryTokenBuckets implements TokenBuckets {

    private static final int SWEEP_ABOVE = 100_000;

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();

    @Override
    public Optional<Duration> take(String key, long capacity, Duration period) {
        sweep();
        ConsumptionProbe probe = bucket(key, capacity, period).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void giveBack(String key, long capacity, Duration period) {
        bucket(key, capacity, period).addTokens(1);
    }

    private Bucket bucket(String key, long capacity, Duration period) {
        return buckets.computeIfAbsent(
                        key,
                        k -> new Held(
                                Bucket.builder()
                                        .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period))
                                        .build(),
                                capacity))
                .bucket();
    }

    private void sweep() {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(held -> held.bucket().getAvailableTokens() >= held.capacity());
        }
    }

    /** A bucket and the capacity it was made with. */
    private record Held(Bucket bucket, long capacity) {}
}
