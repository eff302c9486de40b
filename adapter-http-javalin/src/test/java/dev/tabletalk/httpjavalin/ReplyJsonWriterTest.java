package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.rows.TruncatedText;
import dev.tabletalk.jsonsupport.StrictJson;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** #17: the reply streamed value by value is byte for byte the JSON of its wire map. */
class ReplyJsonWriterTest {

    @Test
    void rowsOfEveryKindOfValueAreWrittenAsTheWireMapIs() throws IOException {
        List<String> columns = List.of(
                "id", "name", "small", "price", "ratio", "born", "at", "time", "offset", "uuid", "blob", "flag", "none",
                "big", "cut", "quote", "list", "map", "short", "float");
        Object[] row = {
            7L,
            "Zoë \"the\" \\ \u0001 \u4e2d \uD83D\uDE00",
            42,
            new BigDecimal("0.00000012"),
            1.5d,
            LocalDate.of(2026, 12, 3),
            LocalDateTime.of(2026, 12, 3, 13, 45, 7, 120_000_000),
            LocalTime.of(9, 5),
            OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            new byte[] {1, 2, 3},
            true,
            null,
            new BigInteger("123456789012345678901234567890"),
            new TruncatedText("abc", 9_000),
            "",
            List.of(1, "two", List.of(3L)),
            mapOf("k", null, "n", 1),
            (short) 3,
            2.25f
        };
        Object[] second = Arrays.copyOf(row, row.length);
        second[0] = 8L;
        second[12] = "now set";
        RowSet rows = RowSet.ofValues(columns, List.of(row, second), true);
        Reply reply = new Reply(
                "s_1",
                Stage.IDLE,
                "2 customers.",
                List.of(new ReplyPart.Rows(
                        "customers",
                        rows,
                        3,
                        1,
                        Optional.of("customers where name is \"Zoë\""),
                        Optional.of(ReplyPart.Page.of(2, 50, 2)))));

        assertSameBytes(reply);
    }

    @Test
    void columnNamesEncodedOnceAReplyAreWrittenAsTheWireMapIsWhateverTheirText() throws IOException {
        // names of plain ASCII kept after the first row; others (accents, quotes, controls, a surrogate pair) as text
        List<String> columns = List.of("id", "Prénom", "a\"b", "c\\d", "tab\there", "日本", "\uD83D\uDE00x", "last");
        Object[] first = {1L, "a", "b", "c", "d", "e", "f", "g"};
        Object[] second = {2L, "h", "i", "j", "k", "l", "m", "n"};
        RowSet rows = RowSet.ofValues(columns, List.of(first, second, first), false);
        assertSameBytes(new Reply("s", Stage.IDLE, "three", List.of(new ReplyPart.Rows("t", rows))));

        // rows whose maps walk other names, or the same names in another order or as other objects
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("id", 1L);
        one.put("name", "x");
        Map<String, Object> swapped = new LinkedHashMap<>();
        swapped.put("name", "y");
        swapped.put("id", 2L);
        Map<String, Object> copied = new LinkedHashMap<>();
        copied.put(new String("id".toCharArray()), 3L);
        copied.put(new String("name".toCharArray()), "z");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("zip", "10115");
        other.put("id", 4L);
        other.put("extra", true);
        assertSameBytes(new Reply(
                "s",
                Stage.IDLE,
                "four",
                List.of(new ReplyPart.Rows(
                        "t", new RowSet(List.of("id", "name"), List.of(one, swapped, copied, other), false)))));

        // wider than the names kept for one reply
        List<String> wide = new ArrayList<>();
        Object[] values = new Object[100];
        for (int i = 0; i < values.length; i++) {
            wide.add("c" + i);
            values[i] = i;
        }
        assertSameBytes(new Reply(
                "s",
                Stage.IDLE,
                "wide",
                List.of(new ReplyPart.Rows("t", RowSet.ofValues(wide, List.of(values, values), false)))));
    }

