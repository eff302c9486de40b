package dev.tabletalk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("invariant-7")
class TenanciesTest {

    private static final String TENANT = "company_id";

    @Test
    void eachEntityGetsExactlyOneTenancyFromTheSchema() {
        EntityCatalog catalog = EntityCatalog.of(List.of(
                table("customers", List.of("id", "company_id")),
                table("orders", List.of("id", "customer_id"), fk("customer_id", "customers")),
                table("order_lines", List.of("id", "order_id"), fk("order_id", "orders")),
                table("line_notes", List.of("id", "line_id"), fk("line_id", "order_lines")),
                table("note_tags", List.of("id", "note_id"), fk("note_id", "line_notes")),
                table("countries", List.of("code", "name")),
                view("customer_names", List.of("id", "name")),
                view("customer_view", List.of("id", "COMPANY_ID"))));
        Tenancies tenancies = catalog.tenancies(TENANT);

        assertThat(tenancies.hasDirect()).isTrue();
        assertThat(kind(catalog, "customers")).isEqualTo("direct");
        assertThat(kind(catalog, "customer_view"))
                .as("a view with the tenant column, any case")
                .isEqualTo("direct");
        assertThat(kind(catalog, "orders")).isEqualTo("via");
        assertThat(kind(catalog, "order_lines")).isEqualTo("via");
        assertThat(kind(catalog, "line_notes")).as("three hops").isEqualTo("via");
        assertThat(kind(catalog, "note_tags")).as("four hops are too many").isEqualTo("shared");
        assertThat(kind(catalog, "countries")).isEqualTo("shared");
        assertThat(kind(catalog, "customer_names")).isEqualTo("hidden");
        assertThat(tenancies.of(catalog.find("line_notes").orElseThrow()).describe())
                .isEqualTo("via line_notes.line_id -> order_lines.order_id -> orders.customer_id -> customers");
    }

    @Test
    void everyPathToATenantTableIsKept() {
        EntityCatalog catalog = EntityCatalog.of(List.of(
                table("orders", List.of("id", "company_id")),
                table("products", List.of("id", "company_id")),
                table(
                        "order_lines",
                        List.of("id", "order_id", "product_id"),
                        fk("order_id", "orders"),
                        fk("product_id", "products"))));

        Tenancy lines = catalog.tenancies(TENANT).of(catalog.find("order_lines").orElseThrow());

        assertThat(lines).isInstanceOf(Tenancy.Via.class);
        assertThat(((Tenancy.Via) lines).paths())
                .extracting(p -> p.owner().name())
                .containsExactly("orders", "products");
    }

    @Test
    void withoutAnyDirectEntityEverythingIsSharedAndTheCallerViewIsReadOnly() {
        EntityCatalog catalog = EntityCatalog.of(List.of(
                table("customers", List.of("id", "name")),
                table("orders", List.of("id", "customer_id"), fk("customer_id", "customers")),
                view("customer_names", List.of("id", "name"))));

        assertThat(catalog.tenancies(TENANT).hasDirect()).isFalse();
        assertThat(catalog.entities())
                .allSatisfy(
                        e -> assertThat(catalog.tenancies(TENANT).of(e).kind()).isEqualTo("shared"));
        EntityCatalog tenantView = catalog.forCaller(true, TENANT);
        assertThat(tenantView.exposedEntities())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.isWritable()).isFalse());
        assertThat(catalog.forCaller(false, TENANT)
                        .find("customers")
                        .orElseThrow()
                        .isWritable())
                .isTrue();
    }

    @Test
    void theCallerViewHidesUntiedViewsAndMakesReferenceDataReadOnly() {
        EntityCatalog catalog = EntityCatalog.of(List.of(
                table("customers", List.of("id", "company_id")),
                table("countries", List.of("code", "name")),
                view("customer_names", List.of("id", "name"))));

        EntityCatalog tenantView = catalog.forCaller(true, TENANT);
        EntityCatalog noTenantView = catalog.forCaller(false, TENANT);

        assertThat(tenantView.find("customer_names")).isEmpty();
        assertThat(noTenantView.find("customer_names")).isEmpty();
        assertThat(tenantView.find("countries").orElseThrow().isWritable()).isFalse();
        assertThat(noTenantView.find("countries").orElseThrow().isWritable()).isTrue();
        assertThat(tenantView.fingerprint()).isEqualTo(catalog.fingerprint());
        assertThat(tenantView.forCaller(true, TENANT)).isSameAs(tenantView);
        assertThat(catalog.forCaller(true, TENANT)).as("cached").isSameAs(tenantView);
    }

    @Test
    void tooManyPathsHideTheEntity() {
        List<Entity> entities = new ArrayList<>();
        List<ForeignKey> keys = new ArrayList<>();
        List<String> columns = new ArrayList<>(List.of("id"));
        for (int i = 0; i <= Tenancies.MAX_PATHS; i++) {
            entities.add(table("owner" + i, List.of("id", "company_id")));
            keys.add(fk("owner" + i + "_id", "owner" + i));
            columns.add("owner" + i + "_id");
        }
        entities.add(table("wide", columns, keys.toArray(ForeignKey[]::new)));
        EntityCatalog catalog = EntityCatalog.of(entities);

        assertThat(kind(catalog, "wide")).isEqualTo("hidden");
    }

    private static String kind(EntityCatalog catalog, String name) {
        Entity entity = catalog.entities().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow();
        return catalog.tenancies(TENANT).of(entity).kind();
    }

    private static ForeignKey fk(String column, String target) {
        return new ForeignKey(column + "_fk", List.of(column), "", target, List.of("id"));
    }

    private static Entity table(String name, List<String> columns, ForeignKey... keys) {
        return entity(name, EntityKind.TABLE, columns, List.of(keys));
    }

    private static Entity view(String name, List<String> columns) {
        return entity(name, EntityKind.VIEW, columns, List.of());
    }

    private static Entity entity(String name, EntityKind kind, List<String> columns, List<ForeignKey> keys) {
        List<Column> built = columns.stream()
                .map(c -> Column.builder(c, ValueType.INTEGER).build())
                .toList();
        String pk = columns.get(0);
        return new Entity(
                "",
                name,
                kind,
                built,
                kind == EntityKind.TABLE ? List.of(pk) : List.of(),
                List.of(),
                List.of(),
                keys,
                Optional.empty(),
                kind == EntityKind.TABLE ? Exposure.READ_WRITE : Exposure.READ_ONLY,
                "test",
                Form.empty());
    }
}
