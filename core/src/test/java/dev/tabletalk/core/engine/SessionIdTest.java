package dev.tabletalk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The turn's check of a conversation id, against the pattern it replaced. */
class SessionIdTest {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    @Test
    void everyCharacterIsAllowedOrRefusedAsThePatternSays() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String id = "s_" + (char) c + "1";
            assertThat(TurnRunner.isSessionId(id))
                    .as("U+%04X", c)
                    .isEqualTo(SESSION_ID.matcher(id).matches());
        }
    }

    @Test
    void anIdHasOneTo128Characters() {
        assertThat(TurnRunner.isSessionId("")).isFalse();
        assertThat(TurnRunner.isSessionId("a")).isTrue();
        assertThat(TurnRunner.isSessionId("a".repeat(128))).isTrue();
        assertThat(TurnRunner.isSessionId("a".repeat(129))).isFalse();
        assertThat(TurnRunner.isSessionId("s_\uD83D\uDE00"))
                .as("a surrogate pair")
                .isFalse();
    }
}
