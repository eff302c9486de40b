package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.EntityView;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

    static final SchemaView SHOP = SchemaView.of(Catalogs.shop());
    static final EntityView CUSTOMERS = SHOP.entity("customers").orElseThrow();

    private static SchemaCheck.Result detail(Intent intent, Map<String, Object> fields, List<ConditionAnswer> filters) {
        return SchemaCheck.detail(new Answers.DetailAnswer(fields, filters, List.of(), null), intent, CUSTOMERS, false);
    }

    private static ConditionAnswer.FilterAnswer filter(String field, String op, Object value) {
        return new ConditionAnswer.FilterAnswer(field, op, value);
    }

    @Test
    void resolvesEntitiesExactlyOrByAUniqueCaseInsensitiveMatch() {
        assertThat(SchemaCheck.intent(new Answers.IntentAnswer("read", "Customers"), SHOP))
                .isEqualTo(new SchemaCheck.Target(Intent.READ, Optional.of(CUSTOMERS)));
        assertThat(SchemaCheck.intent(new Answers.IntentAnswer("read", null), SHOP))
                .isEqualTo(new SchemaCheck.Target(Intent.READ, Optional.empty()));
        assertThat(SchemaCheck.intent(new Answers.IntentAnswer("delete", "customers"), SHOP))
                .isInstanceOf(SchemaCheck.Delete.class);
    }

    @Test
    @Tag("invariant-6")
    void aHiddenEntityIsAnErrorExactlyLikeAnUnknownOne() {
        SchemaCheck.Stage hidden = SchemaCheck.intent(new Answers.IntentAnswer("read", "api_tokens"), SHOP);
        SchemaCheck.Stage unknown = SchemaCheck.intent(new Answers.IntentAnswer("read", "zz_tokens"), SHOP);

        assertThat(hidden).isInstanceOf(SchemaCheck.Errors.class);
        assertThat(((SchemaCheck.Errors) hidden).errors().get(0).replace("api_tokens", "N"))
                .isEqualTo(((SchemaCheck.Errors) unknown).errors().get(0).replace("zz_tokens", "N"));
    }

    @Test
    @Tag("invariant-6")
    void aHiddenColumnIsAnErrorAndTheListOfFieldsNamesVisibleOnesOnly() {
        SchemaCheck.Result result = detail(Intent.READ, Map.of(), List.of(filter("password_hash", "=", "x")));

        assertThat(result.detail()).isEmpty();
        assertThat(result.errors())
                .singleElement()
                .asString()
                .startsWith("customers has no field 'password_hash'; its fields are: id, company_id, name")
                .doesNotContain("password_hash,");
    }

    @Test
    void acceptsAValidReadWithCanonicalNamesAndTheModelsValues() {
        SchemaCheck.Result result = detail(
                Intent.READ,
                Map.of(),
                List.of(
                        filter("STATUS", "=", "blocked"),
                        filter("credit_limit", "between", List.of(100L, new BigDecimal("200.5"))),
                        filter("name", "starts_with", "Ad"),
                        filter("created_at", "is_null", null)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.detail().orElseThrow().filters())
                .containsExactly(
                        Filter.eq("status", "blocked"),
                        Filter.of("credit_limit", Op.BETWEEN, List.of(100L, new BigDecimal("200.5"))),
                        Filter.of("name", Op.STARTS_WITH, "Ad"),
                        Filter.of("created_at", Op.IS_NULL, null));
    }

    @Test
    void refusesOperatorsOutsideTheCoreSetAndOperatorsThatDoNotFitTheType() {
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("name", "LIKE", "%a%")))
                        .errors())
                .singleElement()
                .asString()
                .startsWith("op 'LIKE' is not allowed; use one of =, !=");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("status", ">", "active")))
                        .errors())
                .singleElement()
                .asString()
                .contains("cannot be compared with >");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("credit_limit", "contains", "5")))
                        .errors())
                .singleElement()
                .asString()
                .contains("works only on text fields");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("credit_limit", "between", List.of(1L))))
                        .errors())
                .singleElement()
                .asString()
                .contains("exactly two values");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("name", "=", null)))
                        .errors())
                .singleElement()
                .asString()
                .contains("needs a value");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("name", "is_null", "x")))
                        .errors())
                .singleElement()
                .asString()
                .contains("takes no value");
    }

    @Test
    void refusesValuesThatDoNotCoerceToTheColumnType() {
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("id", "=", "forty-two")))
                        .errors())
                .singleElement()
                .asString()
                .startsWith("value for 'id'");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("status", "=", "sleeping")))
                        .errors())
                .singleElement()
                .asString()
                .startsWith("value for 'status'");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("created_at", ">", "last week")))
                        .errors())
                .singleElement()
                .asString()
                .startsWith("value for 'created_at'");
    }

    @Test
    void fieldsMustBeAllowedForTheIntentAndFiltersForFiltering() {
        assertThat(detail(Intent.UPDATE, Map.of("created_at", "2024-01-01T00:00:00Z"), List.of())
                        .errors())
                .singleElement()
                .asString()
                .startsWith("field 'created_at' cannot be set in an update of customers");
        assertThat(detail(Intent.READ, Map.of(), List.of(filter("notes", "contains", "x")))
                        .errors())
                .singleElement()
                .asString()
                .startsWith("rows of customers cannot be picked by 'notes'");
        assertThat(detail(Intent.READ, Map.of("name", "Ada"), List.of()).errors())
                .contains("a read sets no fields: put conditions in filters and leave fields {}");
        assertThat(detail(Intent.CREATE, Map.of("name", "Ada"), List.of(filter("id", "=", 1L)))
                        .errors())
                .contains("a create has no filters: put the values in fields and leave filters []");
    }

    @Test
    void acceptsAnUpdateAndKeepsNullAsAValue() {
        SchemaCheck.Result result = detail(Intent.UPDATE, mapWithNull("notes"), List.of(filter("id", "=", 7L)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.detail().orElseThrow().fields()).containsEntry("notes", null);
    }

    @Test
    void orderingAndLimitAreForReadsOnly() {
        SchemaCheck.Result update = SchemaCheck.detail(
                new Answers.DetailAnswer(
                        Map.of("name", "x"), List.of(), List.of(new Answers.SortAnswer("name", "desc")), 5),
                Intent.UPDATE,
                CUSTOMERS,
                false);

        assertThat(update.errors())
                .contains("orderBy is only for reads; leave it []", "limit is only for reads; leave it null");
        SchemaCheck.Result read = SchemaCheck.detail(
                new Answers.DetailAnswer(Map.of(), List.of(), List.of(new Answers.SortAnswer("email", "desc")), 5),
                Intent.READ,
                CUSTOMERS,
                false);
        assertThat(read.errors()).containsExactly("results cannot be ordered by 'email'");
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, null);
        return map;
    }

    @Test
    void aTreeWithOneWrongLeafIsRefusedWithEveryError() {
        ConditionAnswer tree = new ConditionAnswer.AnyOfAnswer(List.of(
                filter("name", "ends_with", "son"),
                new ConditionAnswer.NotAnswer(filter("password_hash", "=", "x")),
                filter("status", "not_in", List.of("gone"))));

        SchemaCheck.Result result = detail(Intent.READ, Map.of(), List.of(tree));

        assertThat(result.detail()).isEmpty();
        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0)).startsWith("customers has no field 'password_hash'");
        assertThat(result.errors().get(1)).startsWith("value for 'status'");
    }

    @Test
    void moreThanTwentyLeavesInAllAreTooMany() {
        List<ConditionAnswer> leaves = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            leaves.add(filter("id", "=", i));
        }

        SchemaCheck.Result result = detail(Intent.READ, Map.of(), List.of(new ConditionAnswer.AnyOfAnswer(leaves)));

        assertThat(result.errors()).containsExactly("too many conditions: at most 20 filters in all");
        assertThat(detail(Intent.READ, Map.of(), List.of(new ConditionAnswer.AnyOfAnswer(leaves.subList(0, 20))))
                        .errors())
                .isEmpty();
    }

    @Test
    void anAggregateIsCheckedLikeTheEngineChecksIt() {
        SchemaCheck.Result masked = SchemaCheck.detail(
                new Answers.DetailAnswer(
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        new Answers.AggregateAnswer("min", "email", List.of())),
                Intent.READ,
                CUSTOMERS,
                false);
        SchemaCheck.Result answering = SchemaCheck.detail(
                new Answers.DetailAnswer(
                        Map.of(),
                        List.of(),
                        List.of("name"),
                        List.of(),
                        null,
                        null,
                        new Answers.AggregateAnswer("count", null, List.of())),
                Intent.READ,
                CUSTOMERS,
                true);

        assertThat(masked.errors()).containsExactly("results cannot be aggregated by 'email'");
        assertThat(answering.errors())
                .containsExactly("select is only for reads; leave it []", "aggregate is only for reads; leave it null");
    }
}
