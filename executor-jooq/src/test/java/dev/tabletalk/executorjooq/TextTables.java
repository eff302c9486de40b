package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;

/** A table with an {@code id} and text columns, read through {@link Sql#condition} (#13 text comparison tests). */
final class TextTables {

    private TextTables() {}

    /** The entity {@code schema.name} with a bigint {@code id} key and the text columns {@code texts}. */
    static Entity entity(String schema, String name, String... texts) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.builder("id", ValueType.INTEGER).build());
        for (String text : texts) {
            columns.add(Column.builder(text, ValueType.TEXT).build());
        }
        return new Entity(
                schema,
                name,
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_ONLY,
                "test",
                Form.empty());
    }

    /** The ids of the rows that {@code filter} keeps, in order. */
    static List<Long> ids(TargetDatabase target, Entity entity, Filter filter) {
        Field<Object> id = Sql.field(entity.column("id").orElseThrow());
        return target.transaction(
                TargetDatabase.Mode.READ,
                (db, attempt) -> db.select(id)
                        .from(Sql.table(entity))
                        .where(Sql.condition(entity, filter))
                        .orderBy(id)
                        .fetch(record -> ((Number) record.get(0)).longValue()));
    }
}
