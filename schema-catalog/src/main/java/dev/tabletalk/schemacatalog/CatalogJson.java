package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.Index;
import dev.tabletalk.core.catalog.Tenancies;
import dev.tabletalk.core.catalog.Tenancy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes the operator's view of a catalog as JSON (format: {@code docs/catalog.md}). Hidden
 * entities appear with their reason only, never their columns; hidden columns appear with their
 * reason only, and never in a form. Not for chat users: they get
 * {@link dev.tabletalk.core.catalog.SchemaView}, which names nothing hidden.
 */
public final class CatalogJson {

    private CatalogJson() {}

    /** The catalog as pretty-printed JSON (two-space indent, stable key order), tenancy for {@code company_id}. */
    public static String write(EntityCatalog catalog) {
        return write(catalog, CatalogOptions.defaults().tenantColumn());
    }

    /**
     * The catalog as pretty-printed JSON (two-space indent, stable key order), with each exposed entity's
     * tenancy for callers that have a tenant ({@code direct}, {@code via}, {@code shared} or {@code hidden}).
     */
    public static String write(EntityCatalog catalog, String tenantColumn) {
        Tenancies tenancies = catalog.tenancies(tenantColumn);
        JsonWriter json = new JsonWriter();
        json.beginObject();
        json.name("fingerprint").value(catalog.fingerprint());
        json.name("tenantColumn").value(tenantColumn);
        json.name("tenantColumnFound").value(tenancies.hasDirect());
        json.name("entities").beginArray();
        for (Entity entity : catalog.entities()) {
            entity(json, catalog, entity, tenancies.of(entity));
        }
        json.endArray();
        json.endObject();
        return json.toString();
    }

    private static void entity(JsonWriter json, EntityCatalog catalog, Entity entity, Tenancy tenancy) {
        json.beginObject();
        json.name("name").value(entity.name());
        json.name("schema").value(entity.schema());
        json.name("kind").value(entity.kind().name());
        json.name("exposure").value(entity.exposure().name());
        json.name("reason").value(entity.reason());
        if (!entity.exposure().isVisible()) {
            json.endObject();
            return;
        }
        json.name("reference").value(catalog.referenceOf(entity));
        json.name("tenancy").value(tenancy.kind());
        json.name("tenancyReason").value(tenancy.describe());
        optional(json, "comment", entity.comment());
        if (entity.softDelete().isPresent()) {
            json.name("softDelete").beginObject();
            json.name("column").value(entity.softDelete().get().column());
            json.name("kind").value(entity.softDelete().get().kind().name());
            json.name("reason").value(entity.softDelete().get().reason());
            json.endObject();
        }
        json.name("primaryKey").strings(entity.primaryKey());
        json.name("uniqueKeys").beginArray();
        for (List<String> key : entity.uniqueKeys()) {
            json.strings(key);
        }
        json.endArray();
        json.name("indexes").beginArray();
        for (Index index : entity.indexes()) {
            json.beginObject();
            json.name("name").value(index.name());
            json.name("columns").strings(index.columns());
            json.name("unique").value(index.unique());
            json.endObject();
        }
        json.endArray();
        json.name("foreignKeys").beginArray();
        for (ForeignKey key : entity.foreignKeys()) {
            json.beginObject();
            json.name("name").value(key.name());
            json.name("columns").strings(key.columns());
            json.name("targetSchema").value(key.targetSchema());
            json.name("targetEntity").value(key.targetEntity());
            json.name("targetColumns").strings(key.targetColumns());
            json.endObject();
        }
        json.endArray();
        json.name("columns").beginArray();
        for (Column column : entity.columns()) {
            column(json, column);
        }
        json.endArray();
        form(json, entity.form());
        json.endObject();
    }

    private static void column(JsonWriter json, Column column) {
        json.beginObject();
        json.name("name").value(column.name());
        if (column.isHidden()) {
            json.name("exposure").value(column.exposure().name());
            json.name("reason").value(column.reason());
            json.endObject();
            return;
        }
        json.name("type").value(column.type().name());
        json.name("nativeType").value(column.nativeType());
        json.name("nullable").value(column.nullable());
        optional(json, "default", column.defaultExpression());
        json.name("generated").value(column.generation().isGenerated());
        json.name("generation").value(column.generation().name());
        optional(json, "maxLength", column.maxLength());
        optional(json, "precision", column.precision());
        optional(json, "scale", column.scale());
        if (column.range().isPresent()) {
            json.name("range").beginObject();
            json.name("min").raw(column.range().get().min().toPlainString());
            json.name("max").raw(column.range().get().max().toPlainString());
            json.endObject();
        }
        if (column.isEnum()) {
            json.name("enumValues").strings(column.enumValues());
        }
        optional(json, "comment", column.comment());
        json.name("exposure").value(column.exposure().name());
        json.name("reason").value(column.reason());
        json.endObject();
    }

    private static void form(JsonWriter json, Form form) {
        json.name("form").beginObject();
        json.name("create").beginObject();
        fields(json, "required", form.createRequired());
        fields(json, "optional", form.createOptional());
        json.endObject();
        fields(json, "read", form.read());
        fields(json, "filter", form.filter());
        fields(json, "update", form.update());
        json.endObject();
    }

    private static void fields(JsonWriter json, String name, List<FormField> fields) {
        json.name(name).beginArray();
        for (FormField field : fields) {
            json.beginObject();
            json.name("name").value(field.column());
            json.name("reason").value(field.reason());
            json.endObject();
        }
        json.endArray();
    }

    private static void optional(JsonWriter json, String name, Optional<String> value) {
        if (value.isPresent()) {
            json.name(name).value(value.get());
        }
    }

    private static void optional(JsonWriter json, String name, OptionalInt value) {
        if (value.isPresent()) {
            json.name(name).raw(Integer.toString(value.getAsInt()));
        }
    }
}
