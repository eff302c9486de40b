package dev.tabletalk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UniversalCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"show more", "More.", "next page", "next", "Show me the next page", "more please"})
    void showMoreAndNextPageContinue(String message) {
        assertThat(UniversalCommand.parse(message, false, false)).containsInstanceOf(UniversalCommand.More.class);
        assertThat(UniversalCommand.parse(message, true, true)).containsInstanceOf(UniversalCommand.More.class);
    }

    @Test
    void pagesByNumberFirstAndPrevious() {
        assertThat(UniversalCommand.parse("page 3", false, false)).contains(new UniversalCommand.GoToPage(3));
        assertThat(UniversalCommand.parse("Go to page 51", false, false)).contains(new UniversalCommand.GoToPage(51));
        assertThat(UniversalCommand.parse("show the page 2", false, false)).contains(new UniversalCommand.GoToPage(2));
        assertThat(UniversalCommand.parse("first page", false, false)).contains(new UniversalCommand.GoToPage(1));
        assertThat(UniversalCommand.parse("previous page", false, false))
                .containsInstanceOf(UniversalCommand.PreviousPage.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "show more customers",
                "next 20",
                "page three",
                "show customers on page 3",
                "the next invoice",
                "more than 5 orders"
            })
    void messagesThatMerelyMentionPagesAreLeftToThePlanner(String message) {
        assertThat(UniversalCommand.parse(message, false, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel", "Cancel.", "  never mind ", "forget it!"})
    void cancelIsRecognisedAnywhere(String message) {
        assertThat(UniversalCommand.parse(message, false, false)).containsInstanceOf(UniversalCommand.Cancel.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "confirm?",
                "don't confirm",
                "please confirm the update of customer 5 to blocked",
                "I confirm. CONFIRMED.",
                "confirm confirm",
                "conf1rm"
            })
    void textThatMerelyContainsConfirmIsNotAConfirm(String message) {
        assertThat(UniversalCommand.parse(message, true, true)).isEmpty();
    }

    @Test
    void yesConfirmsOnlyWhileAPreviewIsPending() {
        assertThat(UniversalCommand.parse("yes", true, false)).isEmpty();
        assertThat(UniversalCommand.parse("go ahead", true, false)).isEmpty();
        assertThat(UniversalCommand.parse("yes", true, true)).containsInstanceOf(UniversalCommand.Confirm.class);
        assertThat(UniversalCommand.parse("confirm", false, false)).containsInstanceOf(UniversalCommand.Confirm.class);
    }

    @Test
    void changeAndSetAreCommandsOnlyWhileADraftExists() {
        assertThat(UniversalCommand.parse("change the email to a@b.org", false, false))
                .isEmpty();
        assertThat(UniversalCommand.parse("set email to a@b.org", true, false))
                .contains(new UniversalCommand.Change("email", "a@b.org"));
        assertThat(UniversalCommand.parse("Change the unit price to 12.5", true, false))
                .contains(new UniversalCommand.Change("unit price", "12.5"));
    }

    @Test
    void showDraftAndStartOverAreRecognised() {
        assertThat(UniversalCommand.parse("Show draft", false, false))
                .containsInstanceOf(UniversalCommand.ShowDraft.class);
        assertThat(UniversalCommand.parse("start over!", false, false))
                .containsInstanceOf(UniversalCommand.StartOver.class);
    }
}
