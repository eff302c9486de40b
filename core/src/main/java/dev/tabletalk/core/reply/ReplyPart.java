package dev.tabletalk.core.reply;

import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One structured fact of a reply, so that every adapter renders the same facts its own way.
 * The set is closed; adapters handle each subtype (a test renders one sample of each).
 */
public sealed interface ReplyPart {

    /**
     * Rows read, masked where the catalog says so, and kept within the reply limits.
     *
     * @param entity the entity read
     * @param rows the rows shown; a value too long to show whole is a {@link dev.tabletalk.core.rows.TruncatedText}
     * @param rowsOmitted how many trailing rows were read but left out to keep the reply within its size limit
     * @param cellsTruncated how many values of the rows shown were cut to the cell limit
     * @param interpretation what the read was understood to ask, in one line ({@link Interpretation})
     * @param page which page of the read the rows are, for "show more" and "page 3" (#13); empty when not said
     */
    record Rows(
            String entity,
            RowSet rows,
            int rowsOmitted,
            int cellsTruncated,
            Optional<String> interpretation,
            Optional<Page> page)
            implements ReplyPart {
        public Rows {
            Objects.requireNonNull(page, "page");
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(rows, "rows");
            if (rowsOmitted < 0 || cellsTruncated < 0) {
                throw new IllegalArgumentException("counts of what was cut cannot be negative");
            }
            Objects.requireNonNull(interpretation, "interpretation");
        }

        /** Rows without a page. */
        public Rows(String entity, RowSet rows, int rowsOmitted, int cellsTruncated, Optional<String> interpretation) {
            this(entity, rows, rowsOmitted, cellsTruncated, interpretation, Optional.empty());
        }

        /** Rows without an interpretation. */
        public Rows(String entity, RowSet rows, int rowsOmitted, int cellsTruncated) {
            this(entity, rows, rowsOmitted, cellsTruncated, Optional.empty());
        }

        /** Rows shown whole: nothing cut, nothing left out. */
        public Rows(String entity, RowSet rows) {
            this(entity, rows, 0, 0);
        }

        /** Whether more rows matched than are shown (past the row cap, or left out for size). */
        public boolean hasMore() {
            return rows.hasMore() || rowsOmitted > 0;
        }

        /** Whether a value was cut or a row left out to keep the reply within its limits. */
        public boolean isTrimmed() {
            return rowsOmitted > 0 || cellsTruncated > 0;
        }
    }

    /**
     * Where the rows of a read stand in all its rows (#13): page {@code number}, rows {@code firstRow} to
     * {@code lastRow} counted from 1 (both 0 when the page is empty). Pages continue with "show more".
     */
    record Page(int number, int firstRow, int lastRow) {
        public Page {
            if (number < 1 || firstRow < 0 || lastRow < firstRow) {
                throw new IllegalArgumentException(
                        "not a page: number " + number + ", rows " + firstRow + " to " + lastRow);
            }
        }

        /** Page {@code number} of {@code shown} rows after {@code rowsBefore} others. */
        public static Page of(int number, int rowsBefore, int shown) {
            return shown == 0 ? new Page(number, 0, 0) : new Page(number, rowsBefore + 1, rowsBefore + shown);
        }
    }

    /** The draft in progress: the values collected so far (and, for an update, its filters). */
    record Draft(Intent intent, String entity, Map<String, Object> values, List<Condition> filters)
            implements ReplyPart {
        public Draft {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(entity, "entity");
            values = PlanValues.copyOf(values);
            filters = List.copyOf(filters);
        }
    }

    /**
     * Required fields still missing, and the one question asked now.
     *
     * @param fields the missing fields' names, the one asked for first
     * @param question the question asked now
     * @param details what each missing field takes, in the order of {@code fields} (may be empty when unknown)
     */
    record MissingFields(List<String> fields, String question, List<MissingField> details) implements ReplyPart {
        public MissingFields {
            fields = List.copyOf(fields);
            Objects.requireNonNull(question, "question");
            details = List.copyOf(details);
        }

        /** Missing fields without their details. */
        public MissingFields(List<String> fields, String question) {
            this(fields, question, List.of());
        }

        /** The details of the named field, if given. */
        public Optional<MissingField> detail(String field) {
            return details.stream().filter(d -> d.field().equals(field)).findFirst();
        }
    }

    /**
     * What one missing field takes.
     *
     * @param field the field's name
     * @param type its value type in lower case ({@code text}, {@code integer}, {@code date}, ...)
     * @param required whether a value must be given
     * @param allowed the values it allows (an enum column), empty when any value of the type goes
     */
    record MissingField(String field, String type, boolean required, List<String> allowed) {
        public MissingField {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(type, "type");
            allowed = List.copyOf(allowed);
        }
    }

    /**
     * A clarifying question waiting for its answer (stage {@code CLARIFYING}): the next message picks a choice by
     * its number, its label or its value (#13).
     *
     * @param text the question
     * @param choices the choices, numbered from 1
     */
    record Question(String text, List<Choice> choices) implements ReplyPart {
        public Question {
            Objects.requireNonNull(text, "text");
            choices = List.copyOf(choices);
        }
    }

    /**
     * One choice of a {@link Question}.
     *
     * @param n its number, from 1
     * @param label what the person sees
     * @param value what it stands for in short
     */
    record Choice(int n, String label, String value) {
        public Choice {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A preview waiting for a confirm. */
    record Preview(String previewId, dev.tabletalk.core.rows.Preview preview, Instant expiresAt) implements ReplyPart {
        public Preview {
            Objects.requireNonNull(previewId, "previewId");
            Objects.requireNonNull(preview, "preview");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** A confirmed write that was committed. */
    record Committed(Intent intent, String entity, int rowCount, List<RowKey> keys) implements ReplyPart {
        public Committed {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(entity, "entity");
            keys = List.copyOf(keys);
        }
    }

    /** A refusal with its code. */
    record Refused(Refusal refusal) implements ReplyPart {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /**
     * Something failed that is not the person's doing. {@code errorId} finds the details in
     * the audit log and the logs; the message never holds SQL, driver text or a stack trace.
     *
     * @param code {@code database_unavailable}, {@code planner_unavailable}, {@code audit_unavailable},
     *     {@code session_store_unavailable}, {@code shared_state_unavailable}, {@code chosen_database_unavailable}
     *     (this server has not switched to the database the operator chose on another server) or {@code internal}
     * @param message what to tell the person
     * @param retryable whether sending the same message again later can help
     * @param errorId a random id that finds the details
     */
    record Error(String code, String message, boolean retryable, String errorId) implements ReplyPart {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(errorId, "errorId");
        }

        /** The error code for a failed dependency. */
        public static String codeOf(Dependency dependency) {
            return dependency.name().toLowerCase(Locale.ROOT).replace("target_", "") + "_unavailable";
        }
    }
}
