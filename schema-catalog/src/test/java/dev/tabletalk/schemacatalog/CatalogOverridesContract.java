package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The catalog's exposure, column, soft-delete and tenancy overrides (#14) on a real database: each kind changes
 * what is exposed, tenancy only tightens, a secret needs allowSecret, and misspelt names name the closest match.
 * Each engine's subclass creates the same small schema: companies and customers (tenant column company_id),
 * orders (via customers), countries (shared), api_tokens (an auth table), event_log (no primary key) and the view
 * customer_names (no tenant column).
 */
abstract class CatalogOverridesContract {

    /** The fixture database. */
    protected abstract DataSource dataSource();

    private EntityCatalog load(CatalogOverrides overrides) {
        return JdbcSchemaCatalog.create(
                        dataSource(),
                        CatalogOptions.builder().overrides(overrides).build())
                .current();
    }

    private static Entity any(EntityCatalog catalog, String name) {
        return catalog.entities().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Column column(Entity entity, String name) {
        return entity.column(name).orElseThrow();
    }

    private String problems(CatalogOverrides overrides) {
        assertThatThrownBy(() -> load(overrides)).isInstanceOf(ConfigurationException.class);
        try {
            load(overrides);
            throw new AssertionError("not refused");
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
    }

    @Test
    @Tag("invariant-6")
    void entityExposureOverridesHideAndMakeReadOnly() {
        EntityCatalog defaults = load(CatalogOverrides.none());
        assertThat(defaults.find("orders").orElseThrow().exposure()).isEqualTo(Exposure.READ_WRITE);
        assertThat(defaults.find("countries")).isPresent();

        EntityCatalog configured = load(CatalogOverrides.builder()
                .entity("orders", EntityOverride.exposure(Exposure.READ_ONLY))
                .entity("countries", EntityOverride.exposure(Exposure.HIDDEN))
                .build());

        Entity orders = configured.find("orders").orElseThrow();
        assertThat(orders.exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(orders.reason()).contains("entities.orders");
        assertThat(orders.form().createRequiredNames()).isEmpty();
        assertThat(configured.find("countries")).isEmpty();
        assertThat(any(configured, "countries").exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(configured.fingerprint()).isNotEqualTo(defaults.fingerprint());
    }

    @Test
    @Tag("invariant-6")
    void columnOverridesHideMaskAndUnmask() {
        Entity defaults = load(CatalogOverrides.none()).find("customers").orElseThrow();
        assertThat(column(defaults, "notes").exposure()).isEqualTo(ColumnExposure.VISIBLE);
        assertThat(column(defaults, "ssn").exposure()).isEqualTo(ColumnExposure.MASKED);

        Entity customers = load(CatalogOverrides.builder()
                        .entity(
                                "customers",
                                EntityOverride.columns(Map.of(
                                        "notes", ColumnOverride.of(ColumnExposure.HIDDEN),
                                        "phone", ColumnOverride.of(ColumnExposure.MASKED),
                                        "ssn", ColumnOverride.of(ColumnExposure.VISIBLE))))
                        .build())
                .find("customers")
                .orElseThrow();

        assertThat(customers.visibleColumn("notes")).isEmpty();
        assertThat(customers.form().readNames()).doesNotContain("notes");
        assertThat(column(customers, "phone").exposure()).isEqualTo(ColumnExposure.MASKED);
        assertThat(customers.form().filterNames()).doesNotContain("phone", "notes");
        assertThat(column(customers, "ssn").exposure()).isEqualTo(ColumnExposure.VISIBLE);
        assertThat(column(customers, "phone").reason()).contains("entities.customers.columns.phone");
    }

    @Test
    @Tag("invariant-6")
    void showingASecretTableOrColumnNeedsAllowSecret() {
        assertThat(load(CatalogOverrides.none()).find("api_tokens")).isEmpty();

        assertThat(problems(CatalogOverrides.builder()
                        .entity("api_tokens", EntityOverride.exposure(Exposure.READ_ONLY))
                        .build()))
                .contains("entities.api_tokens", "allowSecret: true");
        assertThat(problems(CatalogOverrides.builder()
                        .entity(
                                "customers",
                                EntityOverride.columns(
                                        Map.of("password_hash", ColumnOverride.of(ColumnExposure.MASKED))))
                        .build()))
                .contains("entities.customers.columns.password_hash", "allowSecret");

        CatalogOverrides allowed = CatalogOverrides.builder()
                .entity(
                        "api_tokens",
                        EntityOverride.exposure(Exposure.READ_ONLY).withAllowSecret())
                .entity(
                        "customers",
                        EntityOverride.columns(
                                Map.of("password_hash", new ColumnOverride(ColumnExposure.MASKED, true))))
                .build();
        EntityCatalog catalog = load(allowed);
        assertThat(catalog.find("api_tokens").orElseThrow().exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(catalog.find("api_tokens").orElseThrow().reason()).contains("allowSecret");
        assertThat(column(catalog.find("customers").orElseThrow(), "password_hash")
                        .exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(allowed.allowSecretWarnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("entities.api_tokens"))
                .anySatisfy(w -> assertThat(w).contains("entities.customers.columns.password_hash"));
    }

    @Test
    void allowSecretWhereNothingIsSecretIsAMistake() {
        assertThat(problems(CatalogOverrides.builder()
                        .entity(
                                "orders",
                                EntityOverride.exposure(Exposure.READ_ONLY).withAllowSecret())
                        .build()))
                .contains("entities.orders", "remove allowSecret");
    }

    @Test
    @Tag("invariant-7")
    void tenancyOverridesOnlyTighten() {
        assertThat(problems(CatalogOverrides.builder()
                        .tenancy("customers", TenancyOverride.SHARED)
                        .build()))
                .contains("tenancy.entities.customers: tenancy 'shared' would loosen isolation: customers has the "
                        + "tenant column company_id; use 'hidden' or remove the entry");
        assertThat(problems(CatalogOverrides.builder()
                        .tenancy("orders", TenancyOverride.SHARED)
                        .build()))
                .contains("tenancy.entities.orders", "would loosen isolation", "orders.customer_id");
        assertThat(problems(CatalogOverrides.builder()
                        .tenancy("customer_names", TenancyOverride.SHARED)
                        .build()))
                .contains("tenancy.entities.customer_names", "cannot be tied to a tenant");
        assertThat(problems(CatalogOverrides.builder()
                        .tenancy("countries", TenancyOverride.DIRECT)
                        .build()))
                .contains("tenancy.entities.countries", "no tenant column company_id");
        assertThat(problems(CatalogOverrides.builder()
                        .tenancy("customers", TenancyOverride.VIA)
                        .build()))
                .contains("tenancy.entities.customers", "would loosen");
    }

    @Test
    @Tag("invariant-7")
    void tenancyHiddenHidesAndConfirmationsChangeNothing() {
        EntityCatalog defaults = load(CatalogOverrides.none());
        EntityCatalog confirmed = load(CatalogOverrides.builder()
                .tenancy("customers", TenancyOverride.DIRECT)
                .tenancy("orders", TenancyOverride.VIA)
                .tenancy("countries", TenancyOverride.SHARED)
                .build());
        for (Entity entity : defaults.entities()) {
            assertThat(any(confirmed, entity.name()).exposure())
                    .as(entity.name())
                    .isEqualTo(entity.exposure());
        }
        EntityCatalog forTenant = confirmed.forCaller(true, "company_id");
        assertThat(forTenant.find("countries").orElseThrow().exposure()).isEqualTo(Exposure.READ_ONLY);

        EntityCatalog hidden = load(CatalogOverrides.builder()
                .tenancy("orders", TenancyOverride.HIDDEN)
                .tenancy("countries", TenancyOverride.HIDDEN)
                .build());
        assertThat(hidden.find("orders")).isEmpty();
        assertThat(hidden.find("countries")).isEmpty();
        assertThat(hidden.forCaller(false, "company_id").find("orders")).isEmpty();
        assertThat(any(hidden, "orders").reason()).contains("tenancy.entities.orders");
        // the other entities keep their tenancy: paths may pass through a hidden entity
        assertThat(hidden.tenancies("company_id")
                        .of(hidden.find("customers").orElseThrow())
                        .kind())
                .isEqualTo("direct");
    }

    @Test
    @Tag("invariant-6")
    void readWriteNeedsATableWithAVisiblePrimaryKey() {
        assertThat(problems(CatalogOverrides.builder()
                        .entity("customer_names", EntityOverride.exposure(Exposure.READ_WRITE))
                        .build()))
                .contains("entities.customer_names", "is a view");
        assertThat(problems(CatalogOverrides.builder()
                        .entity("event_log", EntityOverride.exposure(Exposure.READ_WRITE))
                        .build()))
                .contains("entities.event_log", "no primary key");
        assertThat(problems(CatalogOverrides.builder()
                        .entity(
                                "orders",
                                new EntityOverride(
                                        Optional.of(Exposure.READ_WRITE),
                                        Map.of("id", ColumnOverride.of(ColumnExposure.HIDDEN)),
                                        Optional.empty(),
                                        false))
                        .build()))
                .contains("entities.orders", "primary key column id is hidden");
    }

    @Test
    void misspeltEntitiesAndColumnsNameTheClosestMatch() {
        String message = problems(CatalogOverrides.builder()
                .entity("custmers", EntityOverride.exposure(Exposure.HIDDEN))
                .entity("orders", EntityOverride.columns(Map.of("statsu", ColumnOverride.of(ColumnExposure.HIDDEN))))
                .tenancy("countrys", TenancyOverride.HIDDEN)
                .build());
        assertThat(message)
                .contains("entities.custmers: no table or view named custmers; did you mean customers?")
                .contains("entities.orders.columns.statsu: no column statsu in orders; did you mean status?")
                .contains("tenancy.entities.countrys: no table or view named countrys; did you mean countries?");
    }

    @Test
    void softDeleteOverridesReplaceTheDetectedMarker() {
        Entity detected = load(CatalogOverrides.none()).find("customers").orElseThrow();
        assertThat(detected.softDelete()).map(SoftDelete::column).contains("archived");

        Entity configured = load(CatalogOverrides.builder()
                        .entity("customers", EntityOverride.softDelete(SoftDeleteOverride.column("removed_on")))
                        .build())
                .find("customers")
                .orElseThrow();
        assertThat(configured.softDelete()).map(SoftDelete::column).contains("removed_on");
        assertThat(configured.softDelete()).map(SoftDelete::kind).contains(SoftDelete.Kind.TIMESTAMP);

        Entity none = load(CatalogOverrides.builder()
                        .entity("customers", EntityOverride.softDelete(SoftDeleteOverride.none()))
                        .build())
                .find("customers")
                .orElseThrow();
        assertThat(none.softDelete()).isEmpty();

        assertThat(problems(CatalogOverrides.builder()
                        .entity("customers", EntityOverride.softDelete(SoftDeleteOverride.column("name")))
                        .build()))
                .contains("entities.customers.softDelete", "neither a timestamp nor a boolean");
    }

    @Test
    void checkReportsEveryProblemWithoutBuilding() {
        CatalogOptions options = CatalogOptions.builder()
                .overrides(CatalogOverrides.builder()
                        .entity("api_tokens", EntityOverride.exposure(Exposure.READ_WRITE))
                        .tenancy("orders", TenancyOverride.SHARED)
                        .tenancy("countries", TenancyOverride.SHARED)
                        .build())
                .build();
        EntityCatalog base = JdbcSchemaCatalog.create(dataSource(), options.withoutOverrides())
                .current();

        List<OverrideProblem> problems = options.overrides().check(base, options);

        assertThat(problems)
                .extracting(OverrideProblem::key)
                .containsExactly("entities.api_tokens", "tenancy.entities.orders");
        assertThat(JdbcSchemaCatalog.checkOverrides(dataSource(), options)).isEqualTo(problems);
        assertThat(JdbcSchemaCatalog.checkOverrides(dataSource(), options.withoutOverrides()))
                .isEmpty();
    }
}
