package dev.tabletalk.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.reply.ReplyWire;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlanTreeTest {

    @Test
    void readsWhatPlanJsonWritesBackToTheSamePlan() {
        ReadPlan plan = new ReadPlan(
                "orders",
                List.of(),
                List.of(
                        AnyOf.of(Filter.eq("status", "open"), Not.of(Filter.of("total", Op.LT, new BigDecimal("9.5")))),
                        Related.of("customer_id", "customers", Filter.of("city", Op.IN, List.of("Berlin", "Paris"))),
                        Filter.of("shipped_at", Op.IS_NULL, null)),
                List.of(Sort.descending("count")),
                OptionalInt.of(10),
                20,
                Optional.of(Aggregate.count("status")),
                DeletedRows.INCLUDED);
        // the keys plan --json prints for a read (PlanCommand), through core's own wire writers
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", "how many orders per status");
        json.put("intent", "read");
        json.put("entity", "orders");
        json.put("fields", Map.of());
        json.put("filters", ReplyWire.filters(plan.filters()));
        json.put("select", plan.fields());
        json.put("orderBy", ReplyWire.orderBy(plan.orderBy()));
        json.put("limit", 10);
        json.put("offset", 20);
        json.put("after", null);
        json.put("aggregate", ReplyWire.aggregate(plan.aggregate()));
        json.put("deleted", "included");
        json.put("question", null);
        json.put("interpretation", "number of orders ...");
        json.put("refusal", null);

        assertThat(PlanTree.toPlan(json)).isEqualTo(plan);
    }

    @Test
    void readsWritesWithTheirFieldsAndWholeNumbersAsLongs() {
        Map<String, Object> update = new HashMap<>();
        update.put("intent", "update");
        update.put("entity", "customers");
        update.put("fields", mapWithNull("notes"));
        update.put("filters", List.of(Map.of("field", "id", "op", "=", "value", 42)));

        assertThat(PlanTree.toPlan(update))
                .isEqualTo(new UpdatePlan("customers", mapWithNull("notes"), List.of(Filter.eq("id", 42L))));
        assertThat(PlanTree.toPlan(Map.of(
                        "intent", "create", "entity", "customers", "fields", Map.of("name", "Ada", "rate", 1.5))))
                .isEqualTo(new CreatePlan("customers", Map.of("name", "Ada", "rate", new BigDecimal("1.5"))));
    }

    @Test
    void refusesWhatIsNoPlanToRun() {
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of("intent", "delete", "entity", "customers")))
                .hasMessageContaining("intent 'delete'");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of("intent", "read"))).hasMessageContaining("'entity' is missing");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of("intent", "read", "entity", "c", "sql", "DROP TABLE c")))
                .hasMessageContaining("unknown key 'sql'");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of("intent", "read", "entity", "c", "refusal", Map.of())))
                .hasMessageContaining("'refusal'");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of(
                        "intent",
                        "create",
                        "entity",
                        "c",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", 1)))))
                .hasMessageContaining("a create has no filters");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of("intent", "update", "entity", "c", "limit", 5)))
                .hasMessageContaining("'limit' applies to a read");
        assertThatThrownBy(() -> PlanTree.toPlan(Map.of(
                        "intent",
                        "read",
                        "entity",
                        "c",
                        "filters",
                        List.of(Map.of("field", "id", "op", "like", "value", 1)))))
                .hasMessageContaining("'like' is not an operator");
    }

    private static Map<String, Object> mapWithNull(String field) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", "inactive");
        map.put(field, null);
        return map;
    }
}