    @Test
    void rowsWhoseMapsAreNotLightRowsAndEmptyRowsAreWrittenAlike() throws IOException {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("b", 2L);
        plain.put("a", null);
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(plain);
        assertSameBytes(new Reply(
                "s", Stage.IDLE, "one", List.of(new ReplyPart.Rows("t", new RowSet(List.of("b", "a"), list, false)))));
        assertSameBytes(new Reply(
                "s", Stage.IDLE, "none", List.of(new ReplyPart.Rows("t", RowSet.empty(List.of("a", "b"))))));
        assertSameBytes(WireSamples.decimalsReply());
    }

    @Test
    void everyOtherPartIsWrittenAsTheWireMapIs() throws IOException {
        assertSameBytes(new Reply("s", Stage.IDLE, "hello", List.of()));
        assertSameBytes(new Reply(
                "s",
                Stage.IDLE,
                "No.",
                List.of(new ReplyPart.Refused(
                        Refusal.of(RefusalCode.DELETE_NOT_ALLOWED, "Deleting is not possible.")))));
        assertSameBytes(new Reply(
                "s",
                Stage.COLLECTING,
                "What status?",
                List.of(
                        new ReplyPart.Draft(
                                Intent.CREATE,
                                "customers",
                                mapOf(
                                        "name",
                                        "Ada",
                                        "born",
                                        LocalDate.of(1815, 12, 10),
                                        "credit",
                                        new BigDecimal("1.50")),
                                List.of(new Filter("id", Op.EQ, 5L))),
                        new ReplyPart.MissingFields(
                                List.of("status", "name"),
                                "What status?",
                                List.of(new ReplyPart.MissingField("status", "text", true, List.of("a", "b")))))));
        assertSameBytes(new Reply(
                "s",
                Stage.COLLECTING,
                "Which one?",
                List.of(new ReplyPart.Question(
                        "Which one?",
                        List.of(new ReplyPart.Choice(1, "Ada", "ada"), new ReplyPart.Choice(2, "Bob", "bob"))))));
        assertSameBytes(new Reply(
                "s",
                Stage.PREVIEW,
                "Confirm?",
                List.of(new ReplyPart.Preview(
                        "p_1",
                        new Preview(
                                Intent.UPDATE,
                                "customers",
                                List.of(new RowChange(
                                        Optional.of(RowKey.of("id", 1L)),
                                        mapOf("status", "active"),
                                        mapOf("status", "blocked"))),
                                List.of("status")),
                        Instant.parse("2026-12-03T14:00:00Z")))));
        assertSameBytes(new Reply(
                "s", Stage.IDLE, "Failed.", List.of(new ReplyPart.Error("target_unavailable", "Down.", true, "e1"))));
    }

    @Test
    void theStreamIsFlushedOnceAtTheEndAndNeverClosed() throws IOException {
        int[] flushes = {0};
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void flush() throws IOException {
                flushes[0]++;
                super.flush();
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ReplyJsonWriter.write(
                new Reply(
                        "s",
                        Stage.IDLE,
                        "1 row.",
                        List.of(new ReplyPart.Rows(
                                "t",
                                RowSet.ofValues(
                                        List.of("d", "x"),
                                        List.<Object[]>of(new Object[] {new BigDecimal("1.0"), mapOf("a", 1.5d)}),
                                        false),
                                0,
                                0,
                                Optional.empty(),
                                Optional.of(ReplyPart.Page.of(1, 0, 1))))),
                out);

        assertThat(flushes[0]).isEqualTo(1);
        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"rows\":[{\"d\":1.0,\"x\":{\"a\":1.5}}]");
    }

    private static void assertSameBytes(Reply reply) throws IOException {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        ReplyJsonWriter.write(reply, streamed);
        String expected = new String(StrictJson.write(ReplyWire.toMap(reply)), StandardCharsets.UTF_8);
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
