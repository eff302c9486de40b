package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import org.junit.jupiter.api.Test;

/** The adjective keys the schema index computes once: boolean fields by key, enum values of every entity. */
class SchemaIndexTest {

    private static final SchemaIndex SAKILA = SchemaIndex.of(SampleSchemas.sakila(), "company_id");

    private static EntityInfo entity(String name) {
        return SAKILA.entities().stream()
                .filter(e -> e.name().endsWith(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void booleanFieldsAreKeyedByTheAdjectiveTheyName() {
        assertThat(SchemaIndex.flagKey(entity("customer").column("activebool").orElseThrow()))
                .isEqualTo("active");
        assertThat(entity("customer").flagKeys()).containsOnlyKeys("active");
        assertThat(entity("staff").flagKeys().get("active").name()).isEqualTo("active");
        assertThat(entity("film").flagKeys()).isEmpty();
    }

    @Test
    void adjectivesOfAnyEntityAreKnownToTheIndex() {
        assertThat(SAKILA.isFlagKey("active")).isTrue();
        assertThat(SAKILA.isFlagKey("customer")).isFalse();
        assertThat(SAKILA.isEnumValue("pg-13")).isTrue();
        assertThat(SAKILA.isEnumValue("PG")).isTrue();
        assertThat(SAKILA.isEnumValue("XXX")).isFalse();
    }
}
