package dev.tabletalk.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final Filter GERMANY = Filter.eq("country", "Germany");

    @Test
    void depthCountsEachAnyOfNotAndLinkAroundAFilter() {
        assertThat(GERMANY.depth()).isEqualTo(1);
        assertThat(Not.of(AnyOf.of(GERMANY, Filter.eq("country", "France"))).depth())
                .isEqualTo(3);
        assertThat(Related.of("customer_id", "customers", Related.of("country_id", "countries", GERMANY))
                        .depth())
                .isEqualTo(3);
    }

    @Test
    void aLinkIsFoundAnywhereInTheTreeAndOnlyThere() {
        assertThat(GERMANY.hasLink()).isFalse();
        assertThat(Not.of(AnyOf.of(GERMANY, Filter.eq("city", "Berlin"))).hasLink())
                .isFalse();
        assertThat(Not.of(AnyOf.of(GERMANY, Related.of("customer_id", "customers", GERMANY)))
                        .hasLink())
                .isTrue();
    }
}
