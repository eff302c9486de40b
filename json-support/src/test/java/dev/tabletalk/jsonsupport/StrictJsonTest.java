package dev.tabletalk.jsonsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static JsonNode parse(String json) throws IOException {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String write(Object value) {
        return new String(StrictJson.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void readsOneValueKeepingEveryDigitOfAFraction() throws IOException {
        JsonNode node = parse(" {\"price\": 0.1000000000000000055511151231257827, \"n\": 12, \"a\": [true, null]}\n");

        assertThat(node.get("price").decimalValue()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(node.get("n").isIntegralNumber()).isTrue();
        assertThat(node.get("a")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "{",
                "{\"a\":1,}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":-Infinity}",
                "{\"a\":1}/*c*/",
                "/*c*/{\"a\":1}",
                "{\"a\":1}//c",
                "{\"a\":1}#c",
                "{\"a\":1} {}",
                "{\"a\":1} x",
                "[1 2]"
            })
    void refusesWhatIsNotExactlyOneStrictValue(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(IOException.class)
                .satisfies(e ->
                        assertThat(StrictJson.isDuplicateKey((IOException) e)).isFalse());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,\"a\":2}",
                "{\"o\":{\"b\":1,\"b\":1}}",
                "[{\"c\":1,\"c\":2}]",
                "{\"o\":[{\"p\":{\"q\":1,\"q\":2}}]}"
            })
    void aRepeatedKeyIsRefusedAndToldApartAtAnyDepth(String json) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(IOException.class)
                .satisfies(e ->
                        assertThat(StrictJson.isDuplicateKey((IOException) e)).isTrue());
    }

    @Test
    void nestingIsBoundedAtTheMaximumDepth() throws IOException {
        String deepest = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        String tooDeep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);

        assertThat(parse(deepest).isArray()).isTrue();
        assertThatThrownBy(() -> parse(tooDeep)).isInstanceOf(IOException.class);
    }

    @Test
    void decimalsArePrintedPlainNeverInENotation() throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tiny", new BigDecimal("1.2E-7"));
        row.put("huge", new BigDecimal("1.5E+12"));
        row.put("list", List.of(new BigDecimal("3.0")));

        assertThat(write(row)).isEqualTo("{\"tiny\":0.00000012,\"huge\":1500000000000,\"list\":[3.0]}");
        assertThat(StrictJson.writer().writeValueAsString(new BigDecimal("1E-3")))
                .isEqualTo("0.001");
    }

    @Test
    void writingToAStreamGivesTheSameBytesAndLeavesTheStreamOpen() throws IOException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("text", "caf\u00e9 \"quoted\"");
        reply.put("total", new BigDecimal("1.2E-7"));
        reply.put("rows", List.of(Map.of("id", 1L)));
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        StrictJson.write(reply, out);

        assertThat(out.toByteArray()).isEqualTo(StrictJson.write(reply));
        assertThat(closed[0]).isFalse();
    }
}
