package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.port.out.PlannerRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner stays fast on a 2,000-table schema: it indexes a view once and then plans in milliseconds. */
class RulesPlannerLargeSchemaTest {

    private static final String[] NOUNS = {"customer", "order", "invoice", "product", "supplier", "shipment",
            "warehouse", "employee", "contract", "ticket", "asset", "vehicle", "booking", "payment", "account"};
    private static final String[] QUALIFIERS = {"archive", "history", "detail", "line", "note", "tag", "link",
            "event", "audit", "rule", "price", "stock", "plan", "review", "version"};

    @Test
    void plansInMillisecondsOnTwoThousandTables() {
        SchemaView view = SchemaView.of(catalog(2000));
        RulesPlanner planner = RulesPlanner.create();
        List<String> messages = List.of("show customers where city is Berlin", "list the 10 most recent invoices",
                "add a product named Widget with price 9.99", "set the status of ticket 42 to closed",
                "show warehouse stock 7", "find custmers with email ada@x.org", "delete invoice 5",
                "show vehicle bookings created after 2024-01-01");
        long first = System.nanoTime();
        planner.plan(PlannerRequest.standalone(messages.get(0), view));
        long firstMillis = (System.nanoTime() - first) / 1_000_000;
        long[] times = new long[200];
        for (int n = 0; n < times.length; n++) {
            long start = System.nanoTime();
            planner.plan(PlannerRequest.standalone(messages.get(n % messages.size()), view));
            times[n] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        double median = times[times.length / 2] / 1e6;
        double p95 = times[times.length * 95 / 100] / 1e6;
        System.out.printf("[planner-rules] 2,000 tables: first plan (builds the index) %d ms; warm median %.2f ms,"
                + " p95 %.2f ms%n", firstMillis, median, p95);
        assertThat(planner.plan(PlannerRequest.standalone("show customers where city is Berlin", view)).entity())
                .contains("customers");
        assertThat(firstMillis).as("first plan incl. indexing").isLessThan(3_000);
        assertThat(median).as("warm median ms").isLessThan(25);
    }

    static EntityCatalog catalog(int tables) {
        List<Entity> entities = new ArrayList<>();
        entities.add(table("customers", List.of("customer_id", "name", "email", "city", "status", "created_at")));
        entities.add(table("invoices", List.of("invoice_id", "customer_id", "total", "status", "issued_on")));
        entities.add(table("products", List.of("product_id", "name", "price", "stock")));
        entities.add(table("tickets", List.of("ticket_id", "title", "status", "opened_at")));
        for (int i = entities.size(); i < tables; i++) {
            String name = NOUNS[i % NOUNS.length] + "_" + QUALIFIERS[(i / NOUNS.length) % QUALIFIERS.length] + "_" + i;
            List<String> columns = new ArrayList<>();
            columns.add("id");
            for (int c = 1; c < 15; c++) {
                columns.add(QUALIFIERS[(i + c) % QUALIFIERS.length] + "_" + NOUNS[(i * c) % NOUNS.length] + "_" + c);
            }
            entities.add(table(name, columns));
        }
        return EntityCatalog.of(entities);
    }

    private static Entity table(String name, List<String> columnNames) {
        List<Column> columns = new ArrayList<>();
        for (String column : columnNames) {
            ValueType type = column.endsWith("id") || column.equals("stock") ? ValueType.INTEGER
                    : column.endsWith("_at") || column.endsWith("_on") ? ValueType.TIMESTAMP
                    : column.equals("total") || column.equals("price") ? ValueType.DECIMAL : ValueType.TEXT;
            columns.add(Column.builder(column, type).nullable(!column.equals(columnNames.get(0))).build());
        }
        List<FormField> all = columnNames.stream().map(c -> new FormField(c, "test")).toList();
        List<FormField> rest = all.subList(1, all.size());
        Form form = new Form(List.of(), rest, all, all, rest);
        return new Entity("public", name, EntityKind.TABLE, columns, List.of(columnNames.get(0)), List.of(), List.of(),
                List.of(), Optional.empty(), Exposure.READ_WRITE, "test", form);
    }
}
