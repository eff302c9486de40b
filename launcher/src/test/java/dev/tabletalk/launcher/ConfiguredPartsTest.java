package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.config.ConfigLoader;
import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.ClaimValue;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.SoftDeleteOverride;
import dev.tabletalk.schemacatalog.TenancyOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections of tabletalk.yaml that other modules apply, mapped onto their types (#14). */
class ConfiguredPartsTest {

    @TempDir
    Path folder;

    private TableTalkConfig read(String yaml) throws IOException {
        Path file = Files.writeString(folder.resolve("tabletalk.yaml"), yaml);
        return ConfigLoader.readFile(file, Map.of()).orThrow().config();
    }

    @Test
    void rolesReplaceTheBuiltInOnesWithTheirEntitiesColumnsRowsAndCaps() throws IOException {
        TableTalkConfig config = read("""
                roles:
                  support:
                    read: [customers, orders]
                    update: [customers]
                    columns: {customers: [id, name, status]}
                    rows:
                      orders: [{field: status, op: "!=", value: cancelled}]
                      customers: [{field: owner_id, op: "=", value: {claim: user_id}}]
                    maxAffectedRows: 5
                  auditor: {read: "*"}
                """);

        RolePolicy policy = ConfiguredParts.roles(config).orElseThrow();

        assertThat(policy.grants()).containsOnlyKeys("support", "auditor");
        RoleGrant support = policy.grant("support").orElseThrow();
        assertThat(support.allows(Intent.READ, "orders")).isTrue();
        assertThat(support.allows(Intent.UPDATE, "customers")).isTrue();
        assertThat(support.allows(Intent.UPDATE, "orders")).isFalse();
        assertThat(support.allows(Intent.CREATE, "customers")).isFalse();
        assertThat(support.allows(Intent.READ, "products")).isFalse();
        assertThat(support.columns()).containsEntry("customers", Set.of("id", "name", "status"));
        assertThat(support.rowRules().get("orders")).containsExactly(Filter.of("status", Op.NE, "cancelled"));
        assertThat(support.rowRules().get("customers"))
                .containsExactly(Filter.of("owner_id", Op.EQ, ClaimValue.of("user_id")));
        assertThat(support.maxAffectedRows()).hasValue(5);
        RoleGrant auditor = policy.grant("auditor").orElseThrow();
        assertThat(auditor.allows(Intent.READ, "anything")).isTrue();
        assertThat(auditor.allows(Intent.UPDATE, "anything")).isFalse();
    }

    @Test
    void withoutRolesTheBuiltInOnesStay() throws IOException {
        assertThat(ConfiguredParts.roles(read("limits: {maxRows: 10}\n"))).isEmpty();
    }

    @Test
    void aRowRuleWithAnOperatorThePlanLanguageLacksNamesItsLineAndKey() {
        assertThatThrownBy(
                        () -> read(
                                "roles:\n  support:\n    read: [orders]\n    rows: {orders: [{field: status, op: like, value: x}]}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tabletalk.yaml:4: roles.support.rows.orders[0].op: ");
    }

    @Test
    void entitiesAndTenancyBecomeCatalogOverrides() throws IOException {
        TableTalkConfig config = read("""
                tenancy:
                  entities: {countries: hidden}
                entities:
                  api_tokens: {exposure: read_only, allowSecret: true}
                  customers:
                    softDelete: deleted_at
                    columns: {phone: {exposure: masked}, notes: {exposure: hidden}}
                  logs: {softDelete: false}
                """);

        CatalogOverrides overrides = ConfiguredParts.overrides(config);

        assertThat(overrides.tenancy()).containsEntry("countries", TenancyOverride.HIDDEN);
        assertThat(overrides.entities().get("api_tokens").exposure()).contains(Exposure.READ_ONLY);
        assertThat(overrides.entities().get("api_tokens").allowSecret()).isTrue();
        assertThat(overrides.entities().get("customers").columns().get("phone").exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(overrides.entities().get("customers").columns().get("notes").exposure())
                .isEqualTo(ColumnExposure.HIDDEN);
        assertThat(overrides.entities().get("customers").softDelete())
                .contains(SoftDeleteOverride.column("deleted_at"));
        assertThat(overrides.entities().get("logs").softDelete()).contains(SoftDeleteOverride.none());
    }

    @Test
    void aColumnEntryWithoutAnExposureIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> read("entities:\n  customers:\n    columns:\n      phone: {allowSecret: true}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tabletalk.yaml:4: entities.customers.columns.phone");
    }

    @Test
    void macrosKeepTheFilesOrderOfMacrosAndParameters() throws IOException {
        TableTalkConfig config = read("""
                macros:
                  revenue in month:
                    params: {month: month}
                    plan: {intent: read, entity: invoices, aggregate: {fn: sum, field: total},
                           filters: [{field: invoice_date, op: between, value: "{month}"}]}
                  deactivate customer:
                    description: Mark a customer inactive
                    params: {id: integer, reason: text}
                    plan: {intent: update, entity: customers, filters: [{field: id, op: "=", value: "{id}"}],
                           fields: {status: inactive, notes: "{reason}"}}
                """);

        List<Macro> macros = ConfiguredParts.macros(config);

        assertThat(macros).extracting(Macro::name).containsExactly("revenue in month", "deactivate customer");
        assertThat(macros.get(1).params())
                .containsExactly(Map.entry("id", ParamType.INTEGER), Map.entry("reason", ParamType.TEXT));
        assertThat(macros.get(1).description()).isEqualTo("Mark a customer inactive");
        assertThat(macros.get(0).description()).isEmpty();
    }

    @Test
    void keysOfFeaturesThisVersionLacksAreRefusedNotIgnored() throws IOException {
        assertThatThrownBy(() -> TableTalk.builder().config(read("mcp: {identity: {user: claude}}\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mcp.identity");
        assertThat(Optional.of(TableTalk.builder().config(read("limits: {maxRows: 7}\n"))))
                .isPresent();
    }

    @Test
    void aCatalogPollIntervalBelowOneSecondIsRefused() throws IOException {
        assertThat(TableTalk.builder().config(read("catalog: {pollInterval: 5m}\n")).catalogPollInterval)
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> TableTalk.builder().config(read("catalog: {pollInterval: 500ms}\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("catalog.pollInterval must be at least 1s");
    }

    @Test
    void theSharedStateUrlIsTakenFromTheFile() throws IOException {
        assertThat(TableTalk.builder()
                        .config(read("sharedState: {url: 'jdbc:postgresql://db:5432/state'}\n"))
                        .sharedStateUrl)
                .isEqualTo("jdbc:postgresql://db:5432/state");
    }
}
