package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rules planner's soft-delete forms (#13) on Sakila with markers added to {@code customer} and {@code film}. */
class RulesPlannerSoftDeleteTest {

    private static final SchemaView SOFT = SchemaView.of(marked());

    private final RulesPlanner planner = RulesPlanner.create();

    private static EntityCatalog marked() {
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : SampleSchemas.sakilaCatalog().entities()) {
            if (entity.name().equals("customer")) {
                entity = withMarker(entity, "deleted_at", ValueType.TIMESTAMP, SoftDelete.Kind.TIMESTAMP);
            } else if (entity.name().equals("film")) {
                entity = withMarker(entity, "is_deleted", ValueType.BOOLEAN, SoftDelete.Kind.BOOLEAN);
            }
            entities.add(entity);
        }
        return EntityCatalog.of(entities);
    }

    private static Entity withMarker(Entity entity, String column, ValueType type, SoftDelete.Kind kind) {
        List<Column> columns = new ArrayList<>(entity.columns());
        columns.add(Column.builder(column, type).build());
        return entity.withColumns(columns).withSoftDelete(Optional.of(new SoftDelete(column, kind, "test")));
    }

    private PlannerOutput plan(String message, SchemaView schema) {
        return planner.plan(PlannerRequest.standalone(message, schema));
    }

    @Test
    @Tag("invariant-1")
    void deleteOnAnEntityWithATimestampMarkerIsAnUpdateOfTheMarkerToNow() {
        PlannerOutput output = plan("delete customer 5", SOFT);

        assertThat(output.refusal()).isEmpty();
        assertThat(output.intent()).isEqualTo(Intent.UPDATE);
        assertThat(output.entity()).isPresent();
        assertThat(output.fields()).containsExactly(Map.entry("deleted_at", SoftDelete.NOW));
        assertThat(output.filters()).hasSize(1);
        assertThat(((Filter) output.filters().get(0)).value()).hasToString("5");
    }

    @Test
    void deleteAndRestoreOnABooleanMarkerSetItToTrueAndFalse() {
        PlannerOutput delete = plan("delete film 7", SOFT);
        PlannerOutput restore = plan("restore film 7", SOFT);

        assertThat(delete.intent()).isEqualTo(Intent.UPDATE);
        assertThat(delete.fields()).containsEntry("is_deleted", true);
        assertThat(restore.intent()).isEqualTo(Intent.UPDATE);
        assertThat(restore.fields()).containsEntry("is_deleted", false);
    }

    @Test
    void restoreOfATimestampMarkerSetsItBackToNull() {
        PlannerOutput restore = plan("restore customer 5", SOFT);

        assertThat(restore.intent()).isEqualTo(Intent.UPDATE);
        assertThat(restore.fields()).containsEntry("deleted_at", null).hasSize(1);
    }

    @Test
    @Tag("invariant-1")
    void entitiesWithoutAMarkerAndMessagesThatAreMoreThanADeleteAreStillRefused() {
        for (String message : List.of(
                "delete actor 3",
                "drop table customer",
                "delete customer 5 and drop table film",
                "truncate customer")) {
            PlannerOutput output = plan(message, SOFT);
            assertThat(output.refusal()).as(message).isPresent();
            assertThat(output.refusal().get().code()).as(message).isEqualTo(RefusalCode.DELETE_NOT_ALLOWED);
            assertThat(output.intent()).as(message).isEqualTo(Intent.UNKNOWN);
        }
        assertThat(plan("delete customer 5", SampleSchemas.sakila()).refusal())
                .as("the same words without a marker")
                .map(r -> r.code())
                .contains(RefusalCode.DELETE_NOT_ALLOWED);
    }

    @Test
    void readsIncludeDeletedRowsOrOnlyThemWhenAsked() {
        PlannerOutput plain = plan("show customers", SOFT);
        PlannerOutput including = plan("show customers including deleted", SOFT);
        PlannerOutput only = plan("show deleted customers", SOFT);

        assertThat(plain.deleted()).isEqualTo(DeletedRows.EXCLUDED);
        assertThat(including.intent()).isEqualTo(Intent.READ);
        assertThat(including.deleted()).isEqualTo(DeletedRows.INCLUDED);
        assertThat(only.intent()).isEqualTo(Intent.READ);
        assertThat(only.deleted()).isEqualTo(DeletedRows.ONLY);
        assertThat(only.entity()).isEqualTo(plain.entity());
    }

    @Test
    void aQuestionAboutAReadIncludingDeletedRowsKeepsThemInEveryChoice() {
        // #13: "newest" fits release_year and last_update; both choices count deleted films too
        PlannerOutput output = plan("the newest films including deleted", SOFT);

        assertThat(output.question().orElseThrow().choices())
                .extracting(choice -> ((ReadPlan) choice.plan()).deleted())
                .containsExactly(DeletedRows.INCLUDED, DeletedRows.INCLUDED);
    }
}
