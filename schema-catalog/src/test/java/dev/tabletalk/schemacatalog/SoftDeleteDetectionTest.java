package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which column, if any, the catalog takes as an entity's soft-delete marker (#13). */
class SoftDeleteDetectionTest {

    private final CatalogAssembler assembler = new CatalogAssembler(CatalogOptions.defaults());

    private Entity entity(Tables table) {
        return assembler.entity(table.identity("id").primaryKey("id").build());
    }

    @Test
    void aNullableDeletedAtTimestampIsTheMarker() {
        Entity entity = entity(Tables.table("customers").column("deleted_at", ValueType.TIMESTAMP));

        assertThat(entity.softDelete()).hasValueSatisfying(marker -> {
            assertThat(marker.column()).isEqualTo("deleted_at");
            assertThat(marker.kind()).isEqualTo(SoftDelete.Kind.TIMESTAMP);
            assertThat(marker.reason()).contains("nullable timestamp deleted_at");
        });
    }

    @Test
    void archivedAtWithATimeZoneCountsToo() {
        Entity entity = entity(Tables.table("projects").column("Archived_At", ValueType.TIMESTAMP_TZ));

        assertThat(entity.softDelete().map(SoftDelete::column)).contains("Archived_At");
    }

    @Test
    void booleanMarkersCountWhetherOrNotTheyAreNullable() {
        Entity isDeleted = entity(Tables.table("a").required("is_deleted", ValueType.BOOLEAN));
        Entity deleted = entity(Tables.table("b").column("deleted", ValueType.BOOLEAN));
        Entity archived = entity(Tables.table("c").column("archived", ValueType.BOOLEAN));

        assertThat(isDeleted.softDelete()).map(SoftDelete::kind).contains(SoftDelete.Kind.BOOLEAN);
        assertThat(deleted.softDelete()).map(SoftDelete::column).contains("deleted");
        assertThat(archived.softDelete()).map(SoftDelete::column).contains("archived");
    }

    @Test
    void aTimestampWinsOverABoolean() {
        Entity entity = entity(Tables.table("customers")
                .column("is_deleted", ValueType.BOOLEAN)
                .column("deleted_at", ValueType.TIMESTAMP));

        assertThat(entity.softDelete().map(SoftDelete::column)).contains("deleted_at");
    }

    @Test
    void theWrongTypeANonNullableTimestampOrAnotherNameIsNoMarker() {
        assertThat(entity(Tables.table("a").column("deleted_at", ValueType.TEXT))
                        .softDelete())
                .isEmpty();
        assertThat(entity(Tables.table("b").required("deleted_at", ValueType.TIMESTAMP))
                        .softDelete())
                .isEmpty();
        assertThat(entity(Tables.table("c").column("deleted", ValueType.INTEGER))
                        .softDelete())
                .isEmpty();
        assertThat(entity(Tables.table("d").column("removed_at", ValueType.TIMESTAMP))
                        .softDelete())
                .isEmpty();
        assertThat(entity(Tables.table("e").column("name", ValueType.TEXT)).softDelete())
                .isEqualTo(Optional.empty());
    }

    @Test
    void theOperatorsCatalogJsonShowsTheMarkerAndItsReason() {
        String json = CatalogJson.write(assembler.assemble(List.of(Tables.table("customers")
                .identity("id")
                .column("deleted_at", ValueType.TIMESTAMP)
                .primaryKey("id")
                .build())));

        assertThat(json).contains("\"softDelete\": {", "\"column\": \"deleted_at\"", "\"kind\": \"TIMESTAMP\"");
    }
}
