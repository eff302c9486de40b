package dev.tabletalk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.httpjavalin.HttpConfig;
import dev.tabletalk.plannerllm.PlannerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** tabletalk.yaml's defaults (written once, in its JSON Schema) are the adapters' own defaults. */
class SettingsDefaultsTest {

    private static final TableTalkConfig DEFAULTS =
            ConfigLoader.load(Optional.empty(), Map.of(), List.of()).orThrow().config();

    @Test
    void theHttpDefaultsAreTheHttpAdaptersDefaults() {
        HttpConfig adapter = HttpConfig.defaults();
        TableTalkConfig.Http http = DEFAULTS.http();
        assertThat(http.host()).isEqualTo(adapter.host());
        assertThat(http.port()).isEqualTo(adapter.port());
        assertThat(http.auth().mode()).isEqualTo(adapter.authMode().name().toLowerCase(java.util.Locale.ROOT));
        assertThat(http.rateLimits().perUser().requests())
                .isEqualTo(adapter.userRateLimit().requests());
        assertThat(http.rateLimits().perUser().period())
                .isEqualTo(adapter.userRateLimit().period());
        assertThat(http.rateLimits().perTenant().requests())
                .isEqualTo(adapter.tenantRateLimit().requests());
        assertThat(http.maxBodyBytes()).isEqualTo(adapter.maxBodyBytes());
        assertThat(http.maxContextHeaderBytes()).isEqualTo(adapter.maxContextHeaderBytes());
        assertThat(new HttpConfig.RequestTimeouts(
                        http.timeouts().idle(),
                        http.timeouts().body(),
                        http.timeouts().minBytesPerSecond(),
                        http.timeouts().headers()))
                .isEqualTo(adapter.timeouts());
        assertThat(new HttpConfig.AuthFailureAudit(
                        http.authFailureAudit().perSource(),
                        http.authFailureAudit().window()))
                .isEqualTo(adapter.authFailureAudit());
        assertThat(DEFAULTS.admin().token()).isEmpty();
        assertThat(http.connectTargets()).isEmpty();
        assertThat(http.threads()).isEqualTo(adapter.threads()).isEqualTo(HttpConfig.GROWING_THREADS);
    }

    @Test
    void thePlannerDefaultsAreTheLlmPlannersDefaults() {
        TableTalkConfig.Planner planner = DEFAULTS.planner();
        assertThat(planner.timeout()).isEqualTo(PlannerConfig.DEFAULT_TIMEOUT);
        assertThat(planner.maxRetries()).isEqualTo(PlannerConfig.DEFAULT_MAX_RETRIES);
        assertThat(planner.tokenBudget()).isEqualTo(PlannerConfig.DEFAULT_TOKEN_BUDGET);
        assertThat(planner.maxCandidates()).isEqualTo(PlannerConfig.DEFAULT_MAX_CANDIDATES);
        assertThat(planner.isRules()).isTrue();
    }
}
