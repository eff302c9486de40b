package dev.tabletalk.core.engine;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands the engine recognises itself, deterministically, before any planner is asked:
 * cancel, start over, show draft, change X to Y, confirm, help ("what can I see?"), and paging through the last
 * read: "show more" / "next page", "previous page", "page 3" / "first page" (#13).
 *
 * <p>Recognition is by the whole message, not by words inside it: "confirm" confirms, while
 * "confirm?", "don't confirm" and "please update it, I confirm" do not. "yes", "go ahead" and
 * the like confirm only while a preview is pending; "set X to Y" is a change only while a draft
 * exists.
 */
public sealed interface UniversalCommand {

    record Cancel() implements UniversalCommand {}

    record StartOver() implements UniversalCommand {}

    record ShowDraft() implements UniversalCommand {}

    record Confirm() implements UniversalCommand {}

    /** What can I ask about? Lists the entities the caller may use. */
    record Help() implements UniversalCommand {}

    /** Continue the last read right after its last row shown ("show more", "next page"). */
    record More() implements UniversalCommand {}

    /** The page before the one shown ("previous page"), by offset. */
    record PreviousPage() implements UniversalCommand {}

    /** Jump to a page of the last read by number, from 1 ("page 3", "first page"), by offset. */
    record GoToPage(long page) implements UniversalCommand {}

    /** Change one field of the draft: {@code field} and {@code value} as the person typed them. */
    record Change(String field, String value) implements UniversalCommand {
        public Change {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    Set<String> CANCEL = Set.of(
            "cancel",
            "cancel it",
            "cancel that",
            "cancel this",
            "abort",
            "never mind",
            "nevermind",
            "forget it",
            "stop",
            "quit this",
            "discard",
            "discard it",
            "discard the draft",
            "cancel the draft");
    Set<String> START_OVER = Set.of(
            "start over",
            "start again",
            "restart",
            "reset",
            "begin again",
            "let's start over",
            "lets start over",
            "start from scratch");
    Set<String> SHOW_DRAFT = Set.of(
            "show draft",
            "show the draft",
            "show me the draft",
            "draft",
            "what do you have so far",
            "what have you got so far",
            "show what you have",
            "show preview",
            "show the preview",
            "show me the preview",
            "review",
            "status");
    Set<String> HELP = Set.of(
            "help",
            "help?",
            "what can i see",
            "what can i see?",
            "what can i ask",
            "what can i ask?",
            "what can i do",
            "what can i do?",
            "what tables are there",
            "what tables are there?",
            "list tables",
            "show tables",
            "which tables can i use",
            "which tables can i use?",
            "what is there",
            "what is there?");
    Set<String> CONFIRM = Set.of(
            "confirm",
            "confirmed",
            "i confirm",
            "confirm it",
            "confirm this",
            "yes confirm",
            "yes, confirm",
            "confirm please",
            "please confirm");
    Set<String> CONFIRM_WHILE_PREVIEWING = Set.of(
            "yes",
            "y",
            "yes please",
            "go ahead",
            "yes go ahead",
            "yes, go ahead",
            "do it",
            "yes do it",
            "yes, do it",
            "ok",
            "okay",
            "sure",
            "apply",
            "apply it",
            "save",
            "save it",
            "looks good",
            "proceed");

    Set<String> MORE = Set.of(
            "more",
            "more please",
            "show more",
            "show me more",
            "show more please",
            "show more rows",
            "more rows",
            "next",
            "next page",
            "the next page",
            "show the next page",
            "show next page",
            "show me the next page",
            "go to the next page",
            "next page please",
            "keep going");
    Set<String> PREVIOUS_PAGE = Set.of(
            "previous",
            "previous page",
            "the previous page",
            "show the previous page",
            "show previous page",
            "go to the previous page",
            "go back a page",
            "back a page",
            "prev page");
    Set<String> FIRST_PAGE = Set.of(
            "first page",
            "the first page",
            "show the first page",
            "show first page",
            "go to the first page",
            "back to the first page",
            "back to page one",
            "page one");

    /** "page 3", "go to page 3", "show page 3": a page by number (digits only). */
    Pattern PAGE = Pattern.compile(
            "^(?:(?:show|go to|jump to|show me|open)\\s+)?(?:the\\s+)?page\\s+(?:number\\s+)?(\\d{1,9})$");

    /** Runs of white space, made one space by {@link #normalize}; compiled once, not per message. */
    Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Full stops and exclamation marks at the end, dropped by {@link #normalize}. */
    Pattern TRAILING_STOPS = Pattern.compile("[.!]+$");

    Pattern CHANGE = Pattern.compile(
            "^(change|set|update|make)\\s+(?:the\\s+)?(.+?)\\s+(?:to|=|:)\\s+(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * The command this whole message is, if any.
     *
     * @param message the message, verbatim
     * @param hasDraft whether the session has a draft (enables change/set)
     * @param previewPending whether a preview waits for a confirm (enables yes/go ahead)
     */
    static Optional<UniversalCommand> parse(String message, boolean hasDraft, boolean previewPending) {
        String normalized = normalize(message);
        if (CANCEL.contains(normalized)) {
            return Optional.of(new Cancel());
        }
        if (START_OVER.contains(normalized)) {
            return Optional.of(new StartOver());
        }
        if (SHOW_DRAFT.contains(normalized)) {
            return Optional.of(new ShowDraft());
        }
        if (HELP.contains(normalized)) {
            return Optional.of(new Help());
        }
        Optional<UniversalCommand> paging = paging(normalized);
        if (paging.isPresent()) {
            return paging;
        }
        if (CONFIRM.contains(normalized) || (previewPending && CONFIRM_WHILE_PREVIEWING.contains(normalized))) {
            return Optional.of(new Confirm());
        }
        if (hasDraft) {
            Matcher matcher = CHANGE.matcher(message.strip());
            if (matcher.matches()) {
                return Optional.of(
                        new Change(matcher.group(2).strip(), matcher.group(3).strip()));
            }
        }
        return Optional.empty();
    }

    /** A paging command ("show more", "previous page", "page 3", "first page"), if the normalized message is one. */
    private static Optional<UniversalCommand> paging(String normalized) {
        if (MORE.contains(normalized)) {
            return Optional.of(new More());
        }
        if (PREVIOUS_PAGE.contains(normalized)) {
            return Optional.of(new PreviousPage());
        }
        if (FIRST_PAGE.contains(normalized)) {
            return Optional.of(new GoToPage(1));
        }
        Matcher page = PAGE.matcher(normalized);
        if (page.matches()) {
            return Optional.of(new GoToPage(Long.parseLong(page.group(1))));
        }
        return Optional.empty();
    }

    /** Lower case, single spaces, no trailing full stops or exclamation marks (a question mark stays). */
    static String normalize(String message) {
        String text =
                WHITESPACE.matcher(message.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        return TRAILING_STOPS.matcher(text).replaceAll("").strip();
    }
}
