package dev.tabletalk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What a soak turn's reply says (#17): the reply the turn asks for, a failure that says honestly what became of the
 * turn, or neither; and what it says of the turn's write. A failure is honest when it is a reply (200) with a refusal
 * or an error that says something, or the gate's problem (503, before the turn began), that leaks nothing, and, for a
 * confirm, says that nothing was changed or that the outcome is unknown (with what a check afterwards found).
 */
final class SoakReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What no reply may hold: a stack trace, a driver's or database's own words, SQL, a connection string. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "SQLState",
            "org.postgresql",
            "org.jooq",
            "jdbc:",
            "FATAL",
            "terminating connection",
            "select ",
            "insert into",
            "update customers");

    private SoakReplies() {}

    /** What a turn was, for reading its reply. */
    enum Kind {
        OPEN,
        READ,
        START_CREATE,
        START_UPDATE,
        CONFIRM_CREATE,
        CONFIRM_UPDATE;

        boolean starts() {
            return this == START_CREATE || this == START_UPDATE;
        }

        boolean confirms() {
            return this == CONFIRM_CREATE || this == CONFIRM_UPDATE;
        }
    }

    /** What a reply was, for the turn it answers. */
    enum Verdict {
        /** The reply the turn asks for. */
        EXPECTED,
        /** A failure that says what it was and what became of the turn, and leaks nothing. */
        FAILED_HONESTLY,
        /** Anything else: no answer, a wrong or empty answer, a leak, a failure that does not say what it did. */
        UNEXPECTED
    }

    /**
     * A reply read.
     *
     * @param claim what it said of the turn's write ({@code NONE} for a turn without one)
     * @param failureCode the refusal's or error's code, {@code http_503} for the gate's problem, or null
     * @param sessionId the reply's session id, empty when it has none
     * @param settled whether the turn is over for good: a confirm whose outcome is unknown is never confirmed again
     */
    record Reading(Verdict verdict, SoakLedger.Claim claim, String failureCode, String sessionId, boolean settled) {}

    /** The reading of a turn whose reply never came: what its write became is unknown. */
    static Reading unanswered(Kind kind) {
        return unexpected(kind, "");
    }

    /**
     * Reads the reply of a turn of {@code kind} in the conversation {@code sessionId} (null for a turn that opens
     * one); {@code mayFindNothing}: whether the read may rightly find no row (else an empty answer is a silent wrong
     * one).
     */
    static Reading read(Kind kind, int status, String body, String sessionId, boolean mayFindNothing) {
        if (LEAKS.stream().anyMatch(body::contains)) {
            return unexpected(kind, "");
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            return unexpected(kind, "");
        }
        if (status == 503 && reply.path("detail").isTextual()) {
            // the gate refused before the turn began (the shared store did not answer): nothing ran
            return new Reading(
                    Verdict.FAILED_HONESTLY, claimOf(kind, SoakLedger.Claim.NOT_DONE), "http_503", "", false);
        }
        if (status != 200) {
            return unexpected(kind, "");
        }
        String answered = reply.path("sessionId").asText("");
        String failed = reply.path("refusal").isObject()
                ? reply.path("refusal").path("code").asText()
                : reply.path("error").isObject()
                        ? reply.path("error").path("code").asText()
                        : null;
        if (failed != null) {
            return failure(kind, failed, reply.path("text").asText(""), answered);
        }
        if (kind != Kind.OPEN && !answered.equals(sessionId)) {
            // the conversation was lost (dropped before its time): a new one began
            return unexpected(kind, answered);
        }
        boolean expected = switch (kind) {
            case OPEN, READ ->
                reply.path("rows").isArray()
                        && (mayFindNothing || !reply.path("rows").isEmpty());
            case START_CREATE, START_UPDATE ->
                reply.path("preview").path("rowCount").asInt() == 1;
            case CONFIRM_CREATE, CONFIRM_UPDATE -> reply.path("text").asText("").startsWith("Done:");
        };
        return expected
                ? new Reading(Verdict.EXPECTED, claimOf(kind, SoakLedger.Claim.DONE), null, answered, kind.confirms())
                : unexpected(kind, answered);
    }

    /** A refusal or an error: honest when it says what became of the turn's write, if it had one. */
    private static Reading failure(Kind kind, String code, String text, String sessionId) {
        if (text.isBlank()) {
            return new Reading(Verdict.UNEXPECTED, claimOf(kind, SoakLedger.Claim.UNKNOWN), code, sessionId, true);
        }
        if (!kind.confirms()) {
            return new Reading(Verdict.FAILED_HONESTLY, SoakLedger.Claim.NONE, code, sessionId, false);
        }
        String said = text.toLowerCase(Locale.ROOT);
        if (code.equals("outcome_unknown")) {
            SoakLedger.Claim claim = said.contains("found it applied")
                    ? SoakLedger.Claim.DONE
                    : said.contains("found it not applied") ? SoakLedger.Claim.NOT_DONE : SoakLedger.Claim.UNKNOWN;
            return new Reading(Verdict.FAILED_HONESTLY, claim, code, sessionId, true);
        }
        if (code.equals("already_confirmed") && said.contains("already confirmed")) {
            // a confirm of the preview an earlier confirm took: what the rows hold now decides the claim
            SoakLedger.Claim claim = said.contains(": it was saved.")
                    ? SoakLedger.Claim.DONE
                    : said.contains("the change was not saved") ? SoakLedger.Claim.NOT_DONE : SoakLedger.Claim.UNKNOWN;
            return new Reading(Verdict.FAILED_HONESTLY, claim, code, sessionId, true);
        }
        if (said.contains("nothing was changed") || said.contains("nothing was done")) {
            return new Reading(Verdict.FAILED_HONESTLY, SoakLedger.Claim.NOT_DONE, code, sessionId, false);
        }
        return new Reading(Verdict.UNEXPECTED, SoakLedger.Claim.UNKNOWN, code, sessionId, true);
    }

    private static Reading unexpected(Kind kind, String sessionId) {
        return new Reading(Verdict.UNEXPECTED, claimOf(kind, SoakLedger.Claim.UNKNOWN), null, sessionId, true);
    }

    /** A claim for a confirm; a turn of any other kind writes nothing. */
    private static SoakLedger.Claim claimOf(Kind kind, SoakLedger.Claim claim) {
        return kind.confirms() ? claim : SoakLedger.Claim.NONE;
    }
}
