package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.user.UserContext;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per user and per tenant (bucket4j, in memory). A request takes one token from the user's
 * bucket and one from the tenant's; when either is empty the answer is 429 with the seconds to wait.
 * Users are keyed by tenant and id, so equal user ids of two tenants never share a bucket. Thread-safe.
 */
final class RateLimiter {

    /** Above this many buckets, full ones (which hold no state worth keeping) are dropped. */
    private static final int SWEEP_ABOVE = 100_000;

    private final HttpConfig.RateLimit perUser;
    private final HttpConfig.RateLimit perTenant;
    private final ConcurrentHashMap<String, Bucket> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> tenants = new ConcurrentHashMap<>();

    RateLimiter(HttpConfig.RateLimit perUser, HttpConfig.RateLimit perTenant) {
        this.perUser = perUser;
        this.perTenant = perTenant;
    }

    /** Takes a token for this caller: empty when allowed, else the seconds to wait. */
    OptionalLong acquire(UserContext user) {
        sweep(users, perUser);
        sweep(tenants, perTenant);
        String tenant = user.tenantId().orElse("");
        Bucket userBucket = users.computeIfAbsent(tenant + "\n" + user.userId(), k -> bucket(perUser));
        ConsumptionProbe probe = userBucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return OptionalLong.of(seconds(probe));
        }
        Optional<Bucket> tenantBucket = user.tenantId().map(t -> tenants.computeIfAbsent(t, k -> bucket(perTenant)));
        if (tenantBucket.isPresent()) {
            ConsumptionProbe tenantProbe = tenantBucket.get().tryConsumeAndReturnRemaining(1);
            if (!tenantProbe.isConsumed()) {
                // the tenant refused: give the user's token back
                userBucket.addTokens(1);
                return OptionalLong.of(seconds(tenantProbe));
            }
        }
        return OptionalLong.empty();
    }

    private static void sweep(ConcurrentHashMap<String, Bucket> buckets, HttpConfig.RateLimit limit) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.requests());
        }
    }

    private static Bucket bucket(HttpConfig.RateLimit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .build();
    }

    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
