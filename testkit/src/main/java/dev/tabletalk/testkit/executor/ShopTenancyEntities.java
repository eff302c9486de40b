package dev.tabletalk.testkit.executor;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import java.util.Optional;

/**
 * The shop's tenancy shapes without a {@code company_id}: order_lines and line_notes (tenant reached through foreign
 * keys), the reference table countries (shared) and the view customer_names.
 */
final class ShopTenancyEntities {

    private ShopTenancyEntities() {}

    static Entity orderLines(String schema) {
        List<Column> columns = List.of(
                ShopColumns.bigint("id", false),
                ShopColumns.bigint("order_id", true),
                ShopColumns.bigint("product_id", false),
                Column.builder("quantity", ValueType.INTEGER)
                        .nativeType("integer")
                        .nullable(false)
                        .range(NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .build());
        Form form = new Form(
                ShopColumns.fields("id", "product_id", "quantity"),
                ShopColumns.fields("order_id"),
                ShopColumns.fields("id", "order_id", "product_id", "quantity"),
                ShopColumns.fields("id", "order_id", "product_id", "quantity"),
                ShopColumns.fields("order_id", "product_id", "quantity"));
        return ShopColumns.table(
                schema,
                "order_lines",
                columns,
                List.of(),
                List.of(
                        new ForeignKey("order_lines_order_fk", List.of("order_id"), schema, "orders", List.of("id")),
                        new ForeignKey(
                                "order_lines_product_fk", List.of("product_id"), schema, "products", List.of("id"))),
                form);
    }

    static Entity lineNotes(String schema) {
        List<Column> columns = List.of(
                ShopColumns.bigint("id", false),
                ShopColumns.bigint("line_id", false),
                Column.builder("note", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build());
        Form form = new Form(
                ShopColumns.fields("id", "line_id", "note"),
                ShopColumns.fields(),
                ShopColumns.fields("id", "line_id", "note"),
                ShopColumns.fields("id", "line_id", "note"),
                ShopColumns.fields("line_id", "note"));
        return ShopColumns.table(
                schema,
                "line_notes",
                columns,
                List.of(),
                List.of(new ForeignKey("line_notes_line_fk", List.of("line_id"), schema, "order_lines", List.of("id"))),
                form);
    }

    static Entity countries(String schema) {
        List<Column> columns = List.of(
                Column.builder("code", ValueType.TEXT)
                        .nativeType("varchar(2)")
                        .nullable(false)
                        .maxLength(2)
                        .build(),
                Column.builder("name", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build());
        Form form = new Form(
                ShopColumns.fields("code", "name"),
                ShopColumns.fields(),
                ShopColumns.fields("code", "name"),
                ShopColumns.fields("code", "name"),
                ShopColumns.fields("name"));
        return new Entity(
                schema,
                "countries",
                EntityKind.TABLE,
                columns,
                List.of("code"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "reference table",
                form);
    }

    static Entity customerNames(String schema) {
        List<Column> columns = List.of(
                ShopColumns.bigint("id", false),
                Column.builder("name", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build());
        Form form = new Form(
                ShopColumns.fields(),
                ShopColumns.fields(),
                ShopColumns.fields("id", "name"),
                ShopColumns.fields("id", "name"),
                ShopColumns.fields());
        return new Entity(
                schema,
                "customer_names",
                EntityKind.VIEW,
                columns,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_ONLY,
                "a view",
                form);
    }
}
