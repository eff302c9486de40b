package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

    @Test
    void jwtAndHmacModesNeedTheirKeys() {
        assertThatThrownBy(() -> new IdentitySettings(AuthMode.JWT, Optional.empty(), Optional.empty(), 4096))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwt");
        assertThatThrownBy(() -> new IdentitySettings(AuthMode.HMAC, Optional.empty(), Optional.empty(), 4096))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hmac");
        assertThatThrownBy(() -> JwtSettings.of("iss", "aud", "too-short"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> HmacSettings.of("k", "short")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new JwtSettings(
                        "iss", "aud", Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWKS");
        assertThatThrownBy(() -> new JwtSettings(
                        "iss",
                        "aud",
                        Optional.empty(),
                        Optional.of(Path.of("k.json")),
                        Optional.of(URI.create("https://idp/jwks")),
                        Duration.ofSeconds(30)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() ->
                        new HmacSettings(Map.of("k", "a-secret-of-at-least-thirty-two-bytes"), Duration.ofMinutes(16)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theContextHeaderLimitStaysWithinItsRange() {
        assertThat(IdentitySettings.dev().maxContextHeaderBytes()).isEqualTo(4096);
        assertThat(IdentitySettings.dev().mode()).isEqualTo(AuthMode.DEV);
        assertThatThrownBy(() -> new IdentitySettings(AuthMode.DEV, Optional.empty(), Optional.empty(), 255))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("context header limit");
        assertThatThrownBy(() -> new IdentitySettings(AuthMode.DEV, Optional.empty(), Optional.empty(), 8193))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void secretsNeverAppearInToString() {
        JwtSettings jwt = new JwtSettings(
                "iss",
                "aud",
                Optional.of("jwt-secret-value-of-32-bytes-or-more"),
                Optional.empty(),
                Optional.of(URI.create("https://idp.example/jwks")),
                Duration.ofSeconds(30));
        assertThat(jwt.toString()).contains("(set)").doesNotContain("jwt-secret-value");
        assertThat(IdentitySettings.jwt(jwt).toString()).doesNotContain("jwt-secret-value");
        HmacSettings hmac =
                new HmacSettings(Map.of("gw", "hmac-secret-value-of-32-bytes-or-more"), Duration.ofSeconds(300));
        assertThat(hmac.toString()).contains("gw").doesNotContain("hmac-secret-value");
        assertThat(IdentitySettings.hmac(hmac).toString()).doesNotContain("hmac-secret-value");
    }

    @Test
    void authModesHaveTheirCliNames() {
        assertThat(AuthMode.fromName("jwt")).contains(AuthMode.JWT);
        assertThat(AuthMode.fromName("HMAC")).contains(AuthMode.HMAC);
        assertThat(AuthMode.fromName("basic")).isEmpty();
    }

    @Test
    void anUnreadableJwksFileIsAConfigurationError() {
        IdentitySettings settings =
                IdentitySettings.jwt(JwtSettings.withJwksFile("iss", "aud", Path.of("does-not-exist.json")));
        assertThatThrownBy(() -> IdentityVerifiers.create(settings))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWKS");
    }
}
