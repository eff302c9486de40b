package dev.tabletalk.launcher;

import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.ClaimValue;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.ColumnOverride;
import dev.tabletalk.schemacatalog.EntityOverride;
import dev.tabletalk.schemacatalog.SoftDeleteOverride;
import dev.tabletalk.schemacatalog.TenancyOverride;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of checked settings ({@link TableTalkConfig}) that other modules apply, as their own types: the
 * {@code entities:} and {@code tenancy.entities:} sections as {@link CatalogOverrides} for the catalog, the
 * {@code roles:} section as a {@link RolePolicy} and the {@code macros:} section as {@link Macro}s for the engine. The words were checked against the configuration's
 * schema already; whether the names fit the database is checked when the catalog loads.
 */
final class ConfiguredParts {

    private ConfiguredParts() {}

    /** The exposure, soft-delete and tenancy overrides of the file. */
    static CatalogOverrides overrides(TableTalkConfig config) {
        CatalogOverrides.Builder builder = CatalogOverrides.builder();
        config.entities().forEach((name, entity) -> {
            Map<String, ColumnOverride> columns = new LinkedHashMap<>();
            entity.columns()
                    .forEach((column, override) -> override.exposure()
                            .ifPresent(exposure -> columns.put(
                                    column,
                                    new ColumnOverride(
                                            ColumnExposure.valueOf(upper(exposure)), override.allowSecret()))));
            Optional<SoftDeleteOverride> softDelete = entity.softDelete()
                    .map(marker ->
                            marker.column().map(SoftDeleteOverride::column).orElseGet(SoftDeleteOverride::none));
            builder.entity(
                    name,
                    new EntityOverride(
                            entity.exposure().map(exposure -> Exposure.valueOf(upper(exposure))),
                            columns,
                            softDelete,
                            entity.allowSecret()));
        });
        config.tenancy()
                .entities()
                .forEach((name, tenancy) -> builder.tenancy(name, TenancyOverride.valueOf(upper(tenancy))));
        return builder.build();
    }

    /**
     * The roles of the file, which replace the built-in viewer, editor and admin; empty when the file has none (the
     * built-in roles stay). An intent a role does not name is allowed on no entity.
     */
    static Optional<RolePolicy> roles(TableTalkConfig config) {
        if (config.roles().isEmpty()) {
            return Optional.empty();
        }
        Map<String, RoleGrant> grants = new LinkedHashMap<>();
        config.roles().forEach((name, role) -> {
            Map<Intent, Set<String>> entities = new EnumMap<>(Intent.class);
            entities.put(Intent.READ, entities(role.read()));
            entities.put(Intent.CREATE, entities(role.create()));
            entities.put(Intent.UPDATE, entities(role.update()));
            RoleGrant grant = RoleGrant.forEntities(entities);
            for (Map.Entry<String, List<String>> columns : role.columns().entrySet()) {
                grant = grant.withColumns(columns.getKey(), Set.copyOf(columns.getValue()));
            }
            for (Map.Entry<String, List<TableTalkConfig.RowCondition>> rules :
                    role.rows().entrySet()) {
                String key = "roles." + name + ".rows." + rules.getKey();
                List<Condition> conditions = new ArrayList<>();
                for (TableTalkConfig.RowCondition rule : rules.getValue()) {
                    conditions.add(rowRule(key, rule));
                }
                try {
                    grant = grant.withRowRules(rules.getKey(), conditions);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(key + ": " + e.getMessage());
                }
            }
            if (role.maxAffectedRows().isPresent()) {
                grant = grant.withMaxAffectedRows(role.maxAffectedRows().get());
            }
            grants.put(name, grant);
        });
        return Optional.of(RolePolicy.of(grants));
    }

    private static Set<String> entities(TableTalkConfig.Grant grant) {
        return grant.isAll() ? Set.of(RoleGrant.EVERY_ENTITY) : Set.copyOf(grant.entities());
    }

    /** One row rule: {@code {field, op, value}}, or a claim of the caller instead of the value. */
    private static Condition rowRule(String key, TableTalkConfig.RowCondition rule) {
        Op op = Op.fromSymbol(rule.op())
                .orElseThrow(() -> new ConfigurationException(
                        key + ": '" + rule.op() + "' is not an operator of the plan language"));
        Object value =
                rule.claim().<Object>map(ClaimValue::of).orElse(rule.value().orElse(null));
        try {
            return Filter.of(rule.field(), op, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage());
        }
    }

    /** The macros of the file, in its order, each with its parameters in the file's order. */
    static List<Macro> macros(TableTalkConfig config) {
        List<Macro> macros = new ArrayList<>();
        config.macros().forEach((name, macro) -> {
            Map<String, ParamType> params = new LinkedHashMap<>();
            macro.params()
                    .forEach((param, type) -> params.put(
                            param,
                            ParamType.fromWireName(type)
                                    .orElseThrow(() -> new ConfigurationException("macros." + name + ".params." + param
                                            + ": '" + type
                                            + "' is not a parameter type; use integer, number, text, date or"
                                            + " month"))));
            try {
                macros.add(new Macro(name, macro.description().orElse(""), params, macro.plan()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("macros." + name + ": " + e.getMessage());
            }
        });
        return macros;
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
