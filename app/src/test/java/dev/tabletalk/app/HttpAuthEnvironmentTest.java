package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.identity.AuthMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpAuthEnvironmentTest {

    private static HttpConfig.Builder auth(AuthMode mode, Map<String, String> environment) {
        return HttpAuthEnvironment.auth(HttpConfig.builder(), mode, environment);
    }

    @Test
    void authKeysComeFromTheEnvironment() {
        HttpConfig jwt = auth(
                        AuthMode.JWT,
                        Map.of(
                                "TABLETALK_JWT_ISSUER",
                                "https://idp",
                                "TABLETALK_JWT_AUDIENCE",
                                "db-agent",
                                "TABLETALK_JWT_JWKS",
                                "https://idp/jwks.json"))
                .build();
        assertThat(jwt.authMode()).isEqualTo(AuthMode.JWT);
        assertThat(jwt.jwt()).hasValueSatisfying(j -> {
            assertThat(j.jwksUrl()).contains(URI.create("https://idp/jwks.json"));
            assertThat(j.hs256Secret()).isEmpty();
            assertThat(j.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        });
        HttpConfig jwks = auth(
                        AuthMode.JWT,
                        Map.of(
                                "TABLETALK_JWT_ISSUER",
                                "i",
                                "TABLETALK_JWT_AUDIENCE",
                                "a",
                                "TABLETALK_JWT_JWKS",
                                "/etc/tabletalk/jwks.json"))
                .build();
        assertThat(jwks.jwt().orElseThrow().jwksFile()).contains(Path.of("/etc/tabletalk/jwks.json"));
        assertThatThrownBy(() -> auth(AuthMode.JWT, Map.of("TABLETALK_JWT_ISSUER", "i")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TABLETALK_JWT_AUDIENCE");

        HttpConfig hmac = auth(
                        AuthMode.HMAC,
                        Map.of(
                                "TABLETALK_HMAC_KEYS",
                                "gw1=first-secret-of-32-bytes-or-more-here, gw2=second-secret-of-32-bytes-or-more=x"))
                .build();
        assertThat(hmac.hmac().orElseThrow().keys())
                .containsOnlyKeys("gw1", "gw2")
                .containsEntry("gw2", "second-secret-of-32-bytes-or-more=x");
        assertThatThrownBy(() -> auth(AuthMode.HMAC, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TABLETALK_HMAC_KEYS");
        assertThat(auth(AuthMode.DEV, Map.of()).build().authMode()).isEqualTo(AuthMode.DEV);
    }
}
