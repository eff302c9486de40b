package dev.tabletalk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAndWritesNoWhitespace() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put("a", List.of(true, "x"));
        map.put("c", null);

        assertThat(CanonicalJson.write(map)).isEqualTo("{\"a\":[true,\"x\"],\"b\":1,\"c\":null}");
    }

    @Test
    void givesTheSameTextWhateverTheInsertionOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", "Ada");
        one.put("email", "ada@example.org");
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("email", "ada@example.org");
        two.put("name", "Ada");

        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(two));
    }

    @Test
    void escapesControlCharactersQuotesAndLoneSurrogatesAsAscii() {
        String text = "a\"b\\c\nd\u0000e\u2028f" + '\ud800' + "g🙂";

        assertThat(CanonicalJson.write(text)).isEqualTo("\"a\\\"b\\\\c\\nd\\u0000e\\u2028f\\ud800g🙂\"");
    }

    @Test
    void escapesEveryKindOfCharacterWhereverItStandsInTheText() {
        // runs of plain text are copied whole: an escape at the start, the end, twice in a row, and a lone
        // surrogate at the very end or before another surrogate must come out as when written one by one
        assertThat(CanonicalJson.write("\"")).isEqualTo("\"\\\"\"");
        assertThat(CanonicalJson.write("")).isEqualTo("\"\"");
        assertThat(CanonicalJson.write("\tplain\u001f")).isEqualTo("\"\\tplain\\u001f\"");
        assertThat(CanonicalJson.write("\r\n\b\f\u2029x")).isEqualTo("\"\\r\\n\\b\\f\\u2029x\"");
        assertThat(CanonicalJson.write("é中🙂🙂z")).isEqualTo("\"é中🙂🙂z\"");
        assertThat(CanonicalJson.write("a" + '\udc00' + '\ud800')).isEqualTo("\"a\\udc00\\ud800\"");
        assertThat(CanonicalJson.write("" + '\ud800' + '\ud83d' + '\ude42')).isEqualTo("\"\\ud800🙂\"");
    }

    @Test
    void sortsTheKeysOfASortedMapByTheirTextWhateverItsOwnOrder() {
        Map<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put("a", 1L);
        reversed.put("b", 2L);
        Map<Integer, Object> numbers = new TreeMap<>();
        numbers.put(9, "nine");
        numbers.put(10, "ten");
        SortedMap<String, Object> natural = new TreeMap<>(Map.of("b", 2L, "a", 1L, "c", 3L));

        assertThat(CanonicalJson.write(reversed)).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(CanonicalJson.write(numbers)).isEqualTo("{\"10\":\"ten\",\"9\":\"nine\"}");
        assertThat(CanonicalJson.write(natural.headMap("c"))).isEqualTo("{\"a\":1,\"b\":2}");
    }

    @Test
    void writesDecimalsPlainWithTheirScaleAndNonFiniteNumbersAsStrings() {
        assertThat(CanonicalJson.write(List.of(
                        new BigDecimal("12.50"), new BigDecimal("1E+3"), 2.5d, Double.NaN, Double.POSITIVE_INFINITY)))
                .isEqualTo("[12.50,1000,2.5,\"NaN\",\"Infinity\"]");
    }

    @Test
    void writesDatesUuidsAndFiltersInTheirCanonicalTextForm() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(CanonicalJson.write(Arrays.asList(
                        LocalDate.of(2024, 2, 29),
                        id,
                        Filter.of("total", Op.BETWEEN, List.of(1L, 2L)),
                        Filter.of("email", Op.IS_NULL, null))))
                .isEqualTo("[\"2024-02-29\",\"123e4567-e89b-12d3-a456-426614174000\","
                        + "{\"field\":\"total\",\"op\":\"between\",\"value\":[1,2]},"
                        + "{\"field\":\"email\",\"op\":\"is_null\",\"value\":null}]");
    }
}
