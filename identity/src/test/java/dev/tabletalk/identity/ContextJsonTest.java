package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextJsonTest {

    private static Object parse(String json) throws ContextJson.MalformedJsonException {
        return ContextJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKindOfValue() throws ContextJson.MalformedJsonException {
        Object value = parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\", \"i\":-0, \"big\":123456789012345678901234567890,"
                + " \"f\":1.5, \"e\":1e2, \"t\":true, \"n\":null, \"a\":[1,[],{}], \"o\":{\"x\":false}}\r\n\t");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(map.get("s")).isEqualTo("a\"b\\c/\né");
        assertThat(map.get("i")).isEqualTo(BigInteger.ZERO);
        assertThat(map.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("f")).isEqualTo(ContextJson.Fraction.INSTANCE);
        assertThat(map.get("e")).isEqualTo(ContextJson.Fraction.INSTANCE);
        assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("a")).isEqualTo(List.of(BigInteger.ONE, List.of(), Map.of()));
        assertThat(map.get("o")).isEqualTo(Map.of("x", false));
        assertThat(parse("\uFEFF{}")).isEqualTo(Map.of());
        assertThat(parse("\"x\"")).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":Infinity}",
        "{\"a\":1}/*c*/", "{\"a\":1}//c", "{\"a\":1} {}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":truex}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"open}",
        "{\"a\":1}\u000b", "\u0000{}", "[1 2]", "{\"a\":1 \"b\":2}"})
    void refusesWhatIsNotOneStrictJsonValue(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ContextJson.MalformedJsonException.class)
                .satisfies(e -> assertThat(((ContextJson.MalformedJsonException) e).duplicateKey()).isFalse());
    }

    @Test
    void aRepeatedKeyIsReportedAsSuchAtAnyDepth() {
        for (String json : List.of("{\"a\":1,\"a\":2}", "{\"o\":{\"b\":1,\"b\":1}}", "[{\"c\":1,\"c\":2}]")) {
            assertThatThrownBy(() -> parse(json)).isInstanceOf(ContextJson.MalformedJsonException.class)
                    .satisfies(e -> assertThat(((ContextJson.MalformedJsonException) e).duplicateKey()).isTrue());
        }
    }

    @Test
    void nestingIsBoundedAt32Levels() throws ContextJson.MalformedJsonException {
        assertThat(parse("[".repeat(32) + "]".repeat(32))).isInstanceOf(List.class);
        assertThatThrownBy(() -> parse("[".repeat(33) + "]".repeat(33)))
                .isInstanceOf(ContextJson.MalformedJsonException.class);
        assertThatThrownBy(() -> parse("{\"a\":".repeat(33) + "1" + "}".repeat(33)))
                .isInstanceOf(ContextJson.MalformedJsonException.class);
    }

    @Test
    void numbersAndTextAreBounded() throws ContextJson.MalformedJsonException {
        assertThat(parse("1".repeat(1000))).isInstanceOf(BigInteger.class);
        assertThatThrownBy(() -> parse("1".repeat(1001))).isInstanceOf(ContextJson.MalformedJsonException.class);
        byte[] notUtf8 = Arrays.copyOf("{\"a\":\"".getBytes(StandardCharsets.UTF_8), 8);
        notUtf8[6] = (byte) 0xC3;
        notUtf8[7] = (byte) 0x28;
        assertThatThrownBy(() -> ContextJson.parse(notUtf8)).isInstanceOf(ContextJson.MalformedJsonException.class);
    }
}
