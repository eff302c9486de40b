package dev.tabletalk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityCatalogTest {

    private static Entity table(String schema, String name, Exposure exposure) {
        return new Entity(
                schema,
                name,
                EntityKind.TABLE,
                List.of(
                        Column.builder("id", ValueType.INTEGER).build(),
                        Column.builder("secret_token", ValueType.TEXT)
                                .exposure(ColumnExposure.HIDDEN, "secret")
                                .build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                exposure,
                "test",
                exposure == Exposure.HIDDEN ? Form.empty() : Form.empty());
    }

    @Test
    void hiddenEntitiesCannotBeFoundByAnyName() {
        EntityCatalog catalog = EntityCatalog.of(List.of(table("public", "users_auth", Exposure.HIDDEN)));

        assertThat(catalog.find("users_auth")).isEmpty();
        assertThat(catalog.find("public.users_auth")).isEmpty();
        assertThat(catalog.find("USERS_AUTH")).isEmpty();
        assertThat(catalog.exposedEntities()).isEmpty();
    }

    @Test
    void twoTablesOfOneNameInTwoSchemasAreReferencedBySchema() {
        EntityCatalog catalog = EntityCatalog.of(
                List.of(table("sales", "orders", Exposure.READ_WRITE), table("archive", "orders", Exposure.READ_ONLY)));

        assertThat(catalog.find("orders")).isEmpty();
        assertThat(catalog.find("sales.orders")).map(Entity::schema).contains("sales");
        assertThat(catalog.find("archive.orders")).map(Entity::schema).contains("archive");
        assertThat(catalog.referenceOf(catalog.find("sales.orders").orElseThrow()))
                .isEqualTo("sales.orders");
    }

    @Test
    void lookalikeNamesDoNotResolve() {
        EntityCatalog catalog = EntityCatalog.of(List.of(table("public", "customers", Exposure.READ_WRITE)));

        assertThat(catalog.find("customers")).isPresent();
        assertThat(catalog.find("Customers")).isPresent();
        assertThat(catalog.find("cust\u043Emers")).isEmpty();
        assertThat(catalog.find("customers\u200B")).isEmpty();
        assertThat(catalog.find("customers; DROP TABLE orders")).isEmpty();
    }

    @Test
    void hiddenColumnsAreNotVisible() {
        Entity entity = table("public", "customers", Exposure.READ_WRITE);

        assertThat(entity.visibleColumn("secret_token")).isEmpty();
        assertThat(entity.visibleColumn("ID")).isPresent();
        assertThat(FieldNames.resolve(entity, "secret token")).isEmpty();
    }

    @Test
    void theFingerprintFollowsTheSchema() {
        EntityCatalog one = EntityCatalog.of(List.of(table("public", "a", Exposure.READ_WRITE)));
        EntityCatalog same = EntityCatalog.of(List.of(table("public", "a", Exposure.READ_WRITE)));
        EntityCatalog other = EntityCatalog.of(List.of(table("public", "b", Exposure.READ_WRITE)));

        assertThat(one.fingerprint()).isEqualTo(same.fingerprint()).isNotEqualTo(other.fingerprint());
    }
}
