package dev.tabletalk.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nonces of accepted signed requests, each kept for a retention period (at least twice the signature window,
 * so a nonce outlives every timestamp that could carry it). Bounded: when full of unexpired nonces it refuses
 * new ones rather than forgetting one that could then be replayed. Thread-safe.
 */
final class NonceCache {

    /** What {@link #claim} found. */
    enum Claim {
        FRESH,
        REPLAYED,
        FULL
    }

    private final ConcurrentHashMap<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Duration retention;
    private final int capacity;
    private final AtomicInteger claimsSinceSweep = new AtomicInteger();

    NonceCache(Duration retention, int capacity) {
        this.retention = retention;
        this.capacity = capacity;
    }

    /** Claims a nonce at {@code now}: fresh the first time within the retention, replayed after. */
    Claim claim(String nonce, Instant now) {
        if (claimsSinceSweep.incrementAndGet() >= 1024 || expiries.size() >= capacity) {
            claimsSinceSweep.set(0);
            expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        if (expiries.size() >= capacity) {
            return Claim.FULL;
        }
        Instant expiry = now.plus(retention);
        boolean[] fresh = {false};
        expiries.compute(nonce, (key, existing) -> {
            if (existing == null || !existing.isAfter(now)) {
                fresh[0] = true;
                return expiry;
            }
            return existing;
        });
        return fresh[0] ? Claim.FRESH : Claim.REPLAYED;
    }
}
