package dev.tabletalk.core.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacrosTest {

    private final Macros macros = Macros.of(List.of(MacroTest.DEACTIVATE, MacroTest.REVENUE, note(), revenue()));

    /** A macro with a text parameter before an integer one. */
    private static Macro note() {
        Map<String, ParamType> params = new LinkedHashMap<>();
        params.put("city", ParamType.TEXT);
        params.put("id", ParamType.INTEGER);
        return new Macro(
                "move customer to",
                "",
                params,
                Map.of(
                        "intent",
                        "update",
                        "entity",
                        "customers",
                        "filters",
                        List.of(Map.of("field", "id", "op", "=", "value", "{id}")),
                        "fields",
                        Map.of("city", "{city}")));
    }

    /** A macro whose name starts the name of another. */
    private static Macro revenue() {
        return new Macro("revenue", "", Map.of(), Map.of("intent", "read", "entity", "invoices"));
    }

    @Test
    void matchesTheNameThenTheArgumentsWithOrWithoutRun() {
        for (String message : List.of(
                "deactivate customer 42",
                "run deactivate customer 42",
                "Deactivate  Customer 42.",
                "deactivate customer id 42")) {
            assertThat(macros.match(message))
                    .as(message)
                    .contains(new MacroMatch.Complete(MacroTest.DEACTIVATE, Map.of("id", 42L)));
        }
        assertThat(macros.match("run revenue in month March 2025"))
                .contains(new MacroMatch.Complete(MacroTest.REVENUE, Map.of("month", YearMonth.of(2025, 3))));
        assertThat(macros.match("revenue in month 2025-03"))
                .contains(new MacroMatch.Complete(MacroTest.REVENUE, Map.of("month", YearMonth.of(2025, 3))));
    }

    @Test
    void theLongestNameWinsAndAWordMustEndTheName() {
        assertThat(macros.match("revenue")).contains(new MacroMatch.Complete(revenue(), Map.of()));
        assertThat(macros.match("revenue in month sept 2024"))
                .contains(new MacroMatch.Complete(MacroTest.REVENUE, Map.of("month", YearMonth.of(2024, 9))));
        assertThat(macros.match("deactivate customers 42")).isEmpty();
        assertThat(macros.match("revenue today")).isEmpty();
        assertThat(macros.match("show customers")).isEmpty();
        assertThat(macros.match("please deactivate customer 42")).isEmpty();
    }

    @Test
    void aQuotedTextIsOneArgumentAndKeepsItsCase() {
        assertThat(macros.match("move customer to \"New York\" 7"))
                .contains(new MacroMatch.Complete(note(), Map.of("city", "New York", "id", 7L)));
        assertThat(macros.match("move customer to Berlin 7"))
                .contains(new MacroMatch.Complete(note(), Map.of("city", "Berlin", "id", 7L)));
    }

    @Test
    void missingArgumentsAreNamedInOrder() {
        assertThat(macros.match("deactivate customer"))
                .contains(new MacroMatch.Missing(MacroTest.DEACTIVATE, Map.of(), "id"));
        assertThat(macros.match("move customer to Berlin"))
                .contains(new MacroMatch.Missing(note(), Map.of("city", "Berlin"), "id"));
    }

    @Test
    void aValueOfTheWrongTypeIsABadValueThatSaysWhatWasExpected() {
        MacroMatch match = macros.match("deactivate customer forty-two").orElseThrow();

        assertThat(match).isInstanceOf(MacroMatch.BadValue.class);
        assertThat(((MacroMatch.BadValue) match).message())
                .isEqualTo("'forty-two' is not a whole number, e.g. 42, for id of 'deactivate customer'.");
        assertThat(macros.match("revenue in month Smarch 2025").orElseThrow()).isInstanceOf(MacroMatch.BadValue.class);
        assertThat(macros.match("revenue in month 2025-13").orElseThrow()).isInstanceOf(MacroMatch.BadValue.class);
        assertThat(macros.match("deactivate customer 42 43").orElseThrow()).isInstanceOf(MacroMatch.BadValue.class);
    }

    @Test
    void theAnswerToAQuestionFillsTheArgumentAskedFor() {
        assertThat(Macros.arguments(note(), Map.of("city", "Berlin"), 1, " 42 "))
                .isEqualTo(new MacroMatch.Complete(note(), Map.of("city", "Berlin", "id", 42L)));
        assertThat(Macros.arguments(MacroTest.REVENUE, Map.of(), 0, "march 2025"))
                .isEqualTo(new MacroMatch.Complete(MacroTest.REVENUE, Map.of("month", YearMonth.of(2025, 3))));
    }

    @Test
    void twoMacrosOfOneNameAreRefused() {
        assertThatThrownBy(() -> Macros.of(List.of(MacroTest.DEACTIVATE, MacroTest.DEACTIVATE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deactivate customer");
    }

    @Test
    void eachTypeReadsItsValues() {
        assertThat(ParamType.INTEGER.parse("-7")).contains(-7L);
        assertThat(ParamType.INTEGER.parse("7.5")).isEmpty();
        assertThat(ParamType.NUMBER.parse("7.50")).contains(new BigDecimal("7.50"));
        assertThat(ParamType.NUMBER.parse("1e9")).isEmpty();
        assertThat(ParamType.DATE.parse("2025-02-28")).contains(LocalDate.of(2025, 2, 28));
        assertThat(ParamType.DATE.parse("2025-02-30")).isEmpty();
        assertThat(ParamType.MONTH.parse("Dec 2024")).contains(YearMonth.of(2024, 12));
        assertThat(ParamType.MONTH.parse("ma 2024")).isEmpty();
        assertThat(ParamType.TEXT.parse("'Ada'")).contains("Ada");
        assertThat(ParamType.MONTH.show(YearMonth.of(2025, 3))).isEqualTo("March 2025");
        assertThat(ParamType.fromWireName("month")).contains(ParamType.MONTH);
        assertThat(ParamType.fromWireName("Month")).isEmpty();
    }
}
