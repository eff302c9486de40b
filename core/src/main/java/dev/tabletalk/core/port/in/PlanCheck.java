package dev.tabletalk.core.port.in;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.reply.Interpretation;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a message would do, checked but not run ({@link PlanChecks#checkPlan}). When valid, names
 * are the catalog's and values are coerced to the column types; when refused, the planner's
 * reading is kept as it was, next to the refusal.
 *
 * @param message the message, verbatim
 * @param intent read, create, update or unknown
 * @param entity the entity reference, if one was named
 * @param fields values to set (create, update)
 * @param filters conditions (read, update)
 * @param limit the rows a read asked for, if said
 * @param refusal why it would be refused, if it would
 * @param select the columns a read shows ({@code select}); empty means the default view
 * @param orderBy a read's ordering
 * @param offset the matching rows a read skips first
 * @param aggregate a read's aggregate, if it computes one
 * @param interpretation a valid read as understood, in one line ({@link Interpretation}), as its reply states it
 * @param question the clarifying question the conversation would ask instead of running anything, with its
 *     numbered choices (#13); nothing else is checked then
 * @param deleted which rows of an entity with a soft-delete marker a read counts: live ones unless the message said
 *     "including deleted" or asked for the deleted ones
 */
public record PlanCheck(
        String message,
        Intent intent,
        Optional<String> entity,
        Map<String, Object> fields,
        List<Condition> filters,
        OptionalInt limit,
        Optional<Refusal> refusal,
        List<String> select,
        List<Sort> orderBy,
        int offset,
        Optional<Aggregate> aggregate,
        Optional<String> interpretation,
        Optional<ReplyPart.Question> question,
        DeletedRows deleted) {

    public PlanCheck {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        fields = PlanValues.copyOf(fields);
        filters = List.copyOf(filters);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(refusal, "refusal");
        select = List.copyOf(select);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(interpretation, "interpretation");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(deleted, "deleted");
    }

    /** A check of a read of live rows only (or of a write), asking this question or none. */
    public PlanCheck(
            String message,
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            OptionalInt limit,
            Optional<Refusal> refusal,
            List<String> select,
            List<Sort> orderBy,
            int offset,
            Optional<Aggregate> aggregate,
            Optional<String> interpretation,
            Optional<ReplyPart.Question> question) {
        this(
                message,
                intent,
                entity,
                fields,
                filters,
                limit,
                refusal,
                select,
                orderBy,
                offset,
                aggregate,
                interpretation,
                question,
                DeletedRows.EXCLUDED);
    }

    /** A check without a question. */
    public PlanCheck(
            String message,
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            OptionalInt limit,
            Optional<Refusal> refusal,
            List<String> select,
            List<Sort> orderBy,
            int offset,
            Optional<Aggregate> aggregate,
            Optional<String> interpretation) {
        this(
                message,
                intent,
                entity,
                fields,
                filters,
                limit,
                refusal,
                select,
                orderBy,
                offset,
                aggregate,
                interpretation,
                Optional.empty());
    }

    /** A check without a read's columns, order, offset, aggregate or interpretation. */
    public PlanCheck(
            String message,
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            OptionalInt limit,
            Optional<Refusal> refusal) {
        this(
                message,
                intent,
                entity,
                fields,
                filters,
                limit,
                refusal,
                List.of(),
                List.of(),
                0,
                Optional.empty(),
                Optional.empty());
    }

    /** This check counting {@code rows} of a soft-deleting entity. */
    public PlanCheck withDeleted(DeletedRows rows) {
        return new PlanCheck(
                message,
                intent,
                entity,
                fields,
                filters,
                limit,
                refusal,
                select,
                orderBy,
                offset,
                aggregate,
                interpretation,
                question,
                rows);
    }

    /** Whether the plan would be refused. */
    public boolean isRefused() {
        return refusal.isPresent();
    }
}
