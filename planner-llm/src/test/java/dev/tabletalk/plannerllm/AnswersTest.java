package dev.tabletalk.plannerllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void parsesAStageAAnswer() {
        Answers.Parsed<Answers.IntentAnswer> parsed =
                Answers.parseIntent("{\"intent\":\"read\",\"entity\":\"customers\"}");

        assertThat(parsed.isOk()).isTrue();
        assertThat(parsed.value()).isEqualTo(new Answers.IntentAnswer("read", "customers"));
    }

    @Test
    void refusesUnknownKeysSoNothingCanBeSmuggledAlong() {
        Answers.Parsed<Answers.IntentAnswer> parsed =
                Answers.parseIntent("{\"intent\":\"read\",\"entity\":\"customers\",\"raw_sql\":\"DROP TABLE x\"}");

        assertThat(parsed.isOk()).isFalse();
        assertThat(parsed.errors())
                .singleElement()
                .asString()
                .contains("unknown key 'raw_sql'")
                .contains("intent")
                .contains("entity");
    }

    @Test
    void refusesDuplicateKeysAndTrailingContent() {
        assertThat(Answers.parseIntent("{\"intent\":\"read\",\"intent\":\"update\"}")
                        .isOk())
                .isFalse();
        assertThat(Answers.parseIntent("{\"intent\":\"read\"} {\"intent\":\"update\"}")
                        .isOk())
                .isFalse();
    }

    @Test
    void refusesAnIntentOutsideTheClosedSet() {
        Answers.Parsed<Answers.IntentAnswer> parsed = Answers.parseIntent("{\"intent\":\"execute_sql\"}");

        assertThat(parsed.errors())
                .containsExactly("intent: intent must be one of read, create, update, delete, unknown");
        assertThat(Answers.parseIntent("{\"entity\":\"customers\"}").errors())
                .containsExactly("intent: intent is missing");
        assertThat(Answers.parseIntent("{\"intent\":\"READ\"}").isOk()).isFalse();
    }

    @Test
    void refusesTextArraysAndNullInsteadOfAnObject() {
        assertThat(Answers.parseIntent("Sure, here you go").errors())
                .singleElement()
                .asString()
                .startsWith("the answer is not the JSON object asked for");
        assertThat(Answers.parseIntent("[]").isOk()).isFalse();
        assertThat(Answers.parseIntent("null").isOk()).isFalse();
        assertThat(Answers.parseIntent("   ").isOk()).isFalse();
    }

    @Test
    void takesTheJsonOutOfAMarkdownFence() {
        assertThat(Answers.parseIntent("```json\n{\"intent\":\"unknown\",\"entity\":null}\n```")
                        .value())
                .isEqualTo(new Answers.IntentAnswer("unknown", null));
    }

    @Test
    void takesTheObjectAfterALeadingSentenceButStillParsesItStrictly() {
        assertThat(Answers.parseIntent("Here is the JSON:\n{\"intent\":\"read\",\"entity\":\"x\"}")
                        .value())
                .isEqualTo(new Answers.IntentAnswer("read", "x"));
        assertThat(Answers.parseIntent("Here: {\"intent\":\"read\",\"sql\":\"x\"}")
                        .isOk())
                .isFalse();
        assertThat(Answers.parseIntent("{\"intent\":\"read\"} and that is all").isOk())
                .isFalse();
    }

    @Test
    void parsesStageBValuesAsJsonTypes() {
        Answers.Parsed<Answers.DetailAnswer> parsed = Answers.parseDetail("""
                {"fields": {"total": 12.50, "quantity": 3, "paid": true, "note": "x"},
                 "filters": [{"field": "id", "op": "in", "value": [1, 2]}],
                 "orderBy": [{"field": "created_at", "dir": "desc"}], "limit": 10}
                """);

        assertThat(parsed.isOk()).isTrue();
        Answers.DetailAnswer detail = parsed.value();
        assertThat(detail.fields())
                .containsEntry("total", new BigDecimal("12.50"))
                .containsEntry("quantity", 3L)
                .containsEntry("paid", true)
                .containsEntry("note", "x");
        assertThat(detail.filters()).containsExactly(new ConditionAnswer.FilterAnswer("id", "in", List.of(1L, 2L)));
        assertThat(detail.limit()).isEqualTo(10);
    }

    @Test
    void validatesTheShapeOfStageB() {
        Answers.Parsed<Answers.DetailAnswer> parsed = Answers.parseDetail("""
                {"fields": {}, "filters": [{"field": "", "op": "="}], "limit": 0}
                """);

        assertThat(parsed.errors()).singleElement().asString().contains("field is missing in a filter");
        assertThat(Answers.parseDetail("{\"limit\": 0}").errors())
                .containsExactly("limit: limit must be a positive whole number");
        assertThat(Answers.parseDetail("{\"filters\": [null]}").isOk()).isFalse();
        assertThat(Answers.parseDetail("{\"limit\": 5000}").errors())
                .containsExactly("limit: limit must be at most 1000");
        assertThat(Answers.parseDetail("{\"filters\": [{\"field\":\"a\",\"op\":\"=\",\"value\":1,\"sql\":\"x\"}]}")
                        .errors())
                .singleElement()
                .asString()
                .contains("unknown key 'sql'");
    }

    @Test
    void anEmptyStageBIsAnEmptyDetail() {
        Answers.DetailAnswer detail = Answers.parseDetail("{}").value();

        assertThat(detail.fieldsOrEmpty()).isEmpty();
        assertThat(detail.filtersOrEmpty()).isEmpty();
        assertThat(detail.orderByOrEmpty()).isEmpty();
    }

    @Test
    void parsesConditionTreesSelectOrderOffsetAndAggregateInTheWireShape() {
        Answers.Parsed<Answers.DetailAnswer> parsed = Answers.parseDetail("""
                {"filters": [{"anyOf": [{"field": "total", "op": ">", "value": 9.99},
                                        {"not": {"field": "id", "op": "not_in", "value": [1, 2]}}]}],
                 "select": ["name"], "orderBy": [{"field": "name", "dir": "asc"}], "limit": 5, "offset": 10,
                 "aggregate": {"fn": "count", "field": null, "groupBy": ["status"]}}
                """);

        assertThat(parsed.errors()).isEmpty();
        Answers.DetailAnswer detail = parsed.value();
        assertThat(detail.filters())
                .containsExactly(new ConditionAnswer.AnyOfAnswer(List.of(
                        new ConditionAnswer.FilterAnswer("total", ">", new BigDecimal("9.99")),
                        new ConditionAnswer.NotAnswer(
                                new ConditionAnswer.FilterAnswer("id", "not_in", List.of(1L, 2L))))));
        assertThat(detail.selectOrEmpty()).containsExactly("name");
        assertThat(detail.orderByOrEmpty()).containsExactly(new Answers.SortAnswer("name", "asc"));
        assertThat(detail.offsetOrZero()).isEqualTo(10);
        assertThat(detail.aggregate()).isEqualTo(new Answers.AggregateAnswer("count", null, List.of("status")));
    }

    @Test
    void conditionsAreReadStrictly() {
        assertThat(Answers.parseDetail("{\"filters\": [{\"field\": \"a\", \"field\": \"b\", \"op\": \"=\"}]}")
                        .errors())
                .singleElement()
                .asString()
                .contains("Duplicate field 'field'");
        assertThat(Answers.parseDetail("{\"filters\": [{\"field\": 1, \"op\": \"=\", \"value\": 1}]}")
                        .errors())
                .singleElement()
                .asString()
                .contains("field is missing in a filter");
        assertThat(Answers.parseDetail("{\"filters\": [{\"not\": {\"not\": {\"not\": "
                                + "{\"field\": \"a\", \"op\": \"is_null\"}}}}]}")
                        .errors())
                .singleElement()
                .asString()
                .contains("at most 3 levels deep");
        assertThat(Answers.parseDetail(
                                "{\"filters\": [{\"not\": {\"not\": " + "{\"field\": \"a\", \"op\": \"is_null\"}}}]}")
                        .isOk())
                .isTrue();
        assertThat(Answers.parseDetail("{\"orderBy\": [{\"field\": \"a\"}]}").errors())
                .containsExactly("orderBy[0].dir: dir is missing");
        assertThat(Answers.parseDetail("{\"aggregate\": {\"fn\": \"count\", \"groupBy\": [\"a\", \"b\", \"c\"]}}")
                        .errors())
                .containsExactly("aggregate.groupBy: groupBy takes at most two fields");
    }
}
