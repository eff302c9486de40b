package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns introspected tables into entities: exposure with reasons, then forms, then the operator's overrides
 * ({@link CatalogOverrides}, checked against the catalog without them). One instance per load.
 */
final class CatalogAssembler {

    private final CatalogOptions options;
    private final ExposureRules rules;
    private final FormInference forms;

    private final String fingerprintBasis;

    CatalogAssembler(CatalogOptions options) {
        this.options = options;
        // the options shape every decision: a catalog read with other options is another catalog
        this.fingerprintBasis = String.join(
                "\u0000",
                options.schemas().toString(),
                options.tenantColumn(),
                options.allowTables().toString(),
                options.denyTables().toString(),
                options.readOnlyTables().toString(),
                options.allowColumns().toString(),
                options.denyColumns().toString(),
                options.maskedColumns().toString(),
                Integer.toString(options.maxReadFields()),
                options.overrides().isEmpty() ? "" : options.overrides().toString());
        Names.Cache names = new Names.Cache();
        this.rules = new ExposureRules(options, names);
        this.forms = new FormInference(options.tenantColumn(), options.maxReadFields(), names);
    }

    /**
     * The catalog of these tables.
     *
     * @throws ConfigurationException when the options' overrides do not apply to these tables (each problem listed)
     */
    EntityCatalog assemble(List<TableMeta> tables) {
        List<Entity> entities = new ArrayList<>(tables.size());
        for (TableMeta table : tables) {
            entities.add(entity(table));
        }
        if (!options.overrides().isEmpty()) {
            applyOverrides(tables, entities);
        }
        return EntityCatalog.of(entities, Fingerprint.of(entities, fingerprintBasis));
    }

    private void applyOverrides(List<TableMeta> tables, List<Entity> entities) {
        // checked against the catalog without them: "hidden as a secret" and the tenancy are the catalog's own words
        OverrideResolution resolution = OverrideResolution.resolve(
                options.overrides(), EntityCatalog.of(entities, "without overrides"), options);
        if (!resolution.problems().isEmpty()) {
            throw new ConfigurationException("the entity and tenancy settings do not apply to this database: "
                    + resolution.problems().stream()
                            .map(OverrideProblem::toString)
                            .collect(Collectors.joining("; ")));
        }
        for (int i = 0; i < tables.size(); i++) {
            String qualified = entities.get(i).qualifiedName();
            EntityOverride override = resolution.entities().get(qualified);
            String tenancyKey = resolution.hiddenByTenancy().get(qualified);
            if (override != null || tenancyKey != null) {
                entities.set(
                        i,
                        entity(
                                tables.get(i),
                                Optional.ofNullable(override),
                                resolution.entityKeys().get(qualified),
                                tenancyKey));
            }
        }
    }

    Entity entity(TableMeta table) {
        return entity(table, Optional.empty(), null, null);
    }

    private Entity entity(TableMeta table, Optional<EntityOverride> override, String key, String tenancyKey) {
        ExposureRules.Decision decision = rules.table(table);
        List<Column> columns = new ArrayList<>(table.columns.size());
        for (Column column : table.columns) {
            Column tidy = column.comment().isPresent() && column.comment().get().isBlank()
                    ? column.toBuilder().comment(null).build()
                    : column;
            Column decided = rules.column(table, tidy);
            ColumnOverride configured =
                    override.map(o -> o.columns().get(column.name())).orElse(null);
            if (configured != null) {
                decided = decided.withExposure(configured.exposure(), columnReason(key, decided, configured));
            }
            columns.add(decided);
        }
        Exposure exposure = decision.exposure();
        String reason = decision.reason();
        Optional<Exposure> configured = override.flatMap(EntityOverride::exposure);
        if (configured.isPresent()) {
            exposure = configured.get();
            reason = "configured in entities." + key + ": " + word(exposure)
                    + (override.get().allowSecret()
                            ? ", with allowSecret (TableTalk would hide it: " + decision.reason() + ")"
                            : " (TableTalk's own decision: " + word(decision.exposure()) + ", " + decision.reason()
                                    + ")");
        }
        if (exposure == Exposure.READ_WRITE) {
            for (Column column : columns) {
                if (column.isHidden() && table.primaryKey.contains(column.name())) {
                    exposure = Exposure.READ_ONLY;
                    reason = "its primary key column " + column.name() + " is hidden, so rows cannot be addressed: "
                            + "read-only";
                }
            }
        }
        if (tenancyKey != null) {
            exposure = Exposure.HIDDEN;
            reason = "hidden by the configured tenancy.entities." + tenancyKey + ": hidden";
        }
        Form form = forms.infer(table, columns, exposure);
        Optional<SoftDelete> softDelete = override.flatMap(EntityOverride::softDelete)
                .map(marker -> marker(key, columns, marker))
                .orElseGet(() -> SoftDeleteDetection.detect(columns));
        return new Entity(
                table.schema,
                table.name,
                table.kind,
                columns,
                table.primaryKey,
                table.uniqueKeys,
                table.indexes,
                table.foreignKeys,
                Optional.ofNullable(table.comment),
                exposure,
                reason,
                form,
                // detected by name and type unless configured (entities.<name>.softDelete, #14)
                softDelete);
    }

    private static String columnReason(String key, Column decided, ColumnOverride configured) {
        String own = "TableTalk's own decision: " + word(decided.exposure()) + ", " + decided.reason();
        String prefix =
                "configured in entities." + key + ".columns." + decided.name() + ": " + word(configured.exposure());
        return switch (configured.exposure()) {
            case MASKED ->
                prefix + ", shown masked and never filtered by ("
                        + (configured.allowSecret() ? "with allowSecret; " : "") + own + ")";
            case VISIBLE -> prefix + " (" + (configured.allowSecret() ? "with allowSecret; " : "") + own + ")";
            case HIDDEN -> prefix + " (" + own + ")";
        };
    }

    /** The configured marker, checked by {@link OverrideResolution}: its type says its kind. */
    private static Optional<SoftDelete> marker(String key, List<Column> columns, SoftDeleteOverride marker) {
        if (marker.column().isEmpty()) {
            return Optional.empty();
        }
        String wanted = marker.column().get();
        Column column = columns.stream()
                .filter(c -> c.name().equals(wanted))
                .findFirst()
                .or(() -> columns.stream()
                        .filter(c -> c.name().equalsIgnoreCase(wanted))
                        .findFirst())
                .orElseThrow(() -> new IllegalStateException("unchecked soft-delete column " + wanted));
        SoftDelete.Kind kind = column.type() == ValueType.BOOLEAN ? SoftDelete.Kind.BOOLEAN : SoftDelete.Kind.TIMESTAMP;
        return Optional.of(new SoftDelete(
                column.name(),
                kind,
                "configured in entities." + key + ".softDelete: "
                        + (kind == SoftDelete.Kind.BOOLEAN
                                ? "a row is deleted while " + column.name() + " is true"
                                : "a row is deleted once " + column.name() + " is set")
                        + ", and \"delete\" sets it"));
    }

    private static String word(Exposure exposure) {
        return exposure.name().toLowerCase(Locale.ROOT);
    }

    private static String word(ColumnExposure exposure) {
        return exposure.name().toLowerCase(Locale.ROOT);
    }
}
