package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.testkit.fixtures.GeneratedCatalogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner copes with a 2,000-table schema: it indexes a view once and plans every later message
 * from that index. How fast that is, is measured in {@code benchmarks} ({@code RulesPlannerBenchmark},
 * {@code -Pbenchmarks}), against a small schema in the same run; this test counts the work instead.
 */
class RulesPlannerLargeSchemaTest {

    @Test
    void indexesTwoThousandTablesOnceAndPlansEveryLaterMessageFromThatIndex() {
        EntityCatalog catalog = GeneratedCatalogs.wide(2000);
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
        planner.plan(PlannerRequest.standalone("show customers", SchemaView.of(GeneratedCatalogs.wide(20))));
        assertThat(planner.indexesBuilt())
                .as("another schema is indexed on its own")
                .isEqualTo(2);
    }
}
