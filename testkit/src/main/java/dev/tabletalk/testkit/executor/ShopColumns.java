package dev.tabletalk.testkit.executor;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Column and entity helpers shared by the shop fixture's catalog ({@link ShopEntities}, {@link ShopTenancyEntities}). */
final class ShopColumns {

    private ShopColumns() {}

    static ValueType timestampType(FixtureDatabase db) {
        return db == FixtureDatabase.POSTGRES || db == FixtureDatabase.H2
                ? ValueType.TIMESTAMP_TZ
                : ValueType.TIMESTAMP;
    }

    static Column id() {
        return Column.builder("id", ValueType.INTEGER)
                .nativeType("bigint")
                .nullable(false)
                .generation(Generation.IDENTITY)
                .range(NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE))
                .build();
    }

    static Column companyId() {
        return Column.builder("company_id", ValueType.INTEGER)
                .nativeType("bigint")
                .nullable(false)
                .range(NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE))
                .build();
    }

    static Column bigint(String name, boolean nullable) {
        return Column.builder(name, ValueType.INTEGER)
                .nativeType("bigint")
                .nullable(nullable)
                .range(NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE))
                .build();
    }

    static Entity table(
            String schema,
            String name,
            List<Column> columns,
            List<List<String>> uniqueKeys,
            List<ForeignKey> foreignKeys,
            Form form) {
        return new Entity(
                schema,
                name,
                EntityKind.TABLE,
                columns,
                List.of("id"),
                uniqueKeys,
                List.of(),
                foreignKeys,
                Optional.empty(),
                Exposure.READ_WRITE,
                "business table",
                form);
    }

    static List<FormField> fields(String... names) {
        return Arrays.stream(names).map(n -> new FormField(n, "fixture")).toList();
    }
}
