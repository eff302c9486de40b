package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.create;
import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.f;
import static dev.tabletalk.securitytests.Plans.read;
import static dev.tabletalk.securitytests.Plans.update;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static dev.tabletalk.securitytests.SecureShop.OTHER_EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The second audit's tenancy cases (PUB-097 to PUB-101) on the real stack over PostgreSQL: the schema catalog
 * reads the foreign keys, decides each entity's tenancy, and the engine and executor scope every statement by it.
 * The fixture's {@code order_lines} (via orders and products), {@code line_notes} (two hops), {@code countries}
 * (shared) and the view {@code customer_names} (hidden) carry no tenant column. G1-G7 hold after every case.
 * The same rules run on MariaDB, SQLite and H2 in {@link TenancyOnEveryDatabaseIT} and the executor contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("invariant-7")
class TenancyCatalogueIT {

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start("tenancy");
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void pub097_aChildTableWithoutTheTenantColumnShowsAndChangesOnlyTheCallersRows() {
        CaseRun run = new CaseRun(shop);
        List<Map<String, Object>> mine = rows(run.plan(EDITOR, read("order_lines")));
        Reply theirs = run.plan(EDITOR, update("order_lines", Map.of("quantity", 40), eq("id", 4)));
        Reply missing = run.plan(EDITOR, update("order_lines", Map.of("quantity", 40), eq("id", 4444)));
        Reply wide = run.plan(EDITOR, update("order_lines", Map.of("quantity", 40), f("id", Op.GE, 1)));
        List<Map<String, Object>> notes = rows(run.plan(EDITOR, read("line_notes")));

        assertThat(mine).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L);
        assertThat(refusal(theirs)).isEqualTo(refusal(missing));
        assertThat(refusal(theirs).code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(wide.part(ReplyPart.Preview.class).orElseThrow().preview().changes())
                .as("only the caller's three lines would change")
                .hasSize(3);
        assertThat(notes).extracting(r -> r.get("id")).containsExactly(1L);
        run.assertGlobal();
    }

    @Test
    void pub097_theCallersOwnChildRowsAreChangedThroughPreviewAndConfirm() {
        CaseRun run = new CaseRun(shop);
        Reply preview = run.plan(EDITOR, update("order_lines", Map.of("quantity", 12), f("id", Op.IN, List.of(1, 4))));
        SecureShop.assertCommitted(
                run.confirm(EDITOR, preview.sessionId(), SecureShop.previewId(preview)), Intent.UPDATE, 1);

        assertThat(shop.queryString("select string_agg(id || '=' || quantity, ',' order by id) from order_lines"))
                .isEqualTo("1=12,2=2,3=3,4=4,5=5,6=6");
        run.assertGlobalAfterConfirmedChange();
        shop.harnessSql("update order_lines set quantity = 1 where id = 1");
    }

    @Test
    void pub098_aViewWithoutTheTenantColumnAnswersLikeAnEntityThatDoesNotExist() {
        CaseRun run = new CaseRun(shop);
        Reply view = run.plan(EDITOR, read("customer_names"));
        Reply missing = run.plan(EDITOR, read("customer_namez"));
        SchemaView schema = shop.tableTalk.catalogView().schemaFor(EDITOR);

        assertThat(refusal(view).code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(refusal(view).message().replace("customer_names", "X"))
                .isEqualTo(refusal(missing).message().replace("customer_namez", "X"));
        assertThat(schema.entities())
                .extracting(SchemaView.EntityView::name)
                .doesNotContain("customer_names")
                .contains("order_lines", "countries");
        assertThat(schema.entity("order_lines").orElseThrow().tenancy()).isEqualTo("via");
        assertThat(schema.entity("countries").orElseThrow().tenancy()).isEqualTo("shared");
        assertThat(schema.entity("customers").orElseThrow().tenancy()).isEqualTo("direct");
        run.assertGlobal();
    }

    @Test
    void pub099_referenceDataIsReadableByEveryTenantAndWritableByNoTenant() {
        CaseRun run = new CaseRun(shop);
        List<Map<String, Object>> mine = rows(run.plan(EDITOR, read("countries")));
        List<Map<String, Object>> theirs = rows(run.plan(OTHER_EDITOR, read("countries")));
        Reply change = run.plan(EDITOR, update("countries", Map.of("name", "Deutschland"), eq("code", "DE")));
        Reply add = run.plan(
                UserContext.of("u-9001", "admin", "101"), create("countries", Map.of("code", "IT", "name", "Italy")));

        assertThat(mine).hasSize(2).isEqualTo(theirs);
        assertThat(refusal(change).code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        assertThat(refusal(change).message()).contains("shared");
        assertThat(refusal(add).code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        run.assertGlobal();
    }

    @Test
    void pub100_pointingARowAtAnotherTenantsParentAnswersLikeANonexistentParentAtPreview() {
        CaseRun run = new CaseRun(shop);
        Reply otherTenant = run.plan(EDITOR, update("orders", Map.of("customer_id", 9001), eq("id", 1)));
        Reply nonexistent = run.plan(EDITOR, update("orders", Map.of("customer_id", 99999), eq("id", 1)));
        Reply lineToTheirOrder = run.plan(EDITOR, update("order_lines", Map.of("order_id", 900), eq("id", 1)));
        Reply lineToNoOrder = run.plan(EDITOR, update("order_lines", Map.of("order_id", 90909), eq("id", 1)));
        Reply newLineUnderTheirOrder = run.plan(
                EDITOR, create("order_lines", Map.of("id", 70, "order_id", 900, "product_id", 1, "quantity", 1)));

        for (Reply reply : List.of(otherTenant, nonexistent, lineToTheirOrder, lineToNoOrder, newLineUnderTheirOrder)) {
            assertThat(reply.part(ReplyPart.Preview.class))
                    .as("no preview in %s", reply)
                    .isEmpty();
        }
        assertThat(refusal(otherTenant).code()).isIn(RefusalCode.FOREIGN_KEY_VIOLATION, RefusalCode.FIELD_NOT_WRITABLE);
        assertThat(refusal(otherTenant).message().replace("9001", "N"))
                .isEqualTo(refusal(nonexistent).message().replace("99999", "N"));
        assertThat(refusal(lineToTheirOrder).code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(refusal(lineToTheirOrder).message().replace("900", "N"))
                .isEqualTo(refusal(lineToNoOrder).message().replace("90909", "N"));
        assertThat(refusal(newLineUnderTheirOrder).code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(shop.queryString("select customer_id::text from orders where id = 1"))
                .isEqualTo("1");
        run.assertGlobal();
    }

    @Test
    void pub101_aTenantColumnThatNoTableHasIsSaidPlainlyAndLeavesEverythingReadOnly() {
        try (SecureShop misconfigured =
                SecureShop.start("notenant", Limits.defaults().withTenantColumn("tenant_key"))) {
            CaseRun run = new CaseRun(misconfigured);
            Reply read = run.plan(EDITOR, read("countries"));
            Reply change = run.plan(EDITOR, update("products", Map.of("stock", 3), eq("id", 1)));

            assertThat(misconfigured.tableTalk.tenancies().hasDirect()).isFalse();
            assertThat(rows(read)).hasSize(2);
            assertThat(refusal(change).code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
            run.assertGlobal();
        }
    }

    private static List<Map<String, Object>> rows(Reply reply) {
        return reply.part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError("no rows in " + reply))
                .rows()
                .rows();
    }

    private static Refusal refusal(Reply reply) {
        Optional<Refusal> refusal = reply.refusal();
        assertThat(refusal).as("a refusal in %s", reply).isPresent();
        return refusal.get();
    }
}
