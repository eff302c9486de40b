package dev.tabletalk.core.port.out;

import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.PlanValues;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.reply.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A planner's reading of one message, as data only. It is not trusted: the engine validates
 * every part of it against the catalog and policy before anything runs, and it can never
 * confirm anything.
 *
 * @param intent read, create, update or unknown
 * @param entity the entity reference it names, if any
 * @param fields field to value: values to set (create, update) or, without an entity, answers to the
 *     engine's question
 * @param filters conditions, for read and update
 * @param orderBy ordering for a read
 * @param limit rows asked for by a read, if said
 * @param refusal the planner's own refusal (e.g. a delete request), if any
 * @param trace which planner answered and at what cost
 * @param select the columns a read shows; empty means the default view
 * @param offset the matching rows (or groups) a read skips first
 * @param aggregate the aggregate a read computes, if any
 * @param question a clarifying question to ask instead of running anything, if the message can be read more than
 *     one way; each choice carries the plan it stands for (#13)
 * @param deleted which rows of an entity with a soft-delete marker a read counts: live ones unless the message
 *     says "including deleted" or asks for the deleted ones
 */
public record PlannerOutput(
        Intent intent,
        Optional<String> entity,
        Map<String, Object> fields,
        List<Condition> filters,
        List<Sort> orderBy,
        OptionalInt limit,
        Optional<Refusal> refusal,
        PlannerTrace trace,
        List<String> select,
        int offset,
        Optional<Aggregate> aggregate,
        Optional<Question> question,
        DeletedRows deleted) {

    public PlannerOutput {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(entity, "entity");
        fields = PlanValues.copyOf(fields);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(trace, "trace");
        select = List.copyOf(select);
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(deleted, "deleted");
    }

    /** An output without a question, whose read (if it is one) counts live rows only. */
    public PlannerOutput(
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            Optional<Refusal> refusal,
            PlannerTrace trace,
            List<String> select,
            int offset,
            Optional<Aggregate> aggregate) {
        this(
                intent,
                entity,
                fields,
                filters,
                orderBy,
                limit,
                refusal,
                trace,
                select,
                offset,
                aggregate,
                Optional.empty(),
                DeletedRows.EXCLUDED);
    }

    /** An output asking this question (or none), whose read (if it is one) counts live rows only. */
    public PlannerOutput(
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            Optional<Refusal> refusal,
            PlannerTrace trace,
            List<String> select,
            int offset,
            Optional<Aggregate> aggregate,
            Optional<Question> question) {
        this(
                intent,
                entity,
                fields,
                filters,
                orderBy,
                limit,
                refusal,
                trace,
                select,
                offset,
                aggregate,
                question,
                DeletedRows.EXCLUDED);
    }

    /** An output without a question, reading {@code deleted} rows. */
    public PlannerOutput(
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            Optional<Refusal> refusal,
            PlannerTrace trace,
            List<String> select,
            int offset,
            Optional<Aggregate> aggregate,
            DeletedRows deleted) {
        this(
                intent,
                entity,
                fields,
                filters,
                orderBy,
                limit,
                refusal,
                trace,
                select,
                offset,
                aggregate,
                Optional.empty(),
                deleted);
    }

    /** An output without a read's columns, offset or aggregate. */
    public PlannerOutput(
            Intent intent,
            Optional<String> entity,
            Map<String, Object> fields,
            List<Condition> filters,
            List<Sort> orderBy,
            OptionalInt limit,
            Optional<Refusal> refusal,
            PlannerTrace trace) {
        this(intent, entity, fields, filters, orderBy, limit, refusal, trace, List.of(), 0, Optional.empty());
    }

    /** This output with a read's columns to show, its offset and its aggregate. */
    public PlannerOutput withRead(List<String> newSelect, int newOffset, Optional<Aggregate> newAggregate) {
        return new PlannerOutput(
                intent,
                entity,
                fields,
                filters,
                orderBy,
                limit,
                refusal,
                trace,
                newSelect,
                newOffset,
                newAggregate,
                question,
                deleted);
    }

    /**
     * A question instead of a plan: intent unknown, nothing to run; the engine asks it and runs the plan of the
     * choice the next message picks.
     */
    public static PlannerOutput asking(Question question, PlannerTrace trace) {
        return new PlannerOutput(
                Intent.UNKNOWN,
                Optional.empty(),
                Map.of(),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace,
                List.of(),
                0,
                Optional.empty(),
                Optional.of(question),
                DeletedRows.EXCLUDED);
    }

    /** This output reading {@code rows}: live ones, live and deleted, or deleted only. */
    public PlannerOutput withDeleted(DeletedRows rows) {
        return new PlannerOutput(
                intent, entity, fields, filters, orderBy, limit, refusal, trace, select, offset, aggregate, question,
                rows);
    }

    /** "I could not understand that": intent unknown, nothing else. */
    public static PlannerOutput unknown(PlannerTrace trace) {
        return new PlannerOutput(
                Intent.UNKNOWN,
                Optional.empty(),
                Map.of(),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace);
    }

    /** A refusal decided by the planner (e.g. {@code DELETE_NOT_ALLOWED}). */
    public static PlannerOutput refused(Refusal refusal, PlannerTrace trace) {
        return new PlannerOutput(
                Intent.UNKNOWN,
                Optional.empty(),
                Map.of(),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                Optional.of(refusal),
                trace);
    }

    public static PlannerOutput read(String entity, List<? extends Condition> filters, PlannerTrace trace) {
        return new PlannerOutput(
                Intent.READ,
                Optional.of(entity),
                Map.of(),
                List.copyOf(filters),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace);
    }

    public static PlannerOutput create(String entity, Map<String, ?> fields, PlannerTrace trace) {
        return new PlannerOutput(
                Intent.CREATE,
                Optional.of(entity),
                PlanValues.copyOf(fields),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace);
    }

    public static PlannerOutput update(
            String entity, Map<String, ?> changes, List<? extends Condition> filters, PlannerTrace trace) {
        return new PlannerOutput(
                Intent.UPDATE,
                Optional.of(entity),
                PlanValues.copyOf(changes),
                List.copyOf(filters),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace);
    }

    /**
     * The read this output proposes on {@code entity} (the planner's reference, or the catalog's spelling of it): the
     * columns it asked for, its conditions, order, limit, offset, aggregate and which rows of a soft-deleting entity
     * it counts. One place, so that the conversation, the plan check and a question's choices build the same plan.
     */
    public ReadPlan readPlan(String entity) {
        return new ReadPlan(entity, select, filters, orderBy, limit, offset, aggregate, deleted);
    }

    /** The update this output proposes on {@code entity}: its values and its conditions. */
    public UpdatePlan updatePlan(String entity) {
        return new UpdatePlan(entity, fields, filters);
    }
}
