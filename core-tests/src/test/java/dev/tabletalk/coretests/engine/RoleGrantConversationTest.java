package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RoleGrant;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.FixedClock;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Column grants (#14) through the conversation engine: a role's reads show only its granted columns (no value of
 * another column reaches the reply), its create form asks only for fields it may set, and a create that would need
 * a field it may not set is refused at once, without naming that field, instead of asking for it.
 */
@Tag("invariant-6")
class RoleGrantConversationTest {

    private static final UserContext SUPPORT = UserContext.of("u-5", "support", "101");
    private static final UserContext CLERK = UserContext.of("u-6", "clerk", "101");

    private final EntityCatalog catalog = Catalogs.shop();
    private final ScriptedPlanner planner = new ScriptedPlanner();
    private ConversationEngine engine;

    @BeforeEach
    void setUp() {
        RolePolicy roles = RolePolicy.of(Map.of(
                "support",
                RoleGrant.forEntities(
                                Map.of(Intent.READ, Set.of("customers", "products"), Intent.CREATE, Set.of("products")))
                        .withColumns("customers", Set.of("id", "name"))
                        .withColumns("products", Set.of("id", "sku", "name", "price")),
                "clerk",
                RoleGrant.forEntities(Map.of(Intent.READ, Set.of("products"), Intent.CREATE, Set.of("products")))
                        .withColumns("products", Set.of("id", "name", "price", "stock"))));
        InMemoryExecutor executor = new InMemoryExecutor(catalog, Limits.defaults(), roles, ReadOnlyMode.off());
        executor.insert(
                "customers",
                Map.of(
                        "id",
                        1L,
                        "company_id",
                        101L,
                        "name",
                        "Customer 1",
                        "status",
                        "active",
                        "notes",
                        "CANARY-notes"));
        engine = ConversationEngine.builder()
                .schemaCatalog(new StaticSchemaCatalog(catalog))
                .planner(planner)
                .executor(executor)
                .auditLog(new RecordingAuditLog())
                .clock(FixedClock.at("2026-03-01T10:00:00Z"))
                .roles(roles)
                .build();
        planner.on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
                .on("add a product", PlannerOutput.create("products", Map.of(), ScriptedPlanner.TRACE));
    }

    private Reply say(UserContext user, String session, String message) {
        return engine.handle(ChatRequest.of(session, user, message));
    }

    @Test
    void aReadShowsOnlyTheGrantedColumns() {
        Reply reply = say(SUPPORT, "s-1", "show customers");

        assertThat(reply.part(ReplyPart.Rows.class).orElseThrow().rows().columns())
                .containsExactly("id", "name");
        assertThat(ReplyWire.toMap(reply).toString())
                .doesNotContain("CANARY-notes")
                .doesNotContain("active");
    }

    @Test
    void aCreateAsksOnlyForGrantedFieldsAndIsRefusedWhenItWouldNeedAnUngrantedOne() {
        Reply asked = say(SUPPORT, "s-2", "add a product");
        Reply refused = say(CLERK, "s-3", "add a product");

        assertThat(asked.stage()).isEqualTo(Stage.COLLECTING);
        assertThat(asked.part(ReplyPart.MissingFields.class).orElseThrow().fields())
                .containsExactly("sku", "name", "price");
        assertThat(refused.refusal()).as("%s", refused).isPresent();
        assertThat(refused.refusal()).map(r -> r.code()).contains(RefusalCode.ROLE_FORBIDS);
        assertThat(refused.text()).doesNotContain("sku");
    }
}
