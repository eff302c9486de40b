package dev.tabletalk.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.rows.TruncatedText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PUB-106: values are cut to the cell limit and rows left out past the reply limit, never silently. */
class ReplyBoundsTest {

    @Test
    void aLongValueKeepsItsFirstCharactersAndItsFullLength() {
        Object cut = ReplyBounds.cell("x".repeat(1_048_576), 4096);

        assertThat(cut).isEqualTo(new TruncatedText("x".repeat(4096), 1_048_576));
        assertThat(cut.toString()).endsWith("x…[truncated, 1048576 chars]");
        assertThat(ReplyBounds.cell("x".repeat(4096), 4096)).isEqualTo("x".repeat(4096));
        assertThat(ReplyBounds.cell(42L, 16)).isEqualTo(42L);
        assertThat(ReplyBounds.cell(null, 16)).isNull();
    }

    @Test
    void lengthCountsCodePointsAndTheCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String value = "a" + emoji.repeat(20);

        TruncatedText cut = (TruncatedText) ReplyBounds.cell(value, 16);

        assertThat(cut.length()).isEqualTo(21);
        assertThat(cut.text()).isEqualTo("a" + emoji.repeat(15));
        assertThat(cut.text().codePointCount(0, cut.text().length())).isEqualTo(16);
        // 30 chars but only 16 code points: shown whole
        assertThat(ReplyBounds.cell(emoji.repeat(16), 16)).isEqualTo(emoji.repeat(16));
    }

    @Test
    void hundredRowsOfOneMegabyteEachFitTheDefaultReplyWithEveryCellMarked() throws Exception {
        RowSet read = rows(100, 1, 1_048_576);

        ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, ReplyLimits.defaults());

        assertThat(bounded.rows().size()).isEqualTo(100);
        assertThat(bounded.rowsOmitted()).isZero();
        assertThat(bounded.cellsTruncated()).isEqualTo(100);
        assertThat(wire(bounded).length).isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_BYTES);
        Map<String, Object> wire = ReplyWire.toMap(reply(bounded));
        Object first = ((List<?>) wire.get("rows")).get(0);
        assertThat(((Map<?, ?>) first).get("body"))
                .isEqualTo(Map.of("truncated", true, "length", 1_048_576L, "text", "x".repeat(4096)));
    }

    @Test
    void rowsPastTheReplyLimitAreLeftOutAndCounted() throws Exception {
        // 100 rows of 10 columns of 4,000 characters each: about 4 MB of JSON
        RowSet read = rows(100, 10, 4_000);

        ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, ReplyLimits.defaults());

        assertThat(bounded.rowsOmitted()).isPositive();
        assertThat(bounded.rows().size() + bounded.rowsOmitted()).isEqualTo(100);
        assertThat(bounded.cellsTruncated()).isZero();
        byte[] wire = wire(bounded);
        assertThat(wire.length)
                .isLessThanOrEqualTo(ReplyLimits.DEFAULT_MAX_REPLY_BYTES)
                .isGreaterThan(ReplyLimits.DEFAULT_MAX_REPLY_BYTES / 2);
        Map<String, Object> json = ReplyWire.toMap(reply(bounded));
        assertThat(json.get("more")).isEqualTo(true);
        assertThat(json.get("trimmed")).isEqualTo(Map.of("rowsOmitted", bounded.rowsOmitted(), "cellsTruncated", 0));
    }

    @Test
    void theSizeBoundHoldsForTextThatJsonEscapesOrEncodesWide() throws Exception {
        // control characters escape to six bytes each, CJK takes three bytes in UTF-8
        String wide = "\u0001\u4e2d\"".repeat(1_500);
        RowSet read = rows(100, 5, 0, wide);

        ReplyBounds.BoundedRows bounded =
                ReplyBounds.rows(read, ReplyLimits.defaults().withMaxReplyBytes(256 * 1024));

        assertThat(bounded.rowsOmitted()).isPositive();
        assertThat(wire(bounded).length).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void smallRowsAreReturnedAsTheyAre() {
        RowSet read = rows(100, 3, 20);

        ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, ReplyLimits.defaults());

        assertThat(bounded.rows()).isSameAs(read);
        assertThat(bounded.isTrimmed()).isFalse();
    }

    @Test
    void rowsThatFitOnlyByTheExactCountAreAllKept() {
        // 100 rows of 4,000 ASCII characters: 6 bytes a character would not fit 1 MiB, the exact count (400 KB) does
        RowSet read = rows(100, 1, 4_000);

        ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, ReplyLimits.defaults());

        assertThat(bounded.rows()).isSameAs(read);
        assertThat(bounded.isTrimmed()).isFalse();
    }

    @Test
    void rowsAreCutWhereTheExactCountSaysNotWhereTheCheapOneWould() {
        // one row: {} 2, "id": 6 and a number 48, "body": 8 and 4,000 characters 4,002
        long rowBytes = 2 + 6 + 48 + 8 + 4_002;
        RowSet read = rows(20, 1, 4_000);

        for (long max = ReplyLimits.MIN_REPLY_BYTES; max <= ReplyLimits.MIN_REPLY_BYTES + 14 * rowBytes; max += 997) {
            ReplyLimits limits = ReplyLimits.defaults().withMaxReplyBytes((int) max);
            int fitting = (int) Math.min(20, (limits.rowBudgetBytes() - 2) / rowBytes);

            ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, limits);

            assertThat(bounded.rows().size()).as("reply limit %s", max).isEqualTo(fitting);
            assertThat(bounded.rowsOmitted()).isEqualTo(20 - fitting);
        }
    }

    @Test
    void rowsOfEveryKindOfValueAreKeptAsTheExactCountSays() {
        // the quick check counts each kind of value without text as the exact count does, or more: never less
        List<String> names = List.of("n", "l", "i", "b", "s", "y", "d", "f", "day", "at", "zoned", "u", "dec", "big");
        Object[] values = {
            null,
            7L,
            7,
            true,
            (short) 7,
            (byte) 7,
            1.5d,
            2.5f,
            LocalDate.of(2026, 12, 6),
            Instant.parse("2026-12-06T01:02:03.456789Z"),
            OffsetDateTime.of(2026, 12, 6, 1, 2, 3, 0, ZoneOffset.ofHours(2)),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            new BigDecimal("12345.678"),
            new BigDecimal("-1E+40")
        };
        long rowBytes = 2;
        for (int i = 0; i < names.size(); i++) {
            rowBytes += ReplyBounds.jsonBytes(names.get(i)) + 2 + ReplyBounds.jsonBytes(values[i]);
        }
        // enough rows to pass the smallest reply limit
        int count = (int) (2 * ReplyLimits.MIN_REPLY_BYTES / rowBytes);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            rows.add(values);
        }
        RowSet read = RowSet.ofValues(names, rows, false);

        for (long max = ReplyLimits.MIN_REPLY_BYTES; max <= 3L * ReplyLimits.MIN_REPLY_BYTES; max += 61) {
            ReplyLimits limits = ReplyLimits.defaults().withMaxReplyBytes((int) max);
            int fitting = (int) Math.min(count, (limits.rowBudgetBytes() - 2) / rowBytes);

            ReplyBounds.BoundedRows bounded = ReplyBounds.rows(read, limits);

            assertThat(bounded.rows().size()).as("reply limit %s", max).isEqualTo(fitting);
            assertThat(bounded.rowsOmitted()).isEqualTo(count - fitting);
            assertThat(bounded.cellsTruncated()).isZero();
        }
    }

    @Test
    void previewValuesAreCutButEveryRowStays() {
        Preview preview = new Preview(
                Intent.UPDATE,
                "documents",
                List.of(new RowChange(
                        Optional.of(RowKey.of("id", 1L)), Map.of("body", "y".repeat(10_000)), Map.of("body", "short"))),
                List.of("body"));

        Preview shown = ReplyBounds.preview(preview, ReplyLimits.defaults().withMaxCellChars(100));

        assertThat(shown.rowCount()).isEqualTo(1);
        assertThat(shown.changes().get(0).before().get("body")).isEqualTo(new TruncatedText("y".repeat(100), 10_000));
        assertThat(shown.changes().get(0).after().get("body")).isEqualTo("short");
    }

    @Test
    void limitsAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> ReplyLimits.defaults().withMaxCellChars(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ReplyLimits.defaults().withMaxReplyBytes(1000))
                .isInstanceOf(ConfigurationException.class);
    }

    private static Reply reply(ReplyBounds.BoundedRows bounded) {
        return new Reply(
                "s_1",
                Stage.IDLE,
                "rows",
                List.of(new ReplyPart.Rows(
                        "documents", bounded.rows(), bounded.rowsOmitted(), bounded.cellsTruncated())));
    }

    /** The reply as JSON in UTF-8, escaped as JSON libraries do (core has none: written here). */
    private static byte[] wire(ReplyBounds.BoundedRows bounded) {
        StringBuilder out = new StringBuilder();
        write(out, ReplyWire.toMap(reply(bounded)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                write(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String text) {
            out.append('"');
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else {
            out.append(value);
        }
    }

    private static RowSet rows(int count, int columns, int chars) {
        return rows(count, columns, chars, null);
    }

    private static RowSet rows(int count, int columns, int chars, String text) {
        List<String> names = new ArrayList<>();
        names.add("id");
        for (int c = 0; c < columns; c++) {
            names.add(c == 0 ? "body" : "body" + c);
        }
        String value = text != null ? text : "x".repeat(chars);
        List<Object[]> values = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Object[] row = new Object[names.size()];
            row[0] = (long) r;
            for (int c = 1; c < row.length; c++) {
                row[c] = value;
            }
            values.add(row);
        }
        return RowSet.ofValues(names, values, false);
    }
}
