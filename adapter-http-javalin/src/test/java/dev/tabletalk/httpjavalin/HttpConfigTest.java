package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.AuthFlood;
import dev.tabletalk.core.port.in.CatalogView;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.identity.AuthMode;
import dev.tabletalk.identity.HmacSettings;
import dev.tabletalk.identity.JwtSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

    private static final Conversations ECHO = request -> new Reply("s_1", Stage.IDLE, request.message(), List.of());
    private static final CatalogView EMPTY = user -> new SchemaView("f", List.of());
    private static final SecurityEvents NO_EVENTS = new SecurityEvents() {
        @Override
        public void authenticationFailed(AuthFailure failure) {}

        @Override
        public void authenticationFlood(AuthFlood flood) {}

        @Override
        public void requestAnswered(AdapterEvent event) {}
    };

    @Test
    void theDefaultsAreSafe() {
        HttpConfig config = HttpConfig.defaults();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.authMode()).isEqualTo(AuthMode.DEV);
        assertThat(config.forceDevOnNonLoopback()).isFalse();
        assertThat(config.maxContextHeaderBytes()).isEqualTo(4096);
        assertThat(config.connectEnabled()).isFalse();
        assertThat(config.userRateLimit().requests()).isEqualTo(30);
    }

    @Test
    void devIdentityOnANonLoopbackAddressIsRefusedUnlessForced() {
        assertThatThrownBy(() -> HttpServer.create(
                        ECHO,
                        EMPTY,
                        NO_EVENTS,
                        HttpConfig.builder().host("0.0.0.0").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("loopback");
        try (HttpServer forced = HttpServer.create(
                ECHO,
                EMPTY,
                NO_EVENTS,
                HttpConfig.builder()
                        .host("0.0.0.0")
                        .forceDevOnNonLoopback(true)
                        .port(0)
                        .build())) {
            assertThat(forced.config().forceDevOnNonLoopback()).isTrue();
        }
        try (HttpServer signed = HttpServer.create(
                ECHO,
                EMPTY,
                NO_EVENTS,
                HttpConfig.builder()
                        .host("0.0.0.0")
                        .hmac(HmacSettings.of("k", "a-secret-of-at-least-thirty-two-bytes"))
                        .build())) {
            assertThat(signed.config().authMode()).isEqualTo(AuthMode.HMAC);
        }
    }

    @Test
    void jwtAndHmacModesNeedTheirKeys() {
        assertThatThrownBy(() -> HttpConfig.builder().authMode(AuthMode.JWT).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> HttpConfig.builder().authMode(AuthMode.HMAC).build())
                .isInstanceOf(ConfigurationException.class);
        // the settings' own checks are tested in identity (IdentitySettingsTest)
        assertThatThrownBy(() -> HttpServer.create(
                        ECHO,
                        EMPTY,
                        NO_EVENTS,
                        HttpConfig.builder()
                                .jwt(JwtSettings.withJwksFile("iss", "aud", Path.of("does-not-exist.json")))
                                .build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWKS");
    }

    @Test
    void secretsNeverAppearInToString() {
        HttpConfig config = HttpConfig.builder()
                .jwt(new JwtSettings(
                        "iss",
                        "aud",
                        Optional.of("jwt-secret-value-of-32-bytes-or-more"),
                        Optional.empty(),
                        Optional.of(URI.create("https://idp.example/jwks")),
                        Duration.ofSeconds(30)))
                .build();
        assertThat(config.toString()).doesNotContain("jwt-secret-value");
        HttpConfig hmac = HttpConfig.builder()
                .hmac(new HmacSettings(Map.of("gw", "hmac-secret-value-of-32-bytes-or-more"), Duration.ofSeconds(300)))
                .build();
        assertThat(hmac.toString()).contains("gw").doesNotContain("hmac-secret-value");
    }

    @Test
    void aPortInUseIsAConfigurationErrorAndAStoppedServerStaysStopped() {
        try (HttpServer first = HttpServer.create(
                        ECHO, EMPTY, NO_EVENTS, HttpConfig.builder().port(0).build())
                .start()) {
            HttpServer second = HttpServer.create(
                    ECHO,
                    EMPTY,
                    NO_EVENTS,
                    HttpConfig.builder().port(first.port()).build());
            assertThatThrownBy(second::start)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("in use");
            second.stop();
            first.stop();
            assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(first::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void requestDeadlinesAndTheOperatorTokenHaveSaneDefaultsAndLimits() {
        HttpConfig defaults = HttpConfig.defaults();
        // PUB-104: a silent client is cut off after 10 s, a body takes at most 20 s at no less than 512 B/s
        assertThat(defaults.timeouts().idle()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.timeouts().body()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.timeouts().minBytesPerSecond()).isEqualTo(512);
        // and a new connection's first request headers must be complete within 10 s, however they trickle in
        assertThat(defaults.timeouts().headers()).isEqualTo(Duration.ofSeconds(10));
        // PUB-105: 10 refused identities per source a minute one by one, then one flood record
        assertThat(defaults.authFailureAudit().perSource()).isEqualTo(10);
        assertThat(defaults.authFailureAudit().window()).isEqualTo(Duration.ofMinutes(1));
        // PUB-108: no operator token, no /admin routes
        assertThat(defaults.adminToken()).isEmpty();
        assertThat(defaults.connectEnabled()).isFalse();
        HttpConfig operator = HttpConfig.builder()
                .adminToken("t".repeat(40))
                .connectTargets(Set.of("DB1.internal:5432", "[::1]:5432"))
                .build();
        assertThat(operator.connectEnabled()).isTrue();
        assertThat(operator.connectTargets()).containsExactlyInAnyOrder("db1.internal:5432", "[::1]:5432");
        assertThat(operator.toString()).doesNotContain("tttt").contains("adminToken=(set)");
        assertThatThrownBy(() -> HttpConfig.builder().adminToken("short").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TABLETALK_ADMIN_TOKEN");
        assertThatThrownBy(() -> HttpConfig.builder()
                        .connectTargets(Set.of("db1.internal"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> new HttpConfig.RequestTimeouts(Duration.ZERO, Duration.ofSeconds(1), 0))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new HttpConfig.RequestTimeouts(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMillis(10)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void rateLimitsAreReadAsTheConfigurationFileWritesThem() {
        assertThat(HttpConfig.RateLimit.parse("30/min")).isEqualTo(HttpConfig.RateLimit.perMinute(30));
        assertThat(HttpConfig.RateLimit.parse(" 300 / minute ")).isEqualTo(HttpConfig.RateLimit.perMinute(300));
        assertThat(HttpConfig.RateLimit.parse("5/s")).isEqualTo(new HttpConfig.RateLimit(5, Duration.ofSeconds(1)));
        assertThat(HttpConfig.RateLimit.parse("100/10s"))
                .isEqualTo(new HttpConfig.RateLimit(100, Duration.ofSeconds(10)));
        assertThat(HttpConfig.RateLimit.parse("1000/h")).isEqualTo(new HttpConfig.RateLimit(1000, Duration.ofHours(1)));
        HttpConfig config = HttpConfig.builder()
                .userRateLimit(HttpConfig.RateLimit.parse("10/min"))
                .tenantRateLimit(HttpConfig.RateLimit.parse("100/min"))
                .build();
        assertThat(config.userRateLimit().requests()).isEqualTo(10);
        assertThat(config.tenantRateLimit().requests()).isEqualTo(100);
        for (String bad : List.of("30", "30/day", "-1/min", "0/min", "30/0s", "thirty/min", "99999999999999/min")) {
            assertThatThrownBy(() -> HttpConfig.RateLimit.parse(bad))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void aPoolTooSmallOrTooLargeIsRefusedSayingWhatIsAccepted() {
        for (int threads : new int[] {-1, 1, HttpConfig.MIN_FIXED_THREADS - 1, HttpConfig.MAX_FIXED_THREADS + 1}) {
            assertThatThrownBy(() -> HttpConfig.builder().threads(threads).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("http.threads must be 0")
                    .hasMessageContaining("from 16 to 10000")
                    .hasMessageContaining("not " + threads);
        }
        assertThat(HttpConfig.builder().threads(16).build().threads()).isEqualTo(16);
        assertThat(HttpConfig.defaults().threads()).isEqualTo(HttpConfig.GROWING_THREADS);
    }
}
