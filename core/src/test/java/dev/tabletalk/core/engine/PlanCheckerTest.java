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
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlanCheckerTest {

    private static final UserContext EDITOR = new UserContext("ada", "editor", Optional.empty(), Map.of());
    private static final UserContext VIEWER = new UserContext("bo", "viewer", Optional.empty(), Map.of());

    private final List<PlannerRequest> requests = new ArrayList<>();
    private final ReadOnlyMode readOnly = ReadOnlyMode.off();
    private PlannerOutput next;

    private final Planner planner = new Planner() {
        @Override
        public PlannerOutput plan(PlannerRequest request) {
            requests.add(request);
            return next;
        }

        @Override
        public String name() {
            return "fake";
        }
    };

    private final PlanChecker checker = new PlanChecker(
            planner,
            new PlanValidator(Limits.defaults(), RolePolicy.defaults(), readOnly),
            () -> EntityCatalog.of(List.of(customers())));

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
    void aValidReadIsReturnedWithTheCatalogsNamesAndTheLimitAsked() {
        next = new PlannerOutput(
                Intent.READ,
                Optional.of("Customers"),
                Map.of(),
                List.of(Filter.of("id", Op.EQ, 7)),
                List.of(),
                OptionalInt.of(5),
                Optional.empty(),
                PlannerTrace.offline("fake"));

        PlanCheck check = checker.checkPlan("show customer 7", EDITOR);

        assertThat(check.refusal()).isEmpty();
        assertThat(check.intent()).isEqualTo(Intent.READ);
        assertThat(check.entity()).contains("customers");
        assertThat(check.filters())
                .singleElement()
                .satisfies(f -> assertThat(((Filter) f).field()).isEqualTo("id"));
        assertThat(check.limit()).hasValue(5);
        assertThat(requests)
                .singleElement()
                .satisfies(r -> assertThat(r.message()).isEqualTo("show customer 7"));
    }

    @Test
    void anUpdateIsValidatedAsTheConversationWouldAndARoleRefusalKeepsThePlannersReading() {
        next = PlannerOutput.update(
                "customers", Map.of("city", "Oslo"), List.of(Filter.of("id", Op.EQ, 7)), PlannerTrace.offline("fake"));

        PlanCheck editor = checker.checkPlan("set the city of customer 7 to Oslo", EDITOR);
        PlanCheck viewer = checker.checkPlan("set the city of customer 7 to Oslo", VIEWER);

        assertThat(editor.refusal()).isEmpty();
        assertThat(editor.fields()).containsEntry("city", "Oslo");
        assertThat(editor.limit()).as("only a read has a limit").isEmpty();
        assertThat(viewer.refusal()).map(Refusal::code).contains(RefusalCode.ROLE_FORBIDS);
        assertThat(viewer.intent()).isEqualTo(Intent.UPDATE);
        assertThat(viewer.entity()).contains("customers");
    }

    @Test
    void anUpdateWithoutAFilterIsRefused() {
        next = PlannerOutput.update("customers", Map.of("city", "Oslo"), List.of(), PlannerTrace.offline("fake"));

        assertThat(checker.checkPlan("set every city to Oslo", EDITOR).refusal())
                .isPresent();
    }

    @Test
    void theRefusalOfThePlannerAndAnUnknownReadingAreRefusals() {
        next = PlannerOutput.refused(
                Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, "No deletes."), PlannerTrace.offline("fake"));
        assertThat(checker.checkPlan("delete customer 7", EDITOR).refusal())
                .map(Refusal::code)
                .contains(RefusalCode.DELETE_NOT_ALLOWED);

        next = PlannerOutput.unknown(PlannerTrace.offline("fake"));
        assertThat(checker.checkPlan("hello", EDITOR).refusal())
                .map(Refusal::code)
                .contains(RefusalCode.NOT_UNDERSTOOD);
    }

    @Test
    void aCreateWithMissingRequiredFieldsIsNoProblemHere() {
        next = PlannerOutput.create("customers", Map.of("city", "Oslo"), PlannerTrace.offline("fake"));

        PlanCheck check = checker.checkPlan("add a customer in Oslo", EDITOR);

        assertThat(check.refusal()).isEmpty();
        assertThat(check.intent()).isEqualTo(Intent.CREATE);
    }
}
