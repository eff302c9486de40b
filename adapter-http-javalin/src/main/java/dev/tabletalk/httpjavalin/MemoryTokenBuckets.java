package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.TokenBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link TokenBuckets} of one process (bucket4j, in memory): the default when the servers share no store. Above
 * {@value #SWEEP_ABOVE} buckets, full ones (which hold no state worth keeping) are dropped, at most once every
 * {@link #SWEEP_EVERY}: with that many buckets busy at once, a take never pays for a look at all of them. Thread-safe.
 */
final class MemoryTokenBuckets implements TokenBuckets {

    static final int SWEEP_ABOVE = 100_000;
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    /** When the next sweep may run ({@link System#nanoTime()} scale). */
    private final AtomicLong nextSweep;
    /** How many sweeps have run (for tests). */
    private final AtomicLong sweeps = new AtomicLong();

    MemoryTokenBuckets() {
        this(System::nanoTime);
    }

    /** Buckets whose sweeps are spaced by {@code nanoTime} (a test's clock); the buckets refill by bucket4j's own. */
    MemoryTokenBuckets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong());
    }

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

    /** How many sweeps have run. */
    long sweeps() {
        return sweeps.get();
    }

    /** How many buckets are kept. */
    int size() {
        return buckets.size();
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
        if (buckets.size() <= SWEEP_ABOVE) {
            return;
        }
        long now = nanoTime.getAsLong();
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY.toNanos())) {
            return;
        }
        sweeps.incrementAndGet();
        buckets.values().removeIf(held -> held.bucket().getAvailableTokens() >= held.capacity());
    }

    /** A bucket and the capacity it was made with. */
    private record Held(Bucket bucket, long capacity) {}
}
