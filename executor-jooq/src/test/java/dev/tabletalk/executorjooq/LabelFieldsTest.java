package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.ForeignKeyLabels;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * How a label's sub-select scopes its parent: on the parent's alias, never on the outer table's name. The
 * contract proves direct parents on every database; a parent reached through foreign keys ({@code via}) is
 * pinned here, since the shop has no via entity with text to label it by.
 */
class LabelFieldsTest {

    private final EntityCatalog catalog = ShopFixture.catalog("", FixtureDatabase.H2);

    @Test
    void aViaParentsTenantPathsStartAtTheParentsAlias() {
        Entity notes = catalog.find("line_notes").orElseThrow();
        Entity lines = catalog.find("order_lines").orElseThrow();
        TenantScope scope = new TenantScope(catalog.tenancies("company_id"), Users.editor());
        ForeignKeyLabels.Label label = new ForeignKeyLabels.Label("line_id", lines, "id", List.of("quantity"));

        String sql = DSL.using(SQLDialect.H2)
                .renderInlined(DSL.select(new LabelFields(notes, List.of(label), scope).fields()));

        assertThat(sql)
                .contains("from \"order_lines\" \"tt_label_1\"")
                .contains("\"tt_label_1\".\"id\" = \"line_notes\".\"line_id\"")
                // both tenant paths of order_lines (through orders and through products) start at the alias
                .contains("\"tt_scope_1\".\"id\" = \"tt_label_1\".\"order_id\"")
                .contains("\"tt_scope_1\".\"id\" = \"tt_label_1\".\"product_id\"")
                .contains("\"tt_scope_1\".\"company_id\" = 101")
                .doesNotContain("\"order_lines\".\"order_id\"")
                .contains("\"tt_label_1_1\"");
    }

    @Test
    void aDirectParentIsScopedByItsTenantColumnOnTheAlias() {
        Entity orders = catalog.find("orders").orElseThrow();
        Entity customers = catalog.find("customers").orElseThrow();
        TenantScope scope = new TenantScope(catalog.tenancies("company_id"), Users.editor());
        ForeignKeyLabels.Label label = ForeignKeyLabels.of(catalog, orders, List.of("id", "customer_id"), e -> true)
                .get(0);

        String sql = DSL.using(SQLDialect.H2)
                .renderInlined(DSL.select(new LabelFields(orders, List.of(label), scope).fields()));

        assertThat(label.parent()).isEqualTo(customers);
        assertThat(label.labelColumns()).containsExactly("name");
        assertThat(sql).contains("\"tt_label_1\".\"company_id\" = 101").contains("select \"tt_label_1\".\"name\"");
    }
}
