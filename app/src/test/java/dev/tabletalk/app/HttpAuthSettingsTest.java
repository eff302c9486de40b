package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.FlagValue;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.identity.AuthMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP identity settings come from the layered configuration; the older variable names keep working. */
class HttpAuthSettingsTest {

    private static HttpConfig auth(String mode, Map<String, String> environment) {
        return HttpAuthSettings.auth(
                        HttpConfig.builder(),
                        ConfigLoader.load(
                                        Optional.empty(),
                                        environment,
                                        List.of(new FlagValue("http.auth.mode", "--auth", mode)))
                                .orThrow()
                                .config()
                                .http()
                                .auth())
                .build();
    }

    @Test
    void authKeysComeFromTheEnvironment() {
        HttpConfig jwt = auth(
                "jwt",
                Map.of(
                        "TABLETALK_JWT_ISSUER", "https://idp",
                        "TABLETALK_JWT_AUDIENCE", "tabletalk",
                        "TABLETALK_JWT_JWKS", "https://idp/jwks.json"));
        assertThat(jwt.authMode()).isEqualTo(AuthMode.JWT);
        assertThat(jwt.jwt()).hasValueSatisfying(j -> {
            assertThat(j.jwksUrl()).contains(URI.create("https://idp/jwks.json"));
            assertThat(j.hs256Secret()).isEmpty();
            assertThat(j.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        });
        HttpConfig jwks = auth(
                "jwt",
                Map.of(
                        "TABLETALK_HTTP_AUTH_JWT_ISSUER", "https://idp",
                        "TABLETALK_HTTP_AUTH_JWT_AUDIENCE", "tabletalk",
                        "TABLETALK_JWT_JWKS", "/etc/tabletalk/jwks.json"));
        assertThat(jwks.jwt().orElseThrow().jwksFile()).contains(Path.of("/etc/tabletalk/jwks.json"));
        assertThatThrownBy(() -> auth("jwt", Map.of("TABLETALK_JWT_ISSUER", "i")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.auth.mode: auth mode jwt needs");

        HttpConfig hmac = auth(
                "hmac",
                Map.of(
                        "TABLETALK_HMAC_KEYS",
                        "k1=first-secret-of-at-least-32-bytes, k2=second-secret-of-at-least-32-bytes"));
        assertThat(hmac.hmac().orElseThrow().keys())
                .containsEntry("k1", "first-secret-of-at-least-32-bytes")
                .containsEntry("k2", "second-secret-of-at-least-32-bytes");
        assertThatThrownBy(() -> auth("hmac", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("auth mode hmac needs http.auth.hmac.keys");
        assertThat(auth("dev", Map.of()).authMode()).isEqualTo(AuthMode.DEV);
    }
}
