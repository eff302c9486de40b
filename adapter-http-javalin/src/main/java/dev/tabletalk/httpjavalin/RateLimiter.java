package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.TokenBuckets;
import dev.tabletalk.core.user.UserContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rate limits per user and per tenant over {@link TokenBuckets} (in memory, or shared by every server). A request
 * takes one token from the user's bucket and one from the tenant's, or none ({@link TokenBuckets#takeAll}); when
 * either is empty the answer is 429 with the seconds to wait. Users are keyed by tenant and id, so equal user ids of
 * two tenants never share a bucket. Thread-safe.
 */
final class RateLimiter {

    private final HttpConfig.RateLimit perUser;
    private final HttpConfig.RateLimit perTenant;
    private final TokenBuckets buckets;

    RateLimiter(HttpConfig.RateLimit perUser, HttpConfig.RateLimit perTenant, TokenBuckets buckets) {
        this.perUser = Objects.requireNonNull(perUser, "perUser");
        this.perTenant = Objects.requireNonNull(perTenant, "perTenant");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    /**
     * Takes a token for this caller: empty when allowed, else the seconds to wait.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when shared buckets cannot be reached (the
     *     request is refused with 503, never let through)
     */
    OptionalLong acquire(UserContext user) {
        // the user's bucket first: when both are empty, the wait said is the user's own
        TokenBuckets.Limit userLimit = new TokenBuckets.Limit(
                "user\n" + user.tenantId().orElse("") + "\n" + user.userId(), perUser.requests(), perUser.period());
        List<TokenBuckets.Limit> limits = user.tenantId()
                .map(tenant -> List.of(
                        userLimit,
                        new TokenBuckets.Limit("tenant\n" + tenant, perTenant.requests(), perTenant.period())))
                .orElse(List.of(userLimit));
        Optional<Duration> wait = buckets.takeAll(limits);
        return wait.isPresent() ? OptionalLong.of(seconds(wait.get())) : OptionalLong.empty();
    }

    private static long seconds(Duration wait) {
        return Math.max(1, wait.plusNanos(999_999_999L).getSeconds());
    }
}
