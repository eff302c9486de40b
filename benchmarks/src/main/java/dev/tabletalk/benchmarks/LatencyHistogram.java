package dev.tabletalk.benchmarks;

/**
 * Latencies counted in 0.1 ms buckets up to 60 s (the last bucket holds everything slower), allocated once: a soak's
 * own bookkeeping must not grow the heap it measures. Thread-safe.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 600_000;

    private final int[] counts = new int[BUCKETS];
    private long total;

    synchronized void record(long nanos) {
        counts[(int) Math.min(BUCKETS - 1, Math.max(0, nanos / BUCKET_NANOS))]++;
        total++;
    }

    synchronized long count() {
        return total;
    }

    /** The {@code percent}th percentile in milliseconds (the upper edge of its bucket), NaN when empty. */
    synchronized double percentileMillis(double percent) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percent / 100));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }
}
