package dev.tabletalk.core.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacroTest {

    static final Macro DEACTIVATE = new Macro(
            "deactivate customer",
            "Mark a customer inactive",
            Map.of("id", ParamType.INTEGER),
            Map.of(
                    "intent",
                    "update",
                    "entity",
                    "customers",
                    "filters",
                    List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                    "fields",
                    Map.of("status", "inactive")));

    static final Macro REVENUE = new Macro(
            "revenue in month",
            "Total invoiced in a month",
            Map.of("month", ParamType.MONTH),
            Map.of(
                    "intent",
                    "read",
                    "entity",
                    "invoices",
                    "aggregate",
                    Map.of("fn", "sum", "field", "total"),
                    "filters",
                    List.of(Map.of("field", "invoice_date", "op", "between", "value", "{month}"))));

    private final EntityCatalog catalog = EntityCatalog.of(List.of(
            entity(
                    "customers",
                    Column.builder("id", ValueType.INTEGER).build(),
                    Column.builder("status", ValueType.TEXT).build(),
                    Column.builder("city", ValueType.TEXT).build(),
                    Column.builder("password_hash", ValueType.TEXT)
                            .exposure(ColumnExposure.HIDDEN, "secret")
                            .build()),
            entity(
                    "invoices",
                    Column.builder("id", ValueType.INTEGER).build(),
                    Column.builder("invoice_date", ValueType.DATE).build(),
                    Column.builder("total", ValueType.DECIMAL).build())));

    private static Entity entity(String name, Column... columns) {
        return new Entity(
                "public",
                name,
                EntityKind.TABLE,
                List.of(columns),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "table",
                Form.empty());
    }

    @Test
    void fillsAWholeValueWithItsArgument() {
        Plan plan = DEACTIVATE.toPlan(Map.of("id", 42L));

        assertThat(plan)
                .isEqualTo(new UpdatePlan(
                        "customers", Map.of("status", "inactive"), List.of(Filter.of("id", Op.EQ, 42L))));
    }

    @Test
    void aMonthFillsABetweenWithItsFirstAndLastDay() {
        ReadPlan plan = (ReadPlan) REVENUE.toPlan(Map.of("month", YearMonth.of(2025, 3)));

        assertThat(plan.filters())
                .containsExactly(Filter.of("invoice_date", Op.BETWEEN, List.of("2025-03-01", "2025-03-31")));
        assertThat(plan.aggregate()).contains(Aggregate.of(Aggregate.Fn.SUM, "total"));
        ReadPlan february = (ReadPlan) REVENUE.toPlan(Map.of("month", YearMonth.of(2024, 2)));
        assertThat(february.filters().get(0))
                .isEqualTo(Filter.of("invoice_date", Op.BETWEEN, List.of("2024-02-01", "2024-02-29")));
    }

    @Test
    void datesBecomeIsoTextAndNumbersKeepTheirType() {
        Map<String, ParamType> params = new LinkedHashMap<>();
        params.put("since", ParamType.DATE);
        params.put("limit", ParamType.NUMBER);
        Macro macro = new Macro(
                "big invoices since",
                "",
                params,
                Map.of(
                        "intent",
                        "read",
                        "entity",
                        "invoices",
                        "filters",
                        List.of(
                                Map.of("field", "invoice_date", "op", ">=", "value", "{since}"),
                                Map.of("field", "total", "op", ">", "value", "{limit}"))));

        Plan plan = macro.toPlan(Map.of("since", LocalDate.of(2025, 1, 31), "limit", new BigDecimal("99.5")));

        assertThat(plan.filters())
                .containsExactly(
                        Filter.of("invoice_date", Op.GE, "2025-01-31"),
                        Filter.of("total", Op.GT, new BigDecimal("99.5")));
        assertThat(macro.problems(catalog)).isEmpty();
    }

    @Test
    void aMissingOrMistypedArgumentIsRefused() {
        assertThatThrownBy(() -> DEACTIVATE.toPlan(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEACTIVATE.toPlan(Map.of("id", "42"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wellFormedMacrosHaveNoProblems() {
        assertThat(DEACTIVATE.problems(catalog)).isEmpty();
        assertThat(REVENUE.problems(catalog)).isEmpty();
    }

    @Test
    void unknownEntitiesAndFieldsAreProblemsNamingTheMacro() {
        Macro unknownEntity = new Macro(
                "archive order",
                "",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "orders",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                        "fields",
                        Map.of("status", "archived")));
        Macro unknownField = new Macro(
                "customers in city",
                "",
                Map.of("city", ParamType.TEXT),
                Map.of(
                        "intent",
                        "read",
                        "entity",
                        "customers",
                        "select",
                        List.of("id", "password_hash"),
                        "filters",
                        List.of(Map.of("field", "town", "op", "=", "value", "{city}"))));

        assertThat(unknownEntity.problems(catalog)).containsExactly("macro 'archive order': unknown entity 'orders'");
        assertThat(unknownField.problems(catalog))
                .containsExactlyInAnyOrder(
                        "macro 'customers in city': unknown field 'password_hash' of customers",
                        "macro 'customers in city': unknown field 'town' of customers");
    }

    @Test
    void undeclaredUnusedAndMisplacedParametersAreProblems() {
        Macro undeclared = new Macro(
                "deactivate",
                "",
                Map.of("id", ParamType.INTEGER, "reason", ParamType.TEXT),
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "customers",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{customer}")),
                        "fields",
                        Map.of("status", "inactive")));
        Macro inAName = new Macro(
                "show table", "", Map.of("table", ParamType.TEXT), Map.of("intent", "read", "entity", "{table}"));
        Macro monthOutsideBetween = new Macro(
                "invoices on",
                "",
                Map.of("month", ParamType.MONTH),
                Map.of(
                        "intent", "read",
                        "entity", "invoices",
                        "filters", List.of(Map.of("field", "invoice_date", "op", "=", "value", "{month}"))));
        Macro partOfText = new Macro(
                "customers named",
                "",
                Map.of("name", ParamType.TEXT),
                Map.of(
                        "intent", "read",
                        "entity", "customers",
                        "filters", List.of(Map.of("field", "city", "op", "=", "value", "Mr {name}"))));

        assertThat(undeclared.problems(catalog))
                .anyMatch(p -> p.startsWith("macro 'deactivate': '{customer}' is not a declared parameter"))
                .contains(
                        "macro 'deactivate': parameter 'id' is declared but not used in the plan",
                        "macro 'deactivate': parameter 'reason' is declared but not used in the plan");
        assertThat(inAName.problems(catalog))
                .containsExactly("macro 'show table': '{table}' stands where a name belongs; a parameter may stand"
                        + " only for a value");
        assertThat(monthOutsideBetween.problems(catalog))
                .containsExactly(
                        "macro 'invoices on': month parameter 'month' may only be the whole value of a between filter");
        assertThat(partOfText.problems(catalog)).hasSize(1).allMatch(p -> p.contains("must be a whole value"));
    }

    @Test
    void anUnquotedPlaceholderThatYamlReadAsAMappingIsExplained() {
        Map<String, Object> yamlValue = new LinkedHashMap<>();
        yamlValue.put("id", null);
        Macro unquoted = new Macro(
                "deactivate customer",
                "",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "customers",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", yamlValue)),
                        "fields",
                        Map.of("status", "inactive")));

        assertThat(unquoted.problems(catalog))
                .containsExactly("macro 'deactivate customer': write \"{id}\" in quotes: unquoted, YAML reads {id} as a"
                        + " mapping");
    }

    @Test
    void aTemplateOutsideThePlanShapeIsAProblem() {
        Macro deleting = new Macro(
                "purge customer",
                "",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent", "delete",
                        "entity", "customers",
                        "filters", List.of(Map.of("field", "id", "op", "=", "value", "{id}"))));
        Macro badOp = new Macro(
                "odd",
                "",
                Map.of("id", ParamType.INTEGER),
                Map.of(
                        "intent", "read",
                        "entity", "customers",
                        "filters", List.of(Map.of("field", "id", "op", "~", "value", "{id}"))));

        assertThat(deleting.problems(catalog))
                .containsExactly("macro 'purge customer': the plan is not in the plan --json shape: intent 'delete' is"
                        + " not one of read, create, update");
        assertThat(badOp.problems(catalog)).hasSize(1).allMatch(p -> p.contains("'~' is not an operator"));
    }

    @Test
    void usageNamesTheParametersInOrder() {
        Map<String, ParamType> params = new LinkedHashMap<>();
        params.put("id", ParamType.INTEGER);
        params.put("status", ParamType.TEXT);
        Macro macro = new Macro("  set   status ", "", params, Map.of("intent", "read", "entity", "customers"));

        assertThat(macro.name()).isEqualTo("set status");
        assertThat(macro.usage()).isEqualTo("set status <id> <status>");
    }
}
