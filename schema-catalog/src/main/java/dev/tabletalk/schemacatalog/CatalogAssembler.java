package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns introspected tables into entities: exposure with reasons, then forms. One instance per load. */
final class CatalogAssembler {

    private final ExposureRules rules;
    private final FormInference forms;

    private final String fingerprintBasis;

    CatalogAssembler(CatalogOptions options) {
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
                Integer.toString(options.maxReadFields()));
        Names.Cache names = new Names.Cache();
        this.rules = new ExposureRules(options, names);
        this.forms = new FormInference(options.tenantColumn(), options.maxReadFields(), names);
    }

    EntityCatalog assemble(List<TableMeta> tables) {
        List<Entity> entities = new ArrayList<>(tables.size());
        for (TableMeta table : tables) {
            entities.add(entity(table));
        }
        return EntityCatalog.of(entities, Fingerprint.of(entities, fingerprintBasis));
    }

    Entity entity(TableMeta table) {
        ExposureRules.Decision decision = rules.table(table);
        List<Column> columns = new ArrayList<>(table.columns.size());
        for (Column column : table.columns) {
            Column tidy = column.comment().isPresent() && column.comment().get().isBlank()
                    ? column.toBuilder().comment(null).build()
                    : column;
            columns.add(rules.column(table, tidy));
        }
        Exposure exposure = decision.exposure();
        String reason = decision.reason();
        if (exposure == Exposure.READ_WRITE) {
            for (Column column : columns) {
                if (column.isHidden() && table.primaryKey.contains(column.name())) {
                    exposure = Exposure.READ_ONLY;
                    reason = "its primary key column " + column.name() + " is hidden, so rows cannot be addressed: "
                            + "read-only";
                }
            }
        }
        Form form = forms.infer(table, columns, exposure);
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
                // the soft-delete marker is detected here; configuration (#14) may later replace it per entity
                SoftDeleteDetection.detect(columns));
    }
}
