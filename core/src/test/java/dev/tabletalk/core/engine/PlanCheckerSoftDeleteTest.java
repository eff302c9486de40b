package dev.tabletalk.core.engine;

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
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code plan} command on an entity with a soft-delete marker (#13). */
class PlanCheckerSoftDeleteTest {

    private static final UserContext EDITOR = UserContext.of("u-1", "editor", "101");
    private static final PlannerTrace TRACE = PlannerTrace.offline("fake");

    private PlannerOutput next;

    private final Planner planner = new Planner() {
        @Override
        public PlannerOutput plan(PlannerRequest request) {
            return next;
        }

        @Override
        public String name() {
            return "fake";
        }
    };

    private final PlanChecker checker = new PlanChecker(
            planner,
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off()),
            () -> EntityCatalog.of(List.of(customers())));

    private static Entity customers() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("name", ValueType.TEXT).nullable(false).build(),
                Column.builder("deleted_at", ValueType.TIMESTAMP_TZ).build());
        Form form = new Form(fields("name"), fields(), fields("id", "name"), fields("id", "name"), fields("name"));
        return new Entity(
                        "public",
                        "customers",
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
                .withSoftDelete(Optional.of(new SoftDelete("deleted_at", SoftDelete.Kind.TIMESTAMP, "test")));
    }

    private static List<FormField> fields(String... names) {
        return Stream.of(names).map(n -> new FormField(n, "test")).toList();
    }

    @Test
    void aSoftDeleteIsShownAsAnUpdateOfTheMarkerToNow() {
        next = PlannerOutput.update("customers", Map.of("deleted_at", "now"), List.of(Filter.eq("id", 5)), TRACE);

        PlanCheck check = checker.checkPlan("delete customer 5", EDITOR);

        assertThat(check.refusal()).isEmpty();
        assertThat(check.intent()).isEqualTo(Intent.UPDATE);
        assertThat(check.fields()).containsExactly(Map.entry("deleted_at", "now"));
    }

    @Test
    void aReadSaysWhichRowsItCounts() {
        next = PlannerOutput.read("customers", List.of(), TRACE);
        PlanCheck plain = checker.checkPlan("show customers", EDITOR);
        next = PlannerOutput.read("customers", List.of(), TRACE).withDeleted(DeletedRows.ONLY);
        PlanCheck only = checker.checkPlan("show deleted customers", EDITOR);

        assertThat(plain.interpretation()).hasValueSatisfying(t -> assertThat(t).endsWith("not counting deleted"));
        assertThat(only.interpretation()).hasValueSatisfying(t -> assertThat(t).endsWith("deleted only"));
    }
}
