package dev.tabletalk.identity;

import dev.tabletalk.core.error.ConfigurationException;
import java.time.Clock;
import java.util.Objects;

/**
 * Creates the {@link IdentityVerifier} of a mode: the unsigned dev header, a JWT (nimbus-jose-jwt) or the
 * HMAC-signed context header. Every mode judges the claims alike ({@code user_id}, {@code user_role},
 * {@code company_id}; the tenant comes only from them, invariant 7). Where a dev identity may be used (a loopback
 * bind only, say) is the adapter's decision.
 */
public final class IdentityVerifiers {

    private IdentityVerifiers() {}

    /**
     * The verifier of these settings, on the system clock.
     *
     * @throws ConfigurationException when the JWT keys cannot be read
     */
    public static IdentityVerifier create(IdentitySettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /**
     * The verifier of these settings, on this clock (for token expiry and signed timestamps).
     *
     * @throws ConfigurationException when the JWT keys cannot be read
     */
    public static IdentityVerifier create(IdentitySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        switch (settings.mode()) {
            case DEV:
                return new DevVerifier(settings.maxContextHeaderBytes());
            case JWT:
                return new JwtVerifier(settings.jwt().orElseThrow(), clock);
            case HMAC:
                return new HmacVerifier(settings.hmac().orElseThrow(), settings.maxContextHeaderBytes(), clock);
            default:
                throw new IllegalStateException("unknown auth mode " + settings.mode());
        }
    }
}
