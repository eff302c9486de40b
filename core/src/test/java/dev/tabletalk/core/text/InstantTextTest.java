package dev.tabletalk.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link InstantText} against the JDK's {@link Instant#toString} and {@link Instant#parse}, which it must equal. */
class InstantTextTest {

    private static final long YEAR_10000 =
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void writesAndReadsEveryInstantAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            // years 0 to 9999 mostly, some beyond on either side; fractions of every length, and none
            long seconds = i % 10 == 0
                    ? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                    : random.nextLong(-62_167_219_200L - 86_400L * 400, YEAR_10000 + 86_400L * 400);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String jdk = instant.toString();
            assertThat(InstantText.format(instant)).as("%s", jdk).isEqualTo(jdk);
            assertThat(InstantText.parse(jdk)).as("%s", jdk).isEqualTo(instant);
        }
    }

    @Test
    void theEdgesOfTheCommonFormAreTheJdksToo() {
        for (String text : List.of(
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2024-02-29T12:00:00.5Z",
                "2026-12-04T16:33:52.52149512Z",
                "2000-02-29T00:00:00.000000001Z",
                "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z",
                "2026-12-04T16:33:52+01:00",
                "2026-12-31T23:59:60Z")) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
            Instant instant = Instant.parse(text);
            assertThat(InstantText.format(instant)).as(text).isEqualTo(instant.toString());
        }
        assertThat(InstantText.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(InstantText.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    /** Texts outside the common form, which the JDK reads (lower-case z, 24:00, a bare point) or refuses. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026-12-04",
                "2026-12-04T16:33:52",
                "2026-12-04T16:33:52z",
                "2026-12-04 16:33:52Z",
                "2026-13-04T16:33:52Z",
                "2026-00-04T16:33:52Z",
                "2025-02-29T16:33:52Z",
                "2026-04-31T16:33:52Z",
                "2026-12-04T24:00:00Z",
                "2026-12-04T16:60:52Z",
                "2026-12-04T16:33:52.Z",
                "2026-12-04T16:33:52.1234567890Z",
                "2026-12-04T16:33:52,5Z",
                "2026-12-04T16:33:5xZ",
                "\uff12\uff10\uff12\uff16-12-04T16:33:52Z"
            })
    void readsOtherTextsExactlyAsTheJdkDoes(String text) {
        Object jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            jdk = DateTimeParseException.class;
        }
        Object ours;
        try {
            ours = InstantText.parse(text);
        } catch (DateTimeParseException refused) {
            ours = DateTimeParseException.class;
        }
        assertThat(ours).as(text).isEqualTo(jdk);
    }

    @Test
    void refusesWhatIsNoInstantAsTheJdkDoes() {
        assertThatThrownBy(() -> InstantText.parse("2025-02-29T16:33:52Z"))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("2025-02-29T16:33:52Z");
    }
}
