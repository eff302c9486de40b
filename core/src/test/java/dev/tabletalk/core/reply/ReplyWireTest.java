package dev.tabletalk.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyWireTest {

    @Test
    void everyKeyIsPresentAndAbsentPartsAreNull() {
        Map<String, Object> wire = ReplyWire.toMap(new Reply("s1", Stage.IDLE, "hello", List.of()));

        assertThat(wire)
                .containsOnlyKeys(
                        "sessionId",
                        "stage",
                        "text",
                        "rows",
                        "more",
                        "trimmed",
                        "interpretation",
                        "page",
                        "draft",
                        "missing",
                        "question",
                        "preview",
                        "refusal",
                        "error");
        assertThat(wire)
                .containsEntry("stage", "IDLE")
                .containsEntry("more", false)
                .containsEntry("rows", null)
                .containsEntry("interpretation", null)
                .containsEntry("page", null)
                .containsEntry("question", null);
    }

    @Test
    void missingItemsCarryTypeRequiredAndAllowedValues() {
        Reply reply = new Reply(
                "s1",
                Stage.COLLECTING,
                "What should the status be?",
                List.of(new ReplyPart.MissingFields(
                        List.of("status", "name"),
                        "What should the status be?",
                        List.of(
                                new ReplyPart.MissingField("status", "text", true, List.of("active", "blocked")),
                                new ReplyPart.MissingField("name", "text", true, List.of())))));

        Object missing = ReplyWire.toMap(reply).get("missing");

        Map<String, Object> name = new LinkedHashMap<>();
        name.put("field", "name");
        name.put("type", "text");
        name.put("required", true);
        name.put("allowed", null);
        assertThat(missing)
                .isEqualTo(List.of(
                        Map.of(
                                "field",
                                "status",
                                "type",
                                "text",
                                "required",
                                true,
                                "allowed",
                                List.of("active", "blocked")),
                        name));
    }

    @Test
    void aQuestionIsItsTextAndNumberedChoices() {
        Reply reply = new Reply(
                "s1",
                Stage.CLARIFYING,
                "'Paris': city or country?",
                List.of(new ReplyPart.Question(
                        "'Paris': city or country?",
                        List.of(
                                new ReplyPart.Choice(1, "city", "customers.city = Paris"),
                                new ReplyPart.Choice(2, "country", "customers.country = Paris")))));

        Map<String, Object> wire = ReplyWire.toMap(reply);

        assertThat(wire).containsEntry("stage", "CLARIFYING");
        assertThat(wire.get("question"))
                .isEqualTo(Map.of(
                        "text",
                        "'Paris': city or country?",
                        "choices",
                        List.of(
                                Map.of("n", 1, "label", "city", "value", "customers.city = Paris"),
                                Map.of("n", 2, "label", "country", "value", "customers.country = Paris"))));
    }

    @Test
    void partsBecomePlainValues() {
        Reply reply = new Reply(
                "s1",
                Stage.PREVIEW,
                "t",
                List.of(
                        new ReplyPart.Rows(
                                "orders",
                                new RowSet(
                                        List.of("id", "on"),
                                        List.of(Map.of("id", 1L, "on", LocalDate.of(2024, 2, 29))),
                                        true)),
                        new ReplyPart.Draft(
                                Intent.UPDATE,
                                "orders",
                                Map.of("total", new BigDecimal("1.50")),
                                List.of(Filter.eq("id", 1L))),
                        new ReplyPart.Preview(
                                "pv_1",
                                new Preview(
                                        Intent.UPDATE,
                                        "orders",
                                        List.of(new RowChange(
                                                Optional.of(RowKey.of("id", 1L)),
                                                Map.of("total", BigDecimal.ONE),
                                                Map.of("total", new BigDecimal("1.50")))),
                                        List.of("total")),
                                Instant.EPOCH),
                        new ReplyPart.Refused(Refusal.of(RefusalCode.CAP_EXCEEDED, "too many"))));

        Map<String, Object> wire = ReplyWire.toMap(reply);

        assertThat(wire.get("rows")).isEqualTo(List.of(Map.of("id", 1L, "on", "2024-02-29")));
        assertThat(wire.get("more")).isEqualTo(true);
        assertThat(wire.get("draft").toString()).contains("intent=update").contains("op==");
        assertThat(wire.get("preview").toString()).contains("previewId=pv_1").contains("before={total=1}");
        assertThat(wire.get("refusal")).isEqualTo(Map.of("code", "cap_exceeded", "message", "too many"));
        assertThat(ReplyWire.value(new byte[] {1, 2, 3})).isEqualTo("(binary, 3 bytes)");
    }

    @Test
    void aLinkHasTheWireFormOfAnInFilterVia() {
        Condition link =
                Related.of("album_id", "albums", Related.of("artist_id", "artists", Filter.eq("name", "AC/DC")));

        assertThat(ReplyWire.condition(link))
                .isEqualTo(Map.of(
                        "field",
                        "album_id",
                        "op",
                        "in",
                        "via",
                        Map.of(
                                "entity",
                                "albums",
                                "filters",
                                List.of(Map.of(
                                        "field",
                                        "artist_id",
                                        "op",
                                        "in",
                                        "via",
                                        Map.of(
                                                "entity",
                                                "artists",
                                                "filters",
                                                List.of(Map.of("field", "name", "op", "=", "value", "AC/DC"))))))));
    }

    @Test
    void conditionsKeepTheirTreeShapeAndReadsCarryTheirInterpretation() {
        List<Condition> tree = List.of(
                AnyOf.of(Filter.eq("country", "Germany"), Not.of(Filter.of("city", Op.IS_NULL, null))),
                Filter.of("name", Op.ENDS_WITH, "son"));

        assertThat(ReplyWire.filters(tree))
                .isEqualTo(List.of(
                        Map.of(
                                "anyOf",
                                List.of(
                                        Map.of("field", "country", "op", "=", "value", "Germany"),
                                        Map.of("not", mapWithNull("field", "city", "op", "is_null")))),
                        Map.of("field", "name", "op", "ends_with", "value", "son")));
        Reply read = new Reply(
                "s1",
                Stage.IDLE,
                "1 row of orders.",
                List.of(new ReplyPart.Rows(
                        "orders",
                        new RowSet(List.of("id"), List.of(Map.of("id", 1L)), false),
                        0,
                        0,
                        Optional.of("orders; 1 row"))));
        assertThat(ReplyWire.toMap(read)).containsEntry("interpretation", "orders; 1 row");
        assertThat(ReplyWire.orderBy(List.of(Sort.descending("total"), Sort.ascending("id"))))
                .isEqualTo(List.of(Map.of("field", "total", "dir", "desc"), Map.of("field", "id", "dir", "asc")));
    }

    private static Map<String, Object> mapWithNull(String k1, String v1, String k2, String v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put("value", null);
        return map;
    }

    @Test
    void rowsKeepTheirOwnColumnsInOrderEvenWhenTheyDiffer() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1L);
        first.put("on", LocalDate.of(2024, 2, 29));
        first.put("note", null);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", 2L);
        second.put("at", LocalDate.of(2024, 3, 1));
        second.put("note", "x");
        Map<String, Object> third = new LinkedHashMap<>();
        third.put("id", 3L);
        Reply reply = new Reply(
                "s1",
                Stage.IDLE,
                "t",
                List.of(new ReplyPart.Rows(
                        "orders", new RowSet(List.of("id", "on", "note"), List.of(first, second, third), false))));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) ReplyWire.toMap(reply).get("rows");

        Map<String, Object> expectedFirst = new LinkedHashMap<>();
        expectedFirst.put("id", 1L);
        expectedFirst.put("on", "2024-02-29");
        expectedFirst.put("note", null);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(expectedFirst);
        assertThat(rows.get(0).keySet()).containsExactly("id", "on", "note");
        assertThat(rows.get(1).keySet()).containsExactly("id", "at", "note");
        assertThat(rows.get(1)).containsEntry("at", "2024-03-01").containsEntry("note", "x");
        assertThat(rows.get(2)).isEqualTo(Map.of("id", 3L));
        assertThatThrownBy(() -> rows.get(0).put("id", 9L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
