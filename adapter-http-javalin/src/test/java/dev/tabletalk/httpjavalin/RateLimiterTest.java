package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.user.UserContext;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void usersAreLimitedPerTenantAndUserIdAndTenantsAsAWhole() {
        RateLimiter limiter = new RateLimiter(
                HttpConfig.RateLimit.perMinute(2), HttpConfig.RateLimit.perMinute(3), new MemoryTokenBuckets());
        UserContext ada = UserContext.of("ada", "editor", "1");
        assertThat(limiter.acquire(ada)).isEmpty();
        assertThat(limiter.acquire(ada)).isEmpty();
        assertThat(limiter.acquire(ada).getAsLong()).isBetween(1L, 60L);
        // the same id in another tenant is another user
        assertThat(limiter.acquire(UserContext.of("ada", "editor", "2"))).isEmpty();
        // tenant 1 has one token left: bob takes it, then the tenant is empty for bob and carl
        UserContext bob = UserContext.of("bob", "editor", "1");
        assertThat(limiter.acquire(bob)).isEmpty();
        assertThat(limiter.acquire(bob)).isPresent();
        assertThat(limiter.acquire(UserContext.of("carl", "viewer", "1"))).isPresent();
    }
}
