package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.FieldRole;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageBPromptTest {

    static final int LIMIT = 1_950;

    /** 400 columns with long comments; columns 390-399 are required on create, 0 is the key. */
    static EntityView wide() {
        List<ColumnView> columns = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Set<FieldRole> roles = i == 0
                    ? Set.of(FieldRole.PRIMARY_KEY, FieldRole.FILTER)
                    : i >= 390
                            ? Set.of(FieldRole.CREATE_REQUIRED, FieldRole.UPDATE)
                            : Set.of(FieldRole.READ, FieldRole.CREATE_OPTIONAL, FieldRole.UPDATE);
            columns.add(new ColumnView(
                    "attribute_number_" + i,
                    ValueType.TEXT,
                    List.of(),
                    Optional.of("A long operator comment explaining what attribute " + i + " means for the business"),
                    true,
                    roles));
        }
        return new EntityView("wide_table", Optional.empty(), true, List.of("attribute_number_0"), columns);
    }

    @Test
    void aWideEntityIsCutToTheColumnsThatMatterWithinTheBudget() {
        EntityView wide = wide();
        SchemaView schema = new SchemaView("f", List.of(wide));
        PlannerRequest request = PlannerRequest.standalone("add a wide table row", schema);

        String prompt = PromptBudget.stageBPrompt(request, Intent.CREATE, wide, false, LIMIT);

        assertThat(Tokens.count(prompt)).isLessThanOrEqualTo(LIMIT);
        for (int i = 390; i < 400; i++) {
            assertThat(prompt).contains("- attribute_number_" + i + ": text; create (required)");
        }
        assertThat(prompt).contains("more fields are not listed").doesNotContain("A long operator comment");
    }

    @Test
    void theFieldTheEngineAskedForIsListedFirst() {
        EntityView wide = wide();
        SchemaView schema = new SchemaView("f", List.of(wide));
        PlannerRequest request = new PlannerRequest(
                "blue",
                Stage.COLLECTING,
                Optional.of(Intent.CREATE),
                Optional.of("wide_table"),
                Optional.of("attribute_number_250"),
                List.of(),
                schema);

        String prompt = PromptBudget.stageBPrompt(request, Intent.CREATE, wide, true, LIMIT);

        assertThat(prompt).contains("- attribute_number_250: text");
        assertThat(prompt.indexOf("attribute_number_250")).isLessThan(prompt.indexOf("attribute_number_390"));
    }

    @Test
    void anOrdinaryEntityIsListedWholeWithComments() {
        EntityCatalog catalog = TestSchemas.clinic();
        SchemaView schema = SchemaView.of(catalog);
        EntityView patients = schema.entity("patients").orElseThrow();

        String prompt =
                PromptBudget.stageBPrompt(PlannerRequest.standalone("x", schema), Intent.READ, patients, false, LIMIT);

        assertThat(prompt)
                .contains("- status: one of \"active\"|\"discharged\"; create, update, filter")
                .doesNotContain("not listed");
    }

    @Test
    void foreignKeysAreMarkedAndTheFieldsOfTheEntitiesTheyPointAtListed() {
        SchemaView shop = SchemaView.of(Catalogs.shop());
        EntityView orders = shop.entity("orders").orElseThrow();

        String prompt = PromptBudget.stageBPrompt(
                PlannerRequest.standalone("orders of Ada", shop), Intent.READ, orders, false, LIMIT);

        assertThat(prompt)
                .containsPattern("- customer_id: integer;[^\\n]*-> customers")
                .contains("Filter fields of customers (for via): ")
                .contains("\"via\"");
        // hidden entities and columns are in no list (INV-6)
        assertThat(prompt).doesNotContain("users_auth", "api_tokens", "password");
    }

    @Test
    void theInstructionsForThePlanLanguageKeepTheirShareOfTheBudget() {
        // #13: 570 estimated tokens before the plan language v2, 708 with it, 777 with the clarifying question form
        // (its one line costs 69 estimated tokens), 804 with today's date and the date rules (concrete days, a date
        // alone is a whole day, between includes both ends), 832 with relationship filters (the via form, partly
        // paid for by writing the JSON shapes without spaces); the columns get the rest
        SchemaView shop = SchemaView.of(Catalogs.shop());
        EntityView customers = shop.entity("customers").orElseThrow();
        PlannerRequest request = PlannerRequest.standalone("show customers", shop);

        int fixed = Tokens.count(Prompts.stageB(request, Intent.READ, customers, false, 0, List.of()));

        assertThat(fixed).isLessThanOrEqualTo(835);
        int forColumns = PlannerConfig.DEFAULT_TOKEN_BUDGET
                - PromptBudget.RETRY_RESERVE
                - Tokens.count(Prompts.userMessage(request.message()))
                - fixed;
        assertThat(forColumns).isGreaterThanOrEqualTo(1_100);
    }
}
