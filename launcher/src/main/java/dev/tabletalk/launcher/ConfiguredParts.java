package dev.tabletalk.launcher;

import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.ColumnOverride;
import dev.tabletalk.schemacatalog.EntityOverride;
import dev.tabletalk.schemacatalog.SoftDeleteOverride;
import dev.tabletalk.schemacatalog.TenancyOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of checked settings ({@link TableTalkConfig}) that other modules apply, as their own types: the
 * {@code entities:} and {@code tenancy.entities:} sections as {@link CatalogOverrides} for the catalog, and the
 * {@code macros:} section as {@link Macro}s for the engine. The words were checked against the configuration's
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
