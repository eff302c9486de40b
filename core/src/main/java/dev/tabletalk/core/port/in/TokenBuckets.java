package dev.tabletalk.core.port.in;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Token buckets for rate limits, named by a key: {@code capacity} tokens at most, refilled smoothly at
 * {@code capacity} per {@code period}. One process keeps them in memory; several servers behind one load balancer
 * keep them in a store they share, so that N servers never grant N times the limit. The HTTP adapter takes a
 * token per request from each of its limits ({@link #takeAll}) before the request reaches {@link Conversations}.
 *
 * <p>Implementations are thread-safe and safe across processes that share their store: two takes of the last
 * token of one bucket never both succeed. Nulls are never passed or returned.
 */
public interface TokenBuckets {

    /**
     * Takes one token from the bucket {@code key}, creating it full when it does not exist.
     *
     * @param key the bucket, e.g. a user's or a tenant's
     * @param capacity the most tokens the bucket holds (at least 1)
     * @param period the time in which an empty bucket fills again (positive)
     * @return empty when a token was taken; otherwise how long until one will be available
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when a shared store cannot be reached
     */
    Optional<Duration> take(String key, long capacity, Duration period);

    /**
     * Puts back one token taken by {@link #take} (when a second limit refused the same request), never above
     * {@code capacity}.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when a shared store cannot be reached
     */
    void giveBack(String key, long capacity, Duration period);

    /**
     * Takes one token from each of {@code limits}, or keeps none: when a bucket refuses, every token this call took
     * is given back, and the answer is how long until the first bucket that refused (in the order given) has one.
     * A shared store may take from all the buckets at once; this default takes them one after the other.
     *
     * @return empty when a token was taken from every bucket
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when a shared store cannot be reached (tokens
     *     taken before may then stay taken: a failure can only hold back requests, never let more through)
     */
    default Optional<Duration> takeAll(List<Limit> limits) {
        List<Limit> taken = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            Optional<Duration> wait = take(limit.key(), limit.capacity(), limit.period());
            if (wait.isPresent()) {
                for (Limit back : taken) {
                    giveBack(back.key(), back.capacity(), back.period());
                }
                return wait;
            }
            taken.add(limit);
        }
        return Optional.empty();
    }

    /**
     * One rate limit: the bucket {@code key}, holding {@code capacity} tokens at most and refilled at {@code capacity}
     * per {@code period}.
     */
    record Limit(String key, long capacity, Duration period) {

        /**
         * @throws IllegalArgumentException when the capacity is below 1 or the period is not positive
         */
        public Limit {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(period, "period");
            if (capacity < 1) {
                throw new IllegalArgumentException("a bucket holds at least 1 token, not " + capacity);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a bucket's period must be positive, not " + period);
            }
        }
    }
}
