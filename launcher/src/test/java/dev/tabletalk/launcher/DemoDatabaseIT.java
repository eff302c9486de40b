package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo shop through the real catalog, executor and engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDatabaseIT {

    private static final UserContext EDITOR_1 = UserContext.of("mia", "editor", "1");

    private DemoDatabase shop;
    private TableTalk tableTalk;

    @BeforeAll
    void start() {
        shop = DemoDatabase.inMemory();
        tableTalk = TableTalk.builder()
                .targetDatabase(shop.url())
                .catalogOptions(shop.catalogOptions())
                .auditStore("jdbc:h2:mem:audit_demo_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .build();
    }

    @AfterAll
    void stop() {
        tableTalk.close();
        shop.close();
    }

    @Test
    void exposesTheShopHidesSecretsAndBookkeepingAndMakesTheKeylessTableReadOnly() {
        EntityCatalog catalog = tableTalk.schema();
        Map<String, Exposure> exposure =
                catalog.entities().stream().collect(Collectors.toMap(Entity::name, Entity::exposure));
        assertThat(exposure)
                .containsEntry("customers", Exposure.READ_WRITE)
                .containsEntry("products", Exposure.READ_WRITE)
                .containsEntry("orders", Exposure.READ_WRITE)
                .containsEntry("order_items", Exposure.READ_WRITE)
                .containsEntry("employees", Exposure.READ_WRITE)
                .containsEntry("users", Exposure.HIDDEN)
                .containsEntry("api_tokens", Exposure.HIDDEN)
                .containsEntry("flyway_schema_history", Exposure.HIDDEN)
                .containsEntry("page_views", Exposure.READ_ONLY);
    }

    @Test
    @Tag("invariant-6")
    void theChatUsersSchemaViewNamesNothingHidden() {
        SchemaView view = tableTalk.catalogView().schemaFor(EDITOR_1);
        assertThat(view.entities())
                .extracting(SchemaView.EntityView::name)
                .contains("customers", "orders", "page_views")
                .doesNotContain("users", "api_tokens", "flyway_schema_history");
        assertThat(view.entities())
                .allSatisfy(entity -> assertThat(entity.columns())
                        .extracting(SchemaView.ColumnView::name)
                        .doesNotContain("password_hash", "token"));
    }

    @Test
    void anUnknownRoleSeesNoEntities() {
        assertThat(tableTalk
                        .catalogView()
                        .schemaFor(UserContext.of("x", "stranger", "1"))
                        .entities())
                .isEmpty();
    }

    @Test
    @Tag("invariant-7")
    void companyTwoRowsAreNeverShownToCompanyOne() {
        Conversations chat = tableTalk.conversations();
        Reply all = chat.handle(ChatRequest.newSession(EDITOR_1, "show orders"));
        assertThat(all.part(ReplyPart.Rows.class)).hasValueSatisfying(rows -> {
            assertThat(rows.rows().rows()).isNotEmpty();
            assertThat(rows.rows().rows())
                    .allSatisfy(row -> assertThat(String.valueOf(row.getOrDefault("company_id", "1")))
                            .isEqualTo("1"));
            assertThat(rows.rows().rows()).extracting(row -> row.get("id")).doesNotContain(1002, 1005, 1007);
        });
        Reply otherTenantsOrder = chat.handle(ChatRequest.newSession(EDITOR_1, "show order 1002"));
        assertThat(otherTenantsOrder.part(ReplyPart.Rows.class))
                .hasValueSatisfying(rows -> assertThat(rows.rows().rows()).isEmpty());
        Reply askedForTheOtherTenant =
                chat.handle(ChatRequest.newSession(EDITOR_1, "show customers where company_id = 2"));
        askedForTheOtherTenant
                .part(ReplyPart.Rows.class)
                .ifPresent(rows -> assertThat(rows.rows().rows())
                        .extracting(row -> row.get("name"))
                        .doesNotContain("Linus Torvalds", "Margaret Hamilton", "Dennis Ritchie"));
        Reply update = chat.handle(ChatRequest.newSession(EDITOR_1, "set the status of order 1002 to cancelled"));
        assertThat(update.part(ReplyPart.Preview.class)).isEmpty();
    }

    @Test
    @Tag("invariant-4")
    void anUpdateChangesNothingUntilItsPreviewIsConfirmed() {
        Conversations chat = tableTalk.conversations();
        Reply preview = chat.handle(ChatRequest.newSession(EDITOR_1, "set the city of customer 103 to Leeds"));
        assertThat(preview.stage()).isEqualTo(Stage.PREVIEW);
        assertThat(cityOfCustomer103()).isEqualTo("Manchester");

        Reply cancelled = chat.handle(ChatRequest.of(preview.sessionId(), EDITOR_1, "cancel"));
        assertThat(cancelled.stage()).isEqualTo(Stage.IDLE);
        assertThat(cityOfCustomer103()).isEqualTo("Manchester");

        Reply again =
                chat.handle(ChatRequest.of(preview.sessionId(), EDITOR_1, "set the city of customer 103 to Leeds"));
        Reply confirmed = chat.handle(ChatRequest.of(again.sessionId(), EDITOR_1, "confirm"));
        assertThat(confirmed.part(ReplyPart.Committed.class)).isPresent();
        assertThat(cityOfCustomer103()).isEqualTo("Leeds");
        Reply twice = chat.handle(ChatRequest.of(again.sessionId(), EDITOR_1, "confirm"));
        assertThat(twice.part(ReplyPart.Committed.class)).isEmpty();
    }

    @Test
    void aDeleteIsRefused() {
        Reply reply = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR_1, "delete customer 104"));
        assertThat(reply.refusal())
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.DELETE_NOT_ALLOWED));
    }

    @Test
    void checkingAPlanRunsNothing() {
        PlanCheck check = tableTalk.checkPlan("set the city of customer 101 to Paris", EDITOR_1);
        assertThat(check.isRefused()).isFalse();
        assertThat(check.entity()).contains("customers");
        assertThat(check.fields()).containsEntry("city", "Paris");
        Reply read = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR_1, "show customer 101"));
        assertThat(read.part(ReplyPart.Rows.class))
                .hasValueSatisfying(
                        rows -> assertThat(rows.rows().rows().get(0)).containsEntry("city", "London"));
    }

    private Object cityOfCustomer103() {
        Reply read = tableTalk.conversations().handle(ChatRequest.newSession(EDITOR_1, "show customer 103"));
        return read.part(ReplyPart.Rows.class)
                .orElseThrow()
                .rows()
                .rows()
                .get(0)
                .get("city");
    }
}
