package dev.tabletalk.sessionjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UseMarksTest {

    @Test
    void theLagIsAShareOfTheIdleTimeUpToItsCap() {
        assertThat(new UseMarks(Duration.ofMinutes(30)).lagMillis()).isEqualTo(30_000);
        assertThat(new UseMarks(Duration.ofMinutes(2)).lagMillis()).isEqualTo(6_000);
        assertThat(new UseMarks(Duration.ofMinutes(1)).lagMillis()).isEqualTo(3_000);
    }

    @Test
    void aMarkFoundFreshIsNotDueUntilTheLagHasPassedAndIsAskedForOnce() {
        UseMarks marks = new UseMarks(Duration.ofMinutes(30));
        marks.found("s-1", 1_000);

        assertThat(marks.isDue("s-1", 30_999)).isFalse();
        // forgotten once asked: the next turn's find remembers it again
        assertThat(marks.isDue("s-1", 30_999)).isTrue();
        marks.found("s-1", 1_000);
        assertThat(marks.isDue("s-1", 31_000)).isTrue();
    }

    @Test
    void aSessionThisStoreDidNotFindOrIsSavingIsAlwaysDue() {
        UseMarks marks = new UseMarks(Duration.ofMinutes(30));
        assertThat(marks.isDue("never-found", 0)).isTrue();

        marks.found("s-1", 1_000);
        marks.saving("s-1");

        assertThat(marks.isDue("s-1", 1_001)).isTrue();
    }

    @Test
    void tooManyRememberedMarksAreAllForgottenSoThatNoneIsEverMissed() {
        UseMarks marks = new UseMarks(Duration.ofMinutes(30));
        for (int i = 0; i < UseMarks.MAX_REMEMBERED; i++) {
            marks.found("s-" + i, 1_000);
        }
        marks.found("s-last", 1_000);

        assertThat(marks.isDue("s-0", 1_001)).as("forgotten: asks the store").isTrue();
        assertThat(marks.isDue("s-last", 1_001))
                .as("remembered after the others were forgotten")
                .isFalse();
    }
}
