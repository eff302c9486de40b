package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("invariant-6")
class MaskerTest {

    /** The code-point walk that the fast path for text without surrogates must agree with. */
    private static Object byCodePoints(String text) {
        int at = text.lastIndexOf('@');
        if (at > 0 && at < text.length() - 1) {
            return text.substring(0, text.offsetByCodePoints(0, 1)) + Masker.MASK + text.substring(at);
        }
        int length = text.codePointCount(0, text.length());
        if (length < 7) {
            return Masker.MASK;
        }
        return text.substring(0, text.offsetByCodePoints(0, 1))
                + Masker.MASK
                + text.substring(text.offsetByCodePoints(0, length - 2));
    }

    @Test
    void masksEmailsPhonesShortTextAndOtherValues() {
        assertThat(Masker.mask("john@example.com")).isEqualTo("j***@example.com");
        assertThat(Masker.mask("+1 555 0142")).isEqualTo("+***42");
        assertThat(Masker.mask("123456")).isEqualTo("***");
        assertThat(Masker.mask("1234567")).isEqualTo("1***67");
        assertThat(Masker.mask(42L)).isEqualTo("***");
        assertThat(Masker.mask(null)).isNull();
    }

    @Test
    void textWithCharactersOutsideTheBasicPlaneIsMaskedByCodePointsNeverSplittingOne() {
        List<String> samples = List.of(
                "\uD83D\uDE00bc@x.org",
                "\uD83D\uDE00\uD83D\uDE01abcd\uD83D\uDE02\uD83D\uDE03",
                "ab\uD83D\uDE00\uD83D\uDE01cd",
                "a\uD83D\uDE00bcdef",
                "@",
                "a@",
                "@b",
                "",
                "abcdefg",
                "abc@");
        for (String sample : samples) {
            assertThat(Masker.mask(sample)).as(sample).isEqualTo(byCodePoints(sample));
        }
        assertThat(Masker.mask("\uD83D\uDE00\uD83D\uDE01abcd\uD83D\uDE02\uD83D\uDE03"))
                .isEqualTo("\uD83D\uDE00***\uD83D\uDE02\uD83D\uDE03");
    }
}
