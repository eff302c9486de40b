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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The planner copes with a 2,000-table schema: it indexes a view once and plans every later message
 * from that index. How fast that is, is measured in {@code benchmarks} ({@code RulesPlannerBenchmark},
 * {@code -Pbenchmarks}), against a small schema in the same run; this test counts the work instead.
 */
class RulesPlannerLargeSchemaTest {

    private static final String[] NOUNS = {
        "customer",
        "order",
        "invoice",
        "product",
        "supplier",
        "shipment",
        "warehouse",
        "employee",
        "contract",
        "ticket",
        "asset",
        "vehicle",
        "booking",
        "payment",
        "account"
    };
    private static final String[] QUALIFIERS = {
        "archive", "history", "detail", "line", "note", "tag", "link", "event", "audit", "rule", "price", "stock",
        "plan", "review", "version"
    };

    @Test
    void indexesTwoThousandTablesOnceAndPlansEveryLaterMessageFromThatIndex() {
        EntityCatalog catalog = catalog(2000);
        SchemaView view = SchemaView.of(catalog);
        RulesPlanner planner = RulesPlanner.create();
        List<String> messages = List.of(
                "show customers where city is Berlin",
                "list the 10 most recent invoices",
                "add a product named Widget with price 9.99",
                "set the status of ticket 42 to closed",
                "show warehouse stock 7",
                "find custmers with email ada@x.org",
                "delete invoice 5",
                "show vehicle bookings created after 2024-01-01");

        assertThat(planner.plan(PlannerRequest.standalone(messages.get(0), view))
                        .entity())
                .contains("customers");
        for (int n = 0; n < 200; n++) {
            planner.plan(PlannerRequest.standalone(messages.get(n % messages.size()), view));
        }
        // the same schema read again (a new view of an equal catalog) is the same index
        planner.plan(PlannerRequest.standalone("show customers", SchemaView.of(catalog)));

        assertThat(planner.indexesBuilt())
                .as("schema indexes built for 202 messages on one schema")
                .isEqualTo(1);
        assertThat(planner.plan(PlannerRequest.standalone("list the 10 most recent invoices", view))
                        .entity())
                .contains("invoices");
        planner.plan(PlannerRequest.standalone("show customers", SchemaView.of(catalog(20))));
        assertThat(planner.indexesBuilt())
                .as("another schema is indexed on its own")
                .isEqualTo(2);
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
            ValueType type = column.endsWith("id") || column.equals("stock")
                    ? ValueType.INTEGER
                    : column.endsWith("_at") || column.endsWith("_on")
                            ? ValueType.TIMESTAMP
                            : column.equals("total") || column.equals("price") ? ValueType.DECIMAL : ValueType.TEXT;
            columns.add(Column.builder(column, type)
                    .nullable(!column.equals(columnNames.get(0)))
                    .build());
        }
        List<FormField> all =
                columnNames.stream().map(c -> new FormField(c, "test")).toList();
        List<FormField> rest = all.subList(1, all.size());
        Form form = new Form(List.of(), rest, all, all, rest);
        return new Entity(
                "public",
                name,
                EntityKind.TABLE,
                columns,
                List.of(columnNames.get(0)),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "test",
                form);
    }
}
