package dev.tabletalk.plannerrules;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SchemaView.ColumnView;
import dev.tabletalk.core.conversation.Question;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The question the rules planner asks when one part of a message fits more than one column (#13): "'Germany':
 * country, city or region?", "'oldest': by birth_date or hire_date?". Each choice is labelled with its column and
 * carries the complete plan of the message read with that column, so the choices' plans differ in that column
 * only; the engine runs the one the next message picks (by number or name), validated like any plan.
 */
final class Clarifications {

    private Clarifications() {}

    /** The question for {@code plan}'s ambiguity, the rest of the message read as {@code where} says. */
    static PlannerOutput ask(PlanParts plan, List<Condition> where, PlannerTrace trace) {
        Ambiguity ambiguity = plan.ambiguity;
        List<Question.Choice> choices = new ArrayList<>();
        for (ColumnView column : ambiguity.columns()) {
            List<Condition> filters = new ArrayList<>(where);
            List<Sort> orderBy = new ArrayList<>(plan.orderBy);
            String value;
            if (ambiguity.kind() == Ambiguity.Kind.CONDITION) {
                filters.add(Filter.of(column.name(), ambiguity.op(), ambiguity.value()));
                value = plan.target.name() + "." + column.name() + " "
                        + ambiguity.op().symbol() + " "
                        + (ambiguity.value() instanceof List<?> list
                                ? String.join(
                                        ", ", list.stream().map(String::valueOf).toList())
                                : ambiguity.value());
            } else {
                orderBy.add(
                        Math.min(ambiguity.sortAt(), orderBy.size()), new Sort(column.name(), ambiguity.descending()));
                value = plan.target.name() + " by " + column.name() + (ambiguity.descending() ? " desc" : " asc");
            }
            choices.add(new Question.Choice(column.name(), value, plan(PlanOutputs.of(plan, filters, orderBy, trace))));
        }
        return PlannerOutput.asking(new Question(text(ambiguity), choices), trace);
    }

    /** Whether the ambiguity of {@code plan} can be asked about: a sort only matters to a read. */
    static boolean askable(PlanParts plan) {
        return plan.ambiguity.kind() == Ambiguity.Kind.CONDITION || plan.intent == Intent.READ;
    }

    /**
     * The question of {@code output} with every choice reading {@code rows} ("the newest films including
     * deleted"); empty unless every choice is a read of an entity with a soft-delete marker.
     */
    static Optional<PlannerOutput> withDeleted(PlannerOutput output, DeletedRows rows, SchemaView schema) {
        Question question = output.question().orElseThrow();
        List<Question.Choice> choices = new ArrayList<>();
        for (Question.Choice choice : question.choices()) {
            if (!(choice.plan() instanceof ReadPlan read)
                    || schema.entity(read.entity())
                            .flatMap(SchemaView.EntityView::softDelete)
                            .isEmpty()) {
                return Optional.empty();
            }
            choices.add(new Question.Choice(
                    choice.label(),
                    choice.value(),
                    new ReadPlan(
                            read.entity(),
                            read.fields(),
                            read.filters(),
                            read.orderBy(),
                            read.limit(),
                            read.offset(),
                            read.aggregate(),
                            rows)));
        }
        return Optional.of(PlannerOutput.asking(new Question(question.text(), choices), output.trace()));
    }

    private static String text(Ambiguity ambiguity) {
        List<String> names = ambiguity.columns().stream().map(ColumnView::name).toList();
        String list = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return ambiguity.kind() == Ambiguity.Kind.CONDITION
                ? "'" + ambiguity.words() + "': " + list + "?"
                : "'" + ambiguity.words() + "': by " + list + "?";
    }

    private static Plan plan(PlannerOutput output) {
        String entity = output.entity().orElseThrow();
        return output.intent() == Intent.UPDATE ? output.updatePlan(entity) : output.readPlan(entity);
    }
}
