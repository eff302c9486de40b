package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Soft delete in the validator and its helpers (#13): the marker is written alone, reads keep their rows. */
class SoftDeleteValidationTest {

    private static final UserContext EDITOR = UserContext.of("u-1", "editor", "101");
    private static final UserContext VIEWER = UserContext.of("u-2", "viewer", "101");

    private final PlanValidator validator =
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off());

    private static Entity entity(String name, Optional<SoftDelete> marker) {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("name", ValueType.TEXT).nullable(false).build(),
                Column.builder("deleted_at", ValueType.TIMESTAMP).build(),
                Column.builder("is_deleted", ValueType.BOOLEAN).build());
        // the marker is in no form list (an audit column): only a soft delete or a restore may write it
        Form form = new Form(fields("name"), fields(), fields("id", "name"), fields("id", "name"), fields("name"));
        return new Entity(
                        "public",
                        name,
                        EntityKind.TABLE,
                        columns,
                        List.of("id"),
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        Exposure.READ_WRITE,
                        "table",
                        form)
                .withSoftDelete(marker);
    }

    private static final SoftDelete TIMESTAMP = new SoftDelete("deleted_at", SoftDelete.Kind.TIMESTAMP, "test");
    private static final SoftDelete BOOLEAN = new SoftDelete("is_deleted", SoftDelete.Kind.BOOLEAN, "test");

    private final EntityCatalog catalog =
            EntityCatalog.of(List.of(entity("customers", Optional.of(TIMESTAMP)), entity("plain", Optional.empty())));

    private static List<FormField> fields(String... names) {
        return Arrays.stream(names).map(n -> new FormField(n, "test")).toList();
    }

    private static UpdatePlan update(String entity, Map<String, Object> changes) {
        return new UpdatePlan(entity, changes, List.of(Filter.eq("id", 5)));
    }

    private static Map<String, Object> changes(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aSoftDeleteWritesTheMarkerEvenThoughTheFormDoesNotListIt() {
        Validation valid =
                validator.validate(update("customers", changes("deleted_at", "2025-03-01T10:00:00")), catalog, EDITOR);
        Validation restore = validator.validate(update("customers", changes("deleted_at", null)), catalog, EDITOR);

        assertThat(valid).isInstanceOf(Validation.Valid.class);
        assertThat(((UpdatePlan) ((Validation.Valid) valid).plan()).changes())
                .containsEntry("deleted_at", LocalDateTime.parse("2025-03-01T10:00:00"));
        assertThat(restore).isInstanceOf(Validation.Valid.class);
    }

    @Test
    void aSoftDeleteChangesNothingElseAndNeedsTheUpdateGrant() {
        Validation both = validator.validate(
                update("customers", changes("deleted_at", "2025-03-01T10:00:00", "name", "x")), catalog, EDITOR);
        Validation viewer =
                validator.validate(update("customers", changes("deleted_at", "2025-03-01T10:00:00")), catalog, VIEWER);
        Validation noMarker =
                validator.validate(update("plain", changes("deleted_at", "2025-03-01T10:00:00")), catalog, EDITOR);

        assertThat(((Validation.Invalid) both).refusal().code()).isEqualTo(RefusalCode.FIELD_NOT_WRITABLE);
        assertThat(viewer).isInstanceOf(Validation.Invalid.class);
        assertThat(((Validation.Invalid) noMarker).refusal().code()).isEqualTo(RefusalCode.FIELD_NOT_WRITABLE);
    }

    @Test
    void aReadKeepsWhichRowsItCountsAndDeletedOnlyNeedsAMarker() {
        ReadPlan including = ReadPlan.of("customers", List.of()).withDeleted(DeletedRows.INCLUDED);
        Validation valid = validator.validate(including, catalog, EDITOR);
        Validation plainOnly =
                validator.validate(ReadPlan.of("plain", List.of()).withDeleted(DeletedRows.ONLY), catalog, EDITOR);
        Validation plainIncluding =
                validator.validate(ReadPlan.of("plain", List.of()).withDeleted(DeletedRows.INCLUDED), catalog, EDITOR);

        assertThat(((ReadPlan) ((Validation.Valid) valid).plan()).deleted()).isEqualTo(DeletedRows.INCLUDED);
        assertThat(((Validation.Invalid) plainOnly).refusal().code()).isEqualTo(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(((Validation.Invalid) plainOnly).refusal().message()).contains("never marked deleted");
        assertThat(plainIncluding).isInstanceOf(Validation.Valid.class);
    }

    @Test
    void aRestoreReachesDeletedRowsAndEveryOtherUpdateLiveOnes() {
        Entity timestamp = entity("customers", Optional.of(TIMESTAMP));
        Entity flag = entity("customers", Optional.of(BOOLEAN));

        assertThat(SoftDeletes.rowsOf(timestamp, update("customers", changes("deleted_at", null))))
                .isEqualTo(DeletedRows.ONLY);
        assertThat(SoftDeletes.rowsOf(timestamp, update("customers", changes("deleted_at", "now"))))
                .isEqualTo(DeletedRows.EXCLUDED);
        assertThat(SoftDeletes.rowsOf(timestamp, update("customers", changes("name", "x"))))
                .isEqualTo(DeletedRows.EXCLUDED);
        assertThat(SoftDeletes.rowsOf(flag, update("customers", changes("is_deleted", false))))
                .isEqualTo(DeletedRows.ONLY);
        assertThat(SoftDeletes.rowsOf(flag, update("customers", changes("is_deleted", null))))
                .isEqualTo(DeletedRows.ONLY);
        assertThat(SoftDeletes.rowsOf(flag, update("customers", changes("is_deleted", true))))
                .isEqualTo(DeletedRows.EXCLUDED);
        assertThat(SoftDeletes.rowsOf(entity("plain", Optional.empty()), update("plain", changes("deleted_at", null))))
                .isEqualTo(DeletedRows.EXCLUDED);
    }

    @Test
    void nowBecomesTheClocksTimeToTheSecondOnATimestampMarkerOnly() {
        Instant now = Instant.parse("2026-12-02T07:08:09.987Z");
        Entity timestamp = entity("customers", Optional.of(TIMESTAMP));

        assertThat(SoftDeletes.resolveNow(timestamp, changes("deleted_at", "now"), now))
                .containsEntry("deleted_at", "2026-12-02T07:08:09Z");
        assertThat(SoftDeletes.resolveNow(timestamp, changes("name", "now"), now))
                .containsEntry("name", "now");
        assertThat(SoftDeletes.resolveNow(entity("x", Optional.of(BOOLEAN)), changes("deleted_at", "now"), now))
                .containsEntry("deleted_at", "now");
    }
}
