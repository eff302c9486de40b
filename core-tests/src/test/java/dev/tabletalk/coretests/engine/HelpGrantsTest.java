package dev.tabletalk.coretests.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code help} offers write examples from the caller's grants, not from words in the entities' names. */
class HelpGrantsTest {

    private final EntityCatalog catalog = EntityCatalog.of(List.of(addresses()));
    private final ConversationEngine engine = ConversationEngine.builder()
            .schemaCatalog(new StaticSchemaCatalog(catalog))
            .planner(new ScriptedPlanner())
            .executor(new InMemoryExecutor(catalog, Limits.defaults()))
            .auditLog(new RecordingAuditLog())
            .build();

    private String help(UserContext user) {
        return engine.handle(ChatRequest.newSession(user, "help")).text();
    }

    @Test
    void aViewerOfAnEntityCalledAddressesIsOfferedNoWrites() {
        String text = help(Users.viewer());

        assertThat(text)
                .contains("addresses (read)")
                .contains("'show addresses'")
                .doesNotContain("add a")
                .doesNotContain("set the");
    }

    @Test
    void anEditorIsOfferedWrites() {
        String text = help(Users.editor());

        assertThat(text)
                .contains("addresses (read, add, change)")
                .contains("'add a ...'")
                .contains("'set the ... of ... to ...'");
    }

    private static Entity addresses() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                // the tenant's own table (a table without it would be shared, read-only reference data for tenants)
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("street", ValueType.TEXT).nullable(false).build());
        List<FormField> street = List.of(new FormField("street", "not null"));
        Form form = new Form(
                street,
                List.of(),
                List.of(new FormField("id", "key"), new FormField("street", "shown")),
                List.of(new FormField("id", "key")),
                street);
        return new Entity(
                "public",
                "addresses",
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "an ordinary table with a primary key",
                form);
    }
}
