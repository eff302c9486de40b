package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonceCacheTest {

    private final Instant t0 = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void aNonceIsSingleUseForTheWholeRetention() {
        NonceCache cache = new NonceCache(Duration.ofSeconds(600), 10);
        assertThat(cache.claim("n1", t0)).isEqualTo(NonceCache.Claim.FRESH);
        assertThat(cache.claim("n1", t0.plusSeconds(10))).isEqualTo(NonceCache.Claim.REPLAYED);
        assertThat(cache.claim("n1", t0.plusSeconds(599))).isEqualTo(NonceCache.Claim.REPLAYED);
        assertThat(cache.claim("n1", t0.plusSeconds(601))).isEqualTo(NonceCache.Claim.FRESH);
    }

    @Test
    void aFullCacheRefusesInsteadOfForgettingLiveNonces() {
        NonceCache cache = new NonceCache(Duration.ofSeconds(600), 2);
        assertThat(cache.claim("a", t0)).isEqualTo(NonceCache.Claim.FRESH);
        assertThat(cache.claim("b", t0)).isEqualTo(NonceCache.Claim.FRESH);
        assertThat(cache.claim("c", t0)).isEqualTo(NonceCache.Claim.FULL);
        assertThat(cache.claim("a", t0)).isNotEqualTo(NonceCache.Claim.FRESH);
        assertThat(cache.claim("c", t0.plusSeconds(700))).isEqualTo(NonceCache.Claim.FRESH);
    }
}
