package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Diagnosis;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.schemacatalog.CatalogOptions;
import dev.tabletalk.schemacatalog.CatalogOverrides;
import dev.tabletalk.schemacatalog.ColumnOverride;
import dev.tabletalk.schemacatalog.EntityOverride;
import dev.tabletalk.schemacatalog.TenancyOverride;
import dev.tabletalk.testkit.db.DatabaseServer;
import dev.tabletalk.testkit.db.DatabaseServers;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The catalog overrides (#14) through the whole stack on PostgreSQL, the real executor included: a hidden entity
 * answers like one that does not exist, a masked column comes back masked, a hidden column is not there, a
 * read-only entity refuses a create at preview, and a tenancy override hides an entity from tenants; a loosening
 * override stops the build.
 */
class CatalogOverridesStackIT {

    private static final UserContext EDITOR = UserContext.of("u-1", "editor", "1");
    private static final UserContext ADMIN = new UserContext("root", "admin", Optional.empty(), Map.of());

    private final DatabaseServer server = DatabaseServers.postgres();
    private String database;

    private final ScriptedPlanner planner = new ScriptedPlanner()
            .on("show countries", PlannerOutput.read("countries", List.of(), ScriptedPlanner.TRACE))
            .on("show customers", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
            .on("show orders", PlannerOutput.read("orders", List.of(), ScriptedPlanner.TRACE))
            .on("show notes", PlannerOutput.read("customers", List.of(), ScriptedPlanner.TRACE))
            .on(
                    "add an order",
                    PlannerOutput.create("orders", Map.of("customer_id", 1, "status", "new"), ScriptedPlanner.TRACE));

    @BeforeEach
    void createDatabase() throws SQLException {
        database = server.createDatabase("tt_overrides");
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("create table countries (code text primary key, name text not null)");
            statement.execute("create table customers (id serial primary key, company_id integer not null, "
                    + "name text not null, phone text, notes text)");
            statement.execute("create table orders (id serial primary key, customer_id integer not null "
                    + "references customers(id), status text not null)");
            statement.execute("create table api_tokens (id serial primary key, label text)");
            statement.execute("insert into countries values ('DE', 'Germany')");
            statement.execute("insert into customers (company_id, name, phone, notes) values "
                    + "(1, 'Ada', '+49 30 1234567', 'pays late')");
            statement.execute("insert into orders (customer_id, status) values (1, 'new')");
        }
    }

    @AfterEach
    void dropDatabase() {
        server.dropDatabase(database);
    }

    private TableTalk build(CatalogOverrides overrides) {
        return TableTalk.builder()
                .targetDatabase(server.urlWithUser(database))
                .catalogOptions(CatalogOptions.builder().overrides(overrides).build())
                .auditStore("jdbc:h2:mem:overrides_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .planner(planner)
                .build();
    }

    private static Reply say(TableTalk tableTalk, UserContext user, String message) {
        return tableTalk.conversations().handle(ChatRequest.newSession(user, message));
    }

    private static RowSet rows(Reply reply) {
        return reply.part(ReplyPart.Rows.class)
                .orElseThrow(() -> new AssertionError("no rows: " + reply.text()))
                .rows();
    }

    @Test
    @Tag("invariant-6")
    void exposureOverridesDecideWhatTheExecutorServes() {
        CatalogOverrides overrides = CatalogOverrides.builder()
                .entity("countries", EntityOverride.exposure(Exposure.HIDDEN))
                .entity(
                        "customers",
                        EntityOverride.columns(Map.of(
                                "phone", ColumnOverride.of(ColumnExposure.MASKED),
                                "notes", ColumnOverride.of(ColumnExposure.HIDDEN))))
                .entity("orders", EntityOverride.exposure(Exposure.READ_ONLY))
                .build();
        try (TableTalk tableTalk = build(overrides)) {
            Reply countries = say(tableTalk, ADMIN, "show countries");
            assertThat(countries.refusal()).map(Refusal::code).contains(RefusalCode.UNKNOWN_ENTITY);
            assertThat(countries.part(ReplyPart.Rows.class)).isEmpty();
            assertThat(countries.text()).doesNotContain("Germany");

            RowSet customers = rows(say(tableTalk, EDITOR, "show customers"));
            assertThat(customers.columns()).contains("phone").doesNotContain("notes");
            Object phone = customers.rows().get(0).get("phone");
            assertThat(String.valueOf(phone)).isNotEqualTo("+49 30 1234567").doesNotContain("1234567");
            assertThat(customers.rows().get(0)).doesNotContainValue("pays late");

            assertThat(rows(say(tableTalk, EDITOR, "show orders")).rows()).hasSize(1);
            Reply add = say(tableTalk, EDITOR, "add an order");
            assertThat(add.part(ReplyPart.Preview.class)).isEmpty();
            assertThat(add.refusal()).map(Refusal::code).contains(RefusalCode.ENTITY_READ_ONLY);
        }
    }

    @Test
    void withoutOverridesTheSameStackServesEverything() {
        try (TableTalk tableTalk = build(CatalogOverrides.none())) {
            assertThat(rows(say(tableTalk, ADMIN, "show countries")).rows()).hasSize(1);
            RowSet customers = rows(say(tableTalk, EDITOR, "show customers"));
            assertThat(customers.rows().get(0)).containsEntry("phone", "+49 30 1234567");
            assertThat(say(tableTalk, EDITOR, "add an order").part(ReplyPart.Preview.class))
                    .isPresent();
        }
    }

    @Test
    @Tag("invariant-7")
    void aTenancyOverrideHidesAnEntityAndALooseningOneStopsTheBuild() {
        try (TableTalk tableTalk = build(CatalogOverrides.builder()
                .tenancy("orders", TenancyOverride.HIDDEN)
                .build())) {
            Reply orders = say(tableTalk, EDITOR, "show orders");
            assertThat(orders.refusal()).map(Refusal::code).contains(RefusalCode.UNKNOWN_ENTITY);
            assertThat(rows(say(tableTalk, EDITOR, "show customers")).rows()).hasSize(1);
        }
        assertThatThrownBy(() -> build(CatalogOverrides.builder()
                                .tenancy("orders", TenancyOverride.SHARED)
                                .build())
                        .close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tenancy.entities.orders")
                .hasMessageContaining("would loosen isolation");
    }

    @Test
    @Tag("invariant-6")
    void doctorWarnsAboutEveryAllowSecret() {
        CatalogOptions options = CatalogOptions.builder()
                .overrides(CatalogOverrides.builder()
                        .entity(
                                "api_tokens",
                                EntityOverride.exposure(Exposure.READ_ONLY).withAllowSecret())
                        .build())
                .build();

        Diagnosis withSecret = Doctor.check(server.urlWithUser(database), Optional.empty(), options);
        Diagnosis without = Doctor.check(server.urlWithUser(database), Optional.empty(), CatalogOptions.defaults());

        assertThat(withSecret.warnings()).anySatisfy(w -> assertThat(w).contains("entities.api_tokens", "allowSecret"));
        assertThat(without.warnings()).noneSatisfy(w -> assertThat(w).contains("allowSecret"));
        assertThat(withSecret.exposedEntities()).isEqualTo(without.exposedEntities() + 1);
    }
}
