package dev.tabletalk.launcher;

import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.ColumnOverride;
import dev.tabletalk.schemacatalog.EntityOverride;
import dev.tabletalk.schemacatalog.SoftDeleteOverride;
import dev.tabletalk.schemacatalog.TenancyOverride;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the {@code entities:} and {@code tenancy.entities:} sections of a tabletalk.yaml into
 * {@link CatalogOverrides}, as the config module does: for tests of what {@code init} writes.
 */
final class YamlOverrides {

    private YamlOverrides() {}

    /** The whole file as maps and lists (SnakeYAML's safe constructor: no types are instantiated). */
    static Map<String, Object> parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(new StringReader(yaml));
        return map(root);
    }

    static CatalogOverrides overrides(Map<String, Object> file) {
        CatalogOverrides.Builder builder = CatalogOverrides.builder();
        map(file.getOrDefault("entities", Map.of())).forEach((name, value) -> {
            Map<String, Object> entry = map(value);
            Optional<Exposure> exposure = Optional.ofNullable((String) entry.get("exposure"))
                    .map(word -> Exposure.valueOf(word.toUpperCase(Locale.ROOT)));
            Map<String, ColumnOverride> columns = new LinkedHashMap<>();
            map(entry.getOrDefault("columns", Map.of())).forEach((column, settings) -> {
                Map<String, Object> columnEntry = map(settings);
                columns.put(
                        column,
                        new ColumnOverride(
                                ColumnExposure.valueOf(((String) columnEntry.get("exposure")).toUpperCase(Locale.ROOT)),
                                Boolean.TRUE.equals(columnEntry.get("allowSecret"))));
            });
            Optional<SoftDeleteOverride> softDelete = Optional.ofNullable(entry.get("softDelete"))
                    .map(marker -> Boolean.FALSE.equals(marker) || "none".equals(marker)
                            ? SoftDeleteOverride.none()
                            : SoftDeleteOverride.column((String) marker));
            builder.entity(
                    name,
                    new EntityOverride(exposure, columns, softDelete, Boolean.TRUE.equals(entry.get("allowSecret"))));
        });
        Map<String, Object> tenancy = map(file.getOrDefault("tenancy", Map.of()));
        map(tenancy.getOrDefault("entities", Map.of()))
                .forEach((name, value) ->
                        builder.tenancy(name, TenancyOverride.valueOf(((String) value).toUpperCase(Locale.ROOT))));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new AssertionError("not a mapping: " + value);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
