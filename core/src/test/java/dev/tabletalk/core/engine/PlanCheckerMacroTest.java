package dev.tabletalk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.macro.ParamType;
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
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** #14: {@code tabletalk plan} reads a macro call as the conversation does, before the planner. */
class PlanCheckerMacroTest {

    private static final UserContext EDITOR = UserContext.of("u-1", "editor");
    private static final UserContext VIEWER = UserContext.of("u-2", "viewer");

    private final AtomicInteger plannerCalls = new AtomicInteger();

    private final Planner planner = new Planner() {
        @Override
        public PlannerOutput plan(PlannerRequest request) {
            plannerCalls.incrementAndGet();
            return PlannerOutput.unknown(PlannerTrace.offline("fake"));
        }

        @Override
        public String name() {
            return "fake";
        }
    };

    private final Macro rename = new Macro(
            "move customer",
            "",
            Map.of("id", ParamType.INTEGER),
            Map.of(
                    "intent",
                    "update",
                    "entity",
                    "customers",
                    "filters",
                    List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                    "fields",
                    Map.of("city", "Berlin")));

    private final PlanChecker checker = new PlanChecker(
            planner,
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), ReadOnlyMode.off()),
            () -> EntityCatalog.of(List.of(customers())),
            new SystemClock(),
            Macros.of(List.of(rename)));

    private static Entity customers() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("name", ValueType.TEXT).nullable(false).build(),
                Column.builder("city", ValueType.TEXT).build());
        Form form = new Form(
                fields("name"),
                fields("city"),
                fields("id", "name", "city"),
                fields("id", "name", "city"),
                fields("name", "city"));
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
                form);
    }

    private static List<FormField> fields(String... names) {
        return Stream.of(names).map(n -> new FormField(n, "test")).toList();
    }

    @Test
    void aMacroCallIsCheckedAsItsPlanWithoutThePlanner() {
        PlanCheck check = checker.checkPlan("move customer 7", EDITOR);

        assertThat(check.refusal()).isEmpty();
        assertThat(check.intent()).isEqualTo(Intent.UPDATE);
        assertThat(check.fields()).isEqualTo(Map.of("city", "Berlin"));
        assertThat(check.filters()).containsExactly(Filter.eq("id", 7L));
        assertThat(check.interpretation()).contains("macro 'move customer' (id = 7)");
        assertThat(plannerCalls).hasValue(0);
    }

    @Test
    void aRoleThatMayNotRunItAMissingAndAWrongArgumentAreRefusals() {
        assertThat(checker.checkPlan("move customer 7", VIEWER)
                        .refusal()
                        .orElseThrow()
                        .code())
                .isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(checker.checkPlan("move customer", EDITOR)
                        .refusal()
                        .orElseThrow()
                        .message())
                .startsWith("Which id?");
        assertThat(checker.checkPlan("move customer seven", EDITOR)
                        .refusal()
                        .orElseThrow()
                        .code())
                .isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(plannerCalls).hasValue(0);
    }
}
