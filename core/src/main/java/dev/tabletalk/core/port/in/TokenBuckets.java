package dev.tabletalk.core.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets for rate limits, named by a key: {@code capacity} tokens at most, refilled smoothly at
 * {@code capacity} per {@code period}. One process keeps them in memory; several servers behind one load balancer
 * keep them in a store they share, so that N servers never grant N times the limit. The HTTP adapter takes a
 * token per request before the request reaches {@link Conversations}.
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
}
