package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.schemacatalog.CatalogOptions;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class TableTalkBuilderTest {

    @Test
    void aNonPositiveQueryCostIsRefusedAtOnce() {
        Assertions.assertThatThrownBy(() -> TableTalk.builder().maxQueryCost(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("positive");
        Assertions.assertThatThrownBy(() -> TableTalk.builder().maxQueryCost(Double.NaN))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void refusesToBuildWithoutATargetDatabase() {
        assertThatThrownBy(() -> TableTalk.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no target database");
    }

    @Test
    void refusesATenantColumnThatDiffersBetweenCatalogAndLimits() {
        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase("jdbc:h2:mem:never_opened")
                        .limits(Limits.defaults().withTenantColumn("tenant_id"))
                        .catalogOptions(CatalogOptions.defaults())
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tenant column");
    }

    @Test
    void refusesAnUnknownPlanner() {
        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase("jdbc:h2:mem:never_opened")
                        .planner("magic")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown planner 'magic'");
    }

    @Test
    void refusesAnUnsupportedDatabaseUrlWithoutEchoingIt() {
        assertThatThrownBy(() -> TableTalk.builder()
                        .targetDatabase("jdbc:oracle:thin:scott/tiger@host:1521/x")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .message()
                .doesNotContain("tiger");
    }
}
